"""A grant from a pilot (issue 20, step 7): the "pilot testing" support measure covers a
test's costs by its categories, at most 2 million RUB per test; an application refers to the
applicant's own pilot with an agreed plan and is filled from it."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from innocluster.core.errors import NotFound
from innocluster.features.support.models import GrantApplication, Measure
from innocluster.features.support.services import applications as services
from innocluster.features.support.services.pilots import pilot_values
from innocluster.platform.reviews.models import Case
from tests.factories import OrganizationFactory, member_of, with_status

from ..reviews.plug import api_client, page_client
from ..support.helpers import add_item, open_call
from .test_plan import pilot_at_agreement
from .test_testing import running_pilot

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure():
    measure = Measure.objects.get(code="pilot-testing")
    open_call(measure)
    return measure


def apply(measure, pilot, actor, **fields):
    return services.grant_application_create(
        measure=measure, organization=pilot.organization, actor=actor, pilot_id=pilot.pk, **fields
    )


def test_the_measure_covers_a_tests_costs_by_category_up_to_two_million(measure):
    categories = set(measure.cost_rules.values_list("category", flat=True))
    assert categories == {
        "pilot_logistics", "pilot_insurance", "pilot_certification", "pilot_consumables",
        "pilot_labour", "pilot_repair", "pilot_rent",
    }  # fmt: skip
    assert measure.cap_per_application == Decimal("2000000.00") and measure.requires_pilot


def test_an_application_from_the_companys_own_pilot_is_filled_from_it(measure):
    pilot, owner, person, fund = running_pilot()
    # The purpose is written in the applicant's language, its dates too.
    with translation.override("ru"):
        russian = pilot_values(measure=measure, organization=pilot.organization, pilot_id=pilot.pk)
    assert "02.03.2026 – 24.04.2026" in russian["purpose"]
    application = apply(measure, pilot, owner)
    assert application.pilot_id == pilot.pk
    assert pilot.title in application.purpose and "03/02/2026 – 04/24/2026" in application.purpose
    add_item(application, owner, amount=Decimal("1500000.00"), origin="domestic",
             category="pilot_labour")  # fmt: skip
    add_item(application, owner, amount=Decimal("900000.00"), origin="domestic",
             category="pilot_rent")  # fmt: skip
    computed = services.application_computation(application, accepted=False)
    assert computed.subtotal == Decimal("2400000.00") and computed.total == Decimal("2000000.00")
    with pytest.raises(ValidationError) as not_covered:
        add_item(application, owner, amount=Decimal("100.00"), origin="domestic",
                 category="equipment")  # fmt: skip
    assert not_covered.value.error_dict["category"][0].code == "not_covered"


def test_another_companys_pilot_is_a_404_and_nothing_is_written(measure):
    pilot, owner, person, fund = running_pilot()
    other = with_status(OrganizationFactory())
    stranger = member_of(other, "owner")
    with pytest.raises(NotFound):
        services.grant_application_create(
            measure=measure, organization=other, actor=stranger, pilot_id=pilot.pk
        )
    page = page_client(stranger).post(
        f"/support/measures/{measure.pk}/apply/{other.pk}", {"pilot": pilot.pk}
    )
    assert page.status_code == 404
    api = api_client(stranger).post(
        "/api/v1/grant-applications/",
        {"organization": other.pk, "measure": measure.pk, "pilot_id": pilot.pk},
        format="json",
    )
    assert api.status_code == 404, api.content
    assert (
        not GrantApplication.objects.exists()
        and not Case.objects.filter(kind="support.grant").exists()
    )


def test_no_pilot_an_unagreed_plan_or_a_second_application_is_refused(measure):
    pilot, owner, person, fund = pilot_at_agreement()
    with pytest.raises(ValidationError) as none:
        services.grant_application_create(
            measure=measure, organization=pilot.organization, actor=owner
        )
    assert none.value.error_dict["pilot_id"][0].code == "pilot_required"
    with pytest.raises(ValidationError) as unagreed:
        apply(measure, pilot, owner)
    assert unagreed.value.error_dict["pilot_id"][0].code == "pilot_not_agreed"
    assert not GrantApplication.objects.exists()
    running, owner, person, fund = running_pilot()
    apply(measure, running, owner)
    with pytest.raises(ValidationError) as twice:
        apply(measure, running, owner)
    assert twice.value.error_dict["pilot_id"][0].code == "pilot_grant_exists"
    assert GrantApplication.objects.count() == 1


def test_the_pilot_page_offers_the_grant_and_the_button_opens_the_draft(measure):
    pilot, owner, person, fund = running_pilot()
    client = page_client(owner)
    page = client.get(f"/pilots/{pilot.pk}/").content.decode()
    assert f'name="pilot" value="{pilot.pk}"' in page
    assert 'name="pilot"' not in page_client(person).get(f"/pilots/{pilot.pk}/").content.decode()
    opened = client.post(
        f"/support/measures/{measure.pk}/apply/{pilot.organization_id}", {"pilot": pilot.pk}
    )
    assert opened.status_code == 302
    assert GrantApplication.objects.get().pilot_id == pilot.pk
    assert f'href="/pilots/{pilot.pk}/"' in client.get(opened["Location"]).content.decode()


def _complete(application, owner, measure):
    """A draft made ready to submit: its purpose, contact, a cost and every document."""
    from innocluster.platform.reviews import services as kit
    from tests.status.helpers import pdf_file

    kit.submission_update(
        submission=application, actor=owner, fields={"contact_phone": "+7 495 000-00-00"}
    )
    add_item(application, owner, amount=Decimal("500000.00"), category="pilot_labour")
    for requirement in measure.required_documents.all():
        kit.submission_document_add(
            submission=application, actor=owner, requirement=requirement.pk, upload=pdf_file()
        )


def test_two_drafts_opened_at_once_for_one_test_submit_only_once(measure):
    # Both drafts pass the draft's check when opened at the same moment (the merge's review);
    # the submission checks again under the organization's lock.
    from innocluster.platform.reviews import services as kit

    running, owner, person, fund = running_pilot()
    first = apply(measure, running, owner)
    GrantApplication.objects.filter(pk=first.pk).update(pilot_id=None)
    second = apply(measure, running, owner)
    GrantApplication.objects.filter(pk=first.pk).update(pilot_id=running.pk)
    first.refresh_from_db()
    for draft in (first, second):
        _complete(draft, owner, measure)
    kit.case_submit(case=first.case, actor=owner)
    with pytest.raises(ValidationError) as twice:
        kit.case_submit(case=second.case, actor=owner)
    assert twice.value.error_dict["pilot_id"][0].code == "pilot_grant_exists"
    assert Case.objects.get(pk=second.case.pk).status == "draft"
