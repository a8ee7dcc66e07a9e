"""The report's sources read the owning features' own data, by the Moscow year."""

import datetime as dt

import pytest
from django.utils import timezone

from innocluster.features.ipregistry.models import IPObject
from innocluster.features.kpireports.sources import known_figures, year_bounds

from ..ipregistry.helpers import register
from .helpers import a_participant

pytestmark = pytest.mark.django_db
CODES = ["ip_registered", "jobs_created", "cooperative_projects", "support_received"]


def test_ip_registered_on_the_ledger_counts_in_its_moscow_year():
    organization, owner = a_participant()
    inside = register(organization, owner, work_sha256="a" * 64)
    outside = register(organization, owner, work_sha256="b" * 64)
    # 31 December 22:00 UTC is already 1 January in Moscow: the next year's
    new_year = timezone.make_aware(dt.datetime(2025, 12, 31, 22, 0), dt.UTC)
    IPObject.objects.filter(pk=inside.pk).update(registered_at=new_year - dt.timedelta(hours=2))
    IPObject.objects.filter(pk=outside.pk).update(registered_at=new_year)
    known = known_figures(organization_id=organization.pk, year=2025, codes=CODES)
    assert known["ip_registered"] == {
        "value": "1",
        "sources": {"IP registered on the ledger": "1"},
    }
    assert known["cooperative_projects"]["value"] == "0"
    assert set(known) == set(CODES)


def test_the_year_is_moscows():
    start, end = year_bounds(2025)
    assert start.isoformat() == "2025-01-01T00:00:00+03:00"
    assert end.isoformat() == "2026-01-01T00:00:00+03:00"
