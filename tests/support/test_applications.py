"""Applying: who may open a draft, the costs and their bad input, submission and the caps."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from innocluster.core.calendar import moscow_date
from innocluster.core.errors import Conflict, CoreErrorCode, NotFound, codes_by_field
from innocluster.features.support.errors import SupportErrorCode as Code
from innocluster.features.support.models import CostItem, GrantApplication
from innocluster.features.support.services import applications as services
from innocluster.platform.reviews import services as reviews
from innocluster.platform.reviews.errors import ReviewErrorCode

from ..core.test_uploads import deflate_bomb, embedded_file
from ..factories import OrganizationFactory, member_of
from ..status.helpers import pdf_file
from .helpers import D, a_draft, a_measure, a_participant, add_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure():
    return a_measure(cap_per_company_year=D("30000000.00"))


@pytest.fixture
def participant():
    return a_participant()


def test_a_participant_opens_a_draft_filled_from_their_profile(measure, participant):
    organization, owner = participant
    application = services.grant_application_create(
        measure=measure, organization=organization, actor=owner
    )
    assert application.case.status == "draft"
    assert application.contact_email == owner.email
    assert application.call.is_open()


def test_an_organization_without_the_status_cannot_apply(measure):
    organization = OrganizationFactory()
    owner = member_of(organization)
    with pytest.raises(ValidationError) as refusal:
        services.grant_application_create(measure=measure, organization=organization, actor=owner)
    assert refusal.value.code == Code.NOT_ELIGIBLE
    assert "Status" in str(refusal.value)  # the criterion unmet is named
    assert not GrantApplication.objects.exists()


def test_no_draft_outside_the_window(participant):
    measure = a_measure()
    measure.calls.all().delete()
    organization, owner = participant
    later = measure.calls.create(
        opens_on=moscow_date() + dt.timedelta(days=30),
        closes_on=moscow_date() + dt.timedelta(days=60),
    )
    with pytest.raises(ValidationError) as refusal:
        services.grant_application_create(measure=measure, organization=organization, actor=owner)
    assert refusal.value.code == Code.CALL_CLOSED
    assert later.opens_on.strftime("%m/%d/%Y") in str(refusal.value)  # as English writes it
    with translation.override("ru"), pytest.raises(ValidationError) as russian:
        services.grant_application_create(measure=measure, organization=organization, actor=owner)
    assert later.opens_on.strftime("%d.%m.%Y") in str(russian.value)


def test_a_viewer_cannot_apply(measure, participant):
    organization, _owner = participant
    viewer = member_of(organization, "viewer")
    with pytest.raises(NotFound):  # as for an organization one cannot see
        services.grant_application_create(measure=measure, organization=organization, actor=viewer)


def test_several_open_applications_to_one_measure_are_allowed(measure, participant):
    organization, owner = participant
    first = services.grant_application_create(
        measure=measure, organization=organization, actor=owner
    )
    second = services.grant_application_create(
        measure=measure, organization=organization, actor=owner
    )
    assert first.case.number != second.case.number


@pytest.mark.parametrize(
    ("amount", "code"),
    [
        ("-5", "min_value"),
        ("0", "min_value"),
        ("abc", "invalid"),
        ("12.345", "max_decimal_places"),
        ("NaN", "invalid"),
        ("1e20", "max_value"),
    ],
)
def test_bad_amounts_are_refused_and_nothing_is_added(measure, participant, amount, code):
    organization, owner = participant
    application = a_draft(measure, organization, owner, items=())
    with pytest.raises(ValidationError) as refusal:
        add_item(application, owner, amount=amount)
    assert codes_by_field(refusal.value) == {"amount": [code]}
    assert not CostItem.objects.exists()


def test_a_category_the_measure_does_not_cover_is_refused(measure, participant):
    organization, owner = participant
    application = a_draft(measure, organization, owner, items=())
    with pytest.raises(ValidationError) as refusal:
        add_item(application, owner, amount="100.00", category="salaries")
    assert codes_by_field(refusal.value) == {"category": [Code.NOT_COVERED]}
    assert "equipment" in refusal.value.message_dict["category"][0]  # what it covers is named
    assert not CostItem.objects.exists()


def test_a_cost_needs_a_real_pdf(measure, participant):
    organization, owner = participant
    application = a_draft(measure, organization, owner, items=())
    for content, code in (
        (b"not a pdf", CoreErrorCode.NOT_A_PDF),
        (embedded_file(), CoreErrorCode.PDF_ACTIVE_CONTENT),
        (deflate_bomb(), CoreErrorCode.PDF_TOO_COMPLEX),
    ):
        with pytest.raises(ValidationError) as refusal:
            services.cost_item_add(
                application=application, actor=owner, description="Станок", category="equipment",
                origin="domestic", amount="10.00", upload=pdf_file("invoice.pdf.exe", content),
            )  # fmt: skip
        assert codes_by_field(refusal.value) == {"document": [code]}
        assert not CostItem.objects.exists()


def test_an_incomplete_application_lists_everything_missing(measure, participant):
    organization, owner = participant
    application = services.grant_application_create(
        measure=measure, organization=organization, actor=owner
    )
    with pytest.raises(ValidationError) as refusal:
        reviews.case_submit(case=application.case, actor=owner)
    missing = codes_by_field(refusal.value)
    assert missing["purpose"] == missing["items"] == missing["contact_phone"] == ["required"]
    assert missing["documents"] == [ReviewErrorCode.MISSING_DOCUMENT]
    application.case.refresh_from_db()
    assert application.case.status == "draft"


def test_submission_fixes_the_requested_amount_and_its_computation(measure, participant):
    organization, owner = participant
    application = a_draft(
        measure, organization, owner,
        items=[(D("1000000.01"), "domestic"), (D("333.33"), "imported")],
    )  # fmt: skip
    reviews.case_submit(case=application.case, actor=owner)
    application.refresh_from_db()
    assert application.requested_amount == D("500116.66")
    assert application.computation["total"] == "500116.66"
    assert application.cap_year == moscow_date().year
    assert application.profile["inn"] == organization.inn


def test_submitting_after_the_window_closed_is_refused(measure, participant):
    organization, owner = participant
    application = a_draft(measure, organization, owner)
    measure.calls.update(closes_on=moscow_date() - dt.timedelta(days=1))
    with pytest.raises(ValidationError) as refusal:
        reviews.case_submit(case=application.case, actor=owner)
    assert refusal.value.code == Code.CALL_CLOSED
    application.case.refresh_from_db()
    assert application.case.status == "draft"


def test_a_draft_of_a_measure_the_fund_withdrew_is_not_submitted(measure, participant):
    organization, owner = participant
    application = a_draft(measure, organization, owner)
    measure.is_published = False
    measure.save()
    with pytest.raises(ValidationError) as refusal:
        reviews.case_submit(case=application.case, actor=owner)
    assert refusal.value.code == Code.MEASURE_WITHDRAWN
    application.case.refresh_from_db()
    assert application.case.status == "draft"


def test_a_request_above_the_cap_per_application_is_capped_with_the_reason(participant):
    measure = a_measure(cap_per_application=D("100000.00"))
    organization, owner = participant
    application = a_draft(measure, organization, owner, items=[(D("1000000.00"), "domestic")])
    reviews.case_submit(case=application.case, actor=owner)
    application.refresh_from_db()
    assert application.requested_amount == D("100000.00")
    assert "cap per application" in application.computation["caps"][0]


def test_a_measure_that_refuses_requests_above_its_cap(participant):
    measure = a_measure(cap_per_application=D("100000.00"), over_cap_policy="refuse")
    organization, owner = participant
    application = a_draft(measure, organization, owner, items=[(D("1000000.00"), "domestic")])
    with pytest.raises(ValidationError) as refusal:
        reviews.case_submit(case=application.case, actor=owner)
    assert codes_by_field(refusal.value) == {"items": [Code.ABOVE_CAP]}
    application.refresh_from_db()
    assert application.requested_amount is None


def test_pending_applications_count_against_the_yearly_cap(participant):
    measure = a_measure(cap_per_company_year=D("600000.00"))
    organization, owner = participant
    first = a_draft(measure, organization, owner, items=[(D("1000000.00"), "domestic")])
    second = a_draft(measure, organization, owner, items=[(D("1000000.00"), "domestic")])
    third = a_draft(measure, organization, owner, items=[(D("1000000.00"), "domestic")])
    reviews.case_submit(case=first.case, actor=owner)
    reviews.case_submit(case=second.case, actor=owner)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.requested_amount, second.requested_amount) == (D("500000.00"), D("100000.00"))
    with pytest.raises(ValidationError) as refusal:
        reviews.case_submit(case=third.case, actor=owner)
    assert codes_by_field(refusal.value) == {"items": [Code.ABOVE_CAP]}
    # Withdrawing frees what the application held.
    reviews.case_withdraw(case=first.case, actor=owner)
    reviews.case_submit(case=third.case, actor=owner)
    third.refresh_from_db()
    assert third.requested_amount == D("500000.00")


def test_nothing_changes_once_submitted(measure, participant):
    organization, owner = participant
    application = a_draft(measure, organization, owner)
    reviews.case_submit(case=application.case, actor=owner)
    with pytest.raises(Conflict) as refusal:
        add_item(application, owner, amount="10.00")
    assert refusal.value.code == ReviewErrorCode.CASE_STATE
    assert application.items.count() == 1


def test_a_fixed_sum_per_patent(participant):
    measure = a_measure(
        rules=[("patent_ru", "any", "fixed", None, D("75000.00")),
               ("patent_foreign", "any", "fixed", None, D("2000000.00"))],
    )  # fmt: skip
    organization, owner = participant
    application = a_draft(measure, organization, owner, items=())
    add_item(application, owner, amount=D("90000.00"), category="patent_ru")
    add_item(application, owner, amount=D("50000.00"), category="patent_ru")
    add_item(application, owner, amount=D("3500000.00"), category="patent_foreign")
    reviews.case_submit(case=application.case, actor=owner)
    application.refresh_from_db()
    assert application.requested_amount == D("75000.00") + D("50000.00") + D("2000000.00")


def test_the_seeded_catalogue_holds_the_real_measures():
    from innocluster.features.support.models import Measure

    equipment = Measure.objects.get(code="equipment-purchase")
    rules = {(r.category, r.origin): r.percent for r in equipment.cost_rules.all()}
    assert rules[("equipment", "domestic")] == Decimal("50")
    assert rules[("equipment", "imported")] == Decimal("35")
    assert equipment.cap_per_company_year == Decimal("30000000.00")
    substitution = Measure.objects.get(code="import-substitution")
    assert (substitution.advance_percent, substitution.yearly_tranches) == (Decimal("25"), 3)


def test_a_cost_the_fund_stopped_covering_is_named_not_a_crash(measure, participant):
    organization, owner = participant
    application = a_draft(measure, organization, owner)
    measure.cost_rules.filter(origin="domestic").delete()
    preview = services.application_computation(application)
    assert preview.uncovered == ["Фрезерный станок"] and preview.total == 0
    with pytest.raises(ValidationError) as refusal:
        reviews.case_submit(case=application.case, actor=owner)
    assert codes_by_field(refusal.value) == {"items": [Code.NOT_COVERED]}


def test_the_costs_of_one_application_cannot_overflow_the_amount(participant):
    measure = a_measure()
    organization, owner = participant
    application = a_draft(measure, organization, owner, items=[(D("999999999999.99"), "domestic")])
    with pytest.raises(ValidationError) as refusal:
        add_item(application, owner, amount="999999999999.99")
    assert codes_by_field(refusal.value) == {"amount": [Code.TOO_LARGE]}
    assert application.items.count() == 1


def test_after_the_window_an_answer_may_not_raise_the_request(measure, participant):
    from ..status.helpers import reviewer

    organization, owner = participant
    application = a_draft(measure, organization, owner)
    reviews.case_submit(case=application.case, actor=owner)
    reviews.case_decide(
        case=application.case, reviewer=reviewer(), decision="request_info", reason="Счёт?"
    )
    measure.calls.update(closes_on=moscow_date() - dt.timedelta(days=1))
    add_item(application, owner, amount="10000000.00")
    with pytest.raises(ValidationError) as refusal:
        reviews.case_resubmit(case=application.case, actor=owner)
    assert codes_by_field(refusal.value) == {"items": [Code.CALL_CLOSED]}
    application.refresh_from_db()
    assert application.requested_amount == D("500000.00")


def test_a_refusing_measure_refuses_when_an_item_cap_bites(participant):
    measure = a_measure(
        rules=[("equipment", "any", "share", D("50"), None, D("100000.00"))],
        over_cap_policy="refuse",
    )
    organization, owner = participant
    application = a_draft(measure, organization, owner)
    with pytest.raises(ValidationError) as refusal:
        reviews.case_submit(case=application.case, actor=owner)
    assert codes_by_field(refusal.value) == {"items": [Code.ABOVE_CAP]}
    assert "cap per item" in str(refusal.value)  # the cap that bites is named


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("org_types", ["not-a-type"], "invalid_choice"),
        ("regions", "77", "invalid"),  # not a list
        ("regions", ["99x"], "invalid_choice"),
    ],
)
def test_a_measure_accepts_only_known_codes(field, value, code):
    measure = a_measure()
    setattr(measure, field, value)
    with pytest.raises(ValidationError) as refusal:
        measure.full_clean()
    assert codes_by_field(refusal.value)[field] == [code]
