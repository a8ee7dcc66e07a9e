"""The profile a reviewer decides on, as kept at submission, reads in words: the region's name,
the type of organization, the industries' names, never the stored codes."""

import pytest
from django.utils import translation

from innocluster.platform.reviews import services

from ..factories import OrganizationFactory, member_of
from ..status.helpers import an_industry, complete_draft

pytestmark = pytest.mark.django_db


def test_the_kept_profile_reads_in_words():
    organization = OrganizationFactory(region="78", org_type="it_company")
    organization.industries.add(an_industry())
    owner = member_of(organization, "owner")
    application = complete_draft(organization, owner)
    services.case_submit(case=application.case, actor=owner)
    application.refresh_from_db()

    with translation.override("ru"):
        rows = dict((str(label), text) for label, text in application.profile_rows())

    assert rows["регион"] == "78 — Санкт-Петербург"  # as the region list reads
    assert rows["отрасли"].startswith("Электроника")  # the seeded name, not its slug
    assert rows["тип организации"] != "it_company"
    assert "electronics" not in rows.values()
