"""The contact person of a submission: filled from the profile, a phone one can call."""

import pytest
from django.core.exceptions import ValidationError

from innocluster.core.errors import codes_by_field
from innocluster.platform.reviews import services

from .test_contract_fake import FakePlug

pytestmark = pytest.mark.django_db


def test_a_profile_phone_no_one_can_call_is_not_copied_into_the_draft():
    plug = FakePlug()
    applicant = plug.applicant()
    type(applicant.member).objects.filter(pk=applicant.member.pk).update(phone="call me")
    applicant.member.refresh_from_db()

    submission = plug.draft(applicant)

    assert submission.contact_phone == ""
    assert submission.contact_email == applicant.member.email


def test_a_draft_refuses_a_phone_no_one_can_call_and_keeps_the_old_one():
    plug = FakePlug()
    applicant = plug.applicant()
    submission = plug.complete(plug.draft(applicant), applicant.member)

    with pytest.raises(ValidationError) as refused:
        services.submission_update(
            submission=submission, actor=applicant.member, fields={"contact_phone": "abc"}
        )

    assert codes_by_field(refused.value) == {"contact_phone": ["invalid_phone"]}
    submission.refresh_from_db()
    assert submission.contact_phone == "+7 495 000-00-00"


def test_submission_refuses_a_phone_saved_before_it_was_checked():
    plug = FakePlug()
    applicant = plug.applicant()
    submission = plug.complete(plug.draft(applicant), applicant.member)
    type(submission).objects.filter(pk=submission.pk).update(contact_phone="12")

    with pytest.raises(ValidationError) as refused:
        services.case_submit(case=submission.case, actor=applicant.member)

    assert codes_by_field(refused.value) == {"contact_phone": ["invalid_phone"]}
