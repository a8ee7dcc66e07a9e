"""Reviewers score and cut; approval fixes the award on what they accepted."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from innocluster.core.errors import Conflict, PermissionDenied, codes_by_field
from innocluster.features.support.errors import SupportErrorCode as Code
from innocluster.features.support.models import Award
from innocluster.features.support.services import review as services
from innocluster.platform.ledger.models import Entry
from innocluster.platform.reviews import services as reviews
from innocluster.platform.reviews.errors import ReviewErrorCode

from ..status.helpers import reviewer
from .helpers import D, a_draft, a_measure, a_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted():
    measure = a_measure(
        cap_per_company_year=D("30000000.00"), criteria=(("Эффект", 3), ("Рабочие места", 1))
    )
    organization, owner = a_participant()
    application = a_draft(
        measure, organization, owner,
        items=[(D("1000000.00"), "domestic"), (D("200000.00"), "imported")],
    )  # fmt: skip
    reviews.case_submit(case=application.case, actor=owner)
    application.refresh_from_db()
    return application


@pytest.fixture
def expert():
    return reviewer()


def _score_all(application, expert, value=8):
    for criterion in application.measure.criteria.all():
        services.grant_score(
            application=application, reviewer=expert, criterion_id=criterion.pk, score=value
        )


def test_the_weighted_score(submitted, expert):
    effect, jobs = submitted.measure.criteria.all()
    services.grant_score(application=submitted, reviewer=expert, criterion_id=effect.pk, score=9)
    assert services.weighted_score(submitted) is None  # not every criterion is scored yet
    services.grant_score(application=submitted, reviewer=expert, criterion_id=jobs.pk, score=5)
    assert services.weighted_score(submitted) == Decimal("8.00")  # (9·3 + 5·1) / 4


@pytest.mark.parametrize("score", [-1, 11, "ten", None])
def test_a_score_is_a_whole_number_from_0_to_10(submitted, expert, score):
    criterion = submitted.measure.criteria.first()
    with pytest.raises(ValidationError) as refusal:
        services.grant_score(
            application=submitted, reviewer=expert, criterion_id=criterion.pk, score=score
        )
    assert codes_by_field(refusal.value) == {"score": ["invalid"]}
    assert not submitted.scores.exists()


def test_an_applicant_cannot_score_their_own_application(submitted):
    owner = submitted.case.created_by
    with pytest.raises(PermissionDenied):
        services.grant_score(
            application=submitted,
            reviewer=owner,
            criterion_id=submitted.measure.criteria.first().pk,
            score=10,
        )


def test_a_cut_needs_a_reason_and_cannot_exceed_the_claim(submitted, expert):
    item = submitted.items.first()
    with pytest.raises(ValidationError) as no_reason:
        services.cost_item_cut(
            application=submitted, reviewer=expert, item_id=item.pk,
            accepted_amount="500000.00", reason="",
        )  # fmt: skip
    assert codes_by_field(no_reason.value) == {"reason": ["required"]}
    with pytest.raises(ValidationError) as too_much:
        services.cost_item_cut(
            application=submitted, reviewer=expert, item_id=item.pk,
            accepted_amount="2000000.00", reason="больше",
        )  # fmt: skip
    assert codes_by_field(too_much.value) == {"accepted_amount": [Code.ABOVE_CLAIMED]}
    item.refresh_from_db()
    assert item.accepted_amount is None


def test_approval_awards_the_rules_on_the_accepted_costs(submitted, expert):
    domestic = submitted.items.get(origin="domestic")
    services.cost_item_cut(
        application=submitted, reviewer=expert, item_id=domestic.pk,
        accepted_amount="600000.00", reason="Часть оборудования уже оплачена",
    )  # fmt: skip
    _score_all(submitted, expert)
    reviews.case_decide(case=submitted.case, reviewer=expert, decision="approve")
    award = Award.objects.get(application=submitted)
    # 50% of 600,000 accepted + 35% of 200,000 = 300,000 + 70,000
    assert award.amount == D("370000.00")
    entry = Entry.objects.get(kind="support.award.granted")
    assert "370000.00" in entry.data


def test_approval_needs_every_criterion_scored(submitted, expert):
    with pytest.raises(ValidationError) as refusal:
        reviews.case_decide(case=submitted.case, reviewer=expert, decision="approve")
    assert codes_by_field(refusal.value) == {"scores": [Code.SCORES_MISSING]}
    submitted.case.refresh_from_db()
    assert submitted.case.status == "submitted"
    assert not Award.objects.exists()


def test_everything_cut_cannot_be_approved(submitted, expert):
    for item in submitted.items.all():
        services.cost_item_cut(
            application=submitted, reviewer=expert, item_id=item.pk,
            accepted_amount="0", reason="Не относится к мере",
        )  # fmt: skip
    _score_all(submitted, expert)
    with pytest.raises(ValidationError) as refusal:
        reviews.case_decide(case=submitted.case, reviewer=expert, decision="approve")
    assert refusal.value.code == Code.NOTHING_TO_AWARD
    assert not Award.objects.exists()


def test_no_scoring_after_the_decision(submitted, expert):
    reviews.case_decide(case=submitted.case, reviewer=expert, decision="reject", reason="Нет")
    with pytest.raises(Conflict) as refusal:
        _score_all(submitted, expert)
    assert refusal.value.code == ReviewErrorCode.CASE_STATE


def test_the_submitted_computation_stays_beside_the_awarded_one(submitted, expert):
    domestic = submitted.items.get(origin="domestic")
    services.cost_item_cut(
        application=submitted, reviewer=expert, item_id=domestic.pk,
        accepted_amount="200000.00", reason="Часть не подтверждена",
    )  # fmt: skip
    _score_all(submitted, expert)
    reviews.case_decide(case=submitted.case, reviewer=expert, decision="approve")
    submitted.refresh_from_db()
    assert submitted.computation["total"] == "570000.00"  # 500,000 + 70,000 as submitted
    assert submitted.awarded_computation["total"] == "170000.00"  # 100,000 + 70,000 accepted
