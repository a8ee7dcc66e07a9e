"""The review kit's and the register's free texts are bounded (issue 17): a reviewer's reason,
an applicant's message or reason, an administrator's reason for a change of status. Over the
limit is a 400 `max_length` from the API and a ValidationError from the service, and nothing
changes; at the limit it is taken."""

import pytest
from django.core.exceptions import ValidationError

from innocluster.core.errors import codes_by_field
from innocluster.platform.reviews import services as reviews
from innocluster.platform.reviews.models import REASON_MAX_LENGTH, Case, CaseEvent
from innocluster.platform.status import services
from innocluster.platform.status.models import Status, StatusChange

from .helpers import complete_draft

pytestmark = pytest.mark.django_db

OVER = "я" * (REASON_MAX_LENGTH + 1)
AT = "я" * REASON_MAX_LENGTH


def submitted(organization, owner) -> Case:
    return reviews.case_submit(case=complete_draft(organization, owner).case, actor=owner)


def snapshot(case: Case):
    return Case.objects.filter(pk=case.pk).values().get(), CaseEvent.objects.count()


@pytest.mark.parametrize("decision", ["reject", "request_info"])
def test_a_reviewers_over_long_reason_is_refused_and_one_at_the_limit_taken(
    api_as, organization, owner, a_reviewer, decision
):
    case = submitted(organization, owner)
    before = snapshot(case)
    url = f"/api/v1/reviews/{case.pk}/decide/"
    client = api_as(a_reviewer)
    refused = client.post(url, {"decision": decision, "reason": OVER}, format="json")
    assert (refused.status_code, refused.json()["error_codes"]) == (400, {"reason": ["max_length"]})
    assert snapshot(case) == before
    with pytest.raises(ValidationError) as error:
        reviews.case_decide(case=case, reviewer=a_reviewer, decision=decision, reason=OVER)
    assert codes_by_field(error.value) == {"reason": ["max_length"]}
    assert snapshot(case) == before

    taken = client.post(url, {"decision": decision, "reason": AT}, format="json")
    assert taken.status_code == 200, taken.json()
    assert case.events.last().message == AT


def test_an_applicants_over_long_message_or_reason_is_refused(
    api_as, organization, owner, a_reviewer
):
    case = submitted(organization, owner)
    reviews.case_decide(case=case, reviewer=a_reviewer, decision="request_info", reason="Устав?")
    before = snapshot(case)
    url = f"/api/v1/status-applications/{case.pk}/"
    client = api_as(owner)
    message = client.post(url + "resubmit/", {"message": OVER}, format="json")
    assert message.status_code == 400
    assert message.json()["error_codes"] == {"message": ["max_length"]}
    withdrawn = client.post(url + "withdraw/", {"reason": OVER}, format="json")
    assert (withdrawn.status_code, withdrawn.json()["error_codes"]) == (
        400,
        {"reason": ["max_length"]},
    )
    for call, field in ((reviews.case_resubmit, "message"), (reviews.case_withdraw, "reason")):
        with pytest.raises(ValidationError) as error:
            call(case=case, actor=owner, **{field: OVER})
        assert codes_by_field(error.value) == {field: ["max_length"]}
    assert snapshot(case) == before

    assert client.post(url + "resubmit/", {"message": AT}, format="json").status_code == 200
    assert case.events.last().message == AT


@pytest.mark.parametrize(
    ("action", "extra"),
    [("suspend", {}), ("revoke", {"grounds": "on_request"})],
)
def test_an_administrators_over_long_reason_for_a_change_is_refused(
    api_as, organization, owner, a_reviewer, an_admin, action, extra
):
    case = submitted(organization, owner)
    reviews.case_decide(case=case, reviewer=a_reviewer, decision="approve")
    status = Status.objects.get(organization=organization)
    url = f"/api/v1/register/{status.register_number}/{action}/"
    client = api_as(an_admin)
    refused = client.post(url, {"reason": OVER, **extra}, format="json")
    assert (refused.status_code, refused.json()["error_codes"]) == (400, {"reason": ["max_length"]})
    call = getattr(services, f"status_{action}")
    with pytest.raises(ValidationError) as error:
        call(status=status, actor=an_admin, reason=OVER, **extra)
    assert codes_by_field(error.value) == {"reason": ["max_length"]}
    status.refresh_from_db()
    assert status.state == "active" and StatusChange.objects.count() == 1  # the grant only

    taken = client.post(url, {"reason": AT, **extra}, format="json")
    assert taken.status_code == 200, taken.json()
    assert StatusChange.objects.last().reason == AT
