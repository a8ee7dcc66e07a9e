"""The submission kit's applicant pages as a person meets them, on the fake kind: what a
refusal keeps, what a second click says, where discarding a draft leads, what a decided
case shows."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from innocluster.platform.ledger.services import ledger_checkpoint_sign
from innocluster.platform.reviews import services
from innocluster.platform.reviews.models import Case

from ..status.conftest import a_reviewer  # noqa: F401
from .test_contract_fake import FakePlug

pytestmark = pytest.mark.django_db


@pytest.fixture
def plug():
    return FakePlug()


@pytest.fixture
def applicant(plug, client):
    applicant = plug.applicant()
    client.force_login(applicant.member)
    return applicant


def page_url(case, name="application"):
    return reverse(f"fakekind:{name}", args=[case.pk])


def text(response) -> str:
    return response.content.decode()


def ru(message: str, **params) -> str:
    """What a page says, in Russian: the fake kind's pages have no /en/ prefix."""
    with translation.override("ru"):
        said = translation.gettext(message)
    return escape(said % params if params else said)


def test_a_refused_save_is_named_at_the_top_and_marked_on_its_field(client, plug, applicant):
    case = plug.draft(applicant).case

    refused = client.post(page_url(case), {"title": "x", "contact_email": "not an e-mail"})

    assert refused.status_code == 400
    assert ru("Not saved: correct what is marked below.") in text(refused)
    assert refused.context["form"].has_error("contact_email", "invalid")


def test_a_refused_answer_to_the_fund_keeps_the_applicants_message(
    client,
    plug,
    applicant,
    a_reviewer,  # noqa: F811
):
    submission = plug.complete(plug.draft(applicant), applicant.member)
    case = services.case_submit(case=submission.case, actor=applicant.member)
    services.case_decide(case=case, reviewer=a_reviewer, decision="request_info", reason="More.")
    submission.documents.get().delete()  # the answer now lacks its document

    refused = client.post(page_url(case, "resubmit"), {"message": "Телефон обновлён."})

    assert refused.status_code == 400
    assert "Телефон обновлён." in text(refused)
    assert Case.objects.get(pk=case.pk).status == "info_requested"


def test_a_second_submit_says_it_was_submitted_already(client, plug, applicant):
    submission = plug.complete(plug.draft(applicant), applicant.member)
    client.post(page_url(submission.case, "submit"), follow=True)  # its message shown

    again = client.post(page_url(submission.case, "submit"), follow=True)

    said = ru(
        "Application %(number)s was submitted already; it is %(status)s.",
        number=submission.case.number,
        status=ru("submitted"),
    )
    assert said in text(again)
    assert ru("Submitted. The fund's decision is due by the date shown.") not in text(again)


def test_discarding_a_draft_leads_on_and_says_so(client, plug, applicant):
    case = plug.draft(applicant).case

    discarded = client.post(page_url(case, "withdraw"))

    assert discarded.url == reverse("reviews:mine")
    assert Case.objects.get(pk=case.pk).status == "withdrawn"
    follow = client.get(discarded.url)
    assert ru("The draft is discarded.") in text(follow)


def test_a_decided_case_shows_when_it_was_decided_and_its_ledger_entry_in_words(
    client,
    plug,
    applicant,
    a_reviewer,  # noqa: F811
):
    submission = plug.complete(plug.draft(applicant), applicant.member)
    case = services.case_submit(case=submission.case, actor=applicant.member)
    services.case_decide(case=case, reviewer=a_reviewer, decision="reject", reason="No.")
    ledger_checkpoint_sign()

    page = text(client.get(page_url(case)))

    status_line = page.split('class="badge status-', 1)[1].split("</p>", 1)[0]
    decided, due = ru("decided on %(day)s", day=""), ru("decision due by %(due)s", due="")
    assert decided in status_line and due not in status_line  # the timeline keeps the due date
    assert ru("decision on an application").capitalize() in page and "review.decided" not in page
    assert ru("Start a new application") in page
    assert ru("Withdraw the application") not in page
