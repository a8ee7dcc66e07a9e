"""Two members of one organization at once (PostgreSQL's row locks): opening the report gives
one report, submitting it gives one submission; neither deadlocks."""

import threading

import pytest
from django.db import connection, connections

from innocluster.features.kpireports import services
from innocluster.features.kpireports.models import KpiReport, ReportDue
from innocluster.platform.reviews import services as kit
from innocluster.platform.reviews.models import Case, CaseEvent

from ..factories import member_of
from .helpers import a_campaign, a_participant, filled

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (row locks)"),
    pytest.mark.django_db(transaction=True),
]


def together(work, people):
    outcomes = []

    def run(person):
        try:
            outcomes.append(work(person))
        except Exception as error:  # noqa: BLE001 (asserted by the callers)
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "deadlocked"
    return outcomes


def test_two_members_opening_the_report_at_once_get_one(monkeypatch):
    campaign = a_campaign()
    organization, owner = a_participant()
    editor = member_of(organization, "editor")
    ReportDue.objects.create(campaign=campaign, organization=organization)
    both_there = threading.Barrier(2, timeout=10)
    check = services.organization_ids_of

    def check_together(**kwargs):
        both_there.wait()
        return check(**kwargs)

    monkeypatch.setattr(services, "organization_ids_of", check_together)
    outcomes = together(
        lambda person: (
            services.report_open(campaign=campaign, organization=organization, actor=person).pk
        ),
        [owner, editor],
    )
    assert all(isinstance(pk, int) for pk in outcomes), outcomes
    assert len(set(outcomes)) == 1
    assert KpiReport.objects.count() == Case.objects.count() == 1


def test_two_members_filing_at_once_file_once(monkeypatch):
    campaign = a_campaign()
    organization, owner = a_participant()
    editor = member_of(organization, "editor")
    ReportDue.objects.create(campaign=campaign, organization=organization)
    report = filled(
        services.report_open(campaign=campaign, organization=organization, actor=owner), owner
    )
    outcomes = together(
        lambda person: kit.case_submit(case=report.case, actor=person).status, [owner, editor]
    )
    assert outcomes == ["submitted", "submitted"], outcomes
    assert CaseEvent.objects.filter(case=report.case, action="submitted").count() == 1
    report.refresh_from_db()
    assert report.filed_at is not None
