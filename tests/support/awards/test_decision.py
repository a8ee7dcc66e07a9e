"""The award is fixed by the review decision itself: approval calls award_create in the
decision's transaction (support.review's on_approve), so both commit or neither does."""

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile

from innocluster.features.support.awards.models import Award
from innocluster.features.support.models import CostItem, CostRule
from innocluster.platform.ledger.models import Entry
from innocluster.platform.reviews import services as reviews

from .conftest import an_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def under_review(organization, owner, measure):
    CostRule.objects.create(
        measure=measure, category="equipment", origin="any", mode="share", percent=50
    )
    application = an_application(organization, owner, measure, amount=Decimal("1000000.00"))
    CostItem.objects.create(
        application=application,
        description="Станок",
        category="equipment",
        origin="domestic",
        amount=Decimal("2000000.00"),
        document=ContentFile(b"%PDF-1.4", name="invoice.pdf"),
        document_name="invoice.pdf",
        document_sha256="0" * 64,
    )
    case = application.case
    case.status = "in_review"  # submitted and taken (the pipeline is tested in tests/reviews)
    case.save(update_fields=["status"])
    return application


def test_approval_awards_and_generates_the_agreement(under_review, a_reviewer):
    reviews.case_decide(case=under_review.case, reviewer=a_reviewer, decision="approve")
    award = Award.objects.get()
    assert award.application == under_review and award.amount == Decimal("1000000.00")
    assert award.agreement.sha256 and award.agreement.file
    kinds = list(Entry.objects.values_list("kind", flat=True))
    assert kinds == ["support.award.granted", "review.decided"]


def test_an_award_that_fails_takes_the_decision_back_with_it(under_review, a_reviewer, monkeypatch):
    from innocluster.features.support.awards.services import agreements

    def broken(*args, **kwargs):
        raise RuntimeError("the PDF could not be written")

    monkeypatch.setattr(agreements, "agreement_pdf", broken)
    with pytest.raises(RuntimeError):
        reviews.case_decide(case=under_review.case, reviewer=a_reviewer, decision="approve")
    under_review.case.refresh_from_db()
    assert under_review.case.status == "in_review"
    assert not Award.objects.exists() and not Entry.objects.exists()
