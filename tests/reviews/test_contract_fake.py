"""The submission kit's contract, run for the fake kinds (tests/reviews/fakekind): the
smallest kind a new service can be, applied for by an organization and by a person."""

import pytest
from django.core.exceptions import ValidationError

from innocluster.core.errors import codes_by_field
from innocluster.platform.reviews import services

from .contract import Plug, SubmissionContract
from .fakekind.kinds import FAKE_KIND, FAKE_PERSON_KIND
from .fakekind.models import FakeApproval


class FakePlug(Plug):
    kind = FAKE_KIND
    api_path = "/api/v1/fake-applications/"

    def complete(self, submission, actor):
        fields = {"title": "A pilot of the new lathe", "contact_phone": "+7 495 000-00-00"}
        services.submission_update(submission=submission, actor=actor, fields=fields)
        self.add_document(submission, actor)
        return submission

    def approved(self, case):
        return FakeApproval.objects.filter(case=case).exists()


class FakePersonPlug(FakePlug):
    kind = FAKE_PERSON_KIND
    api_path = "/api/v1/fake-person-applications/"


class TestFakeKindContract(SubmissionContract):
    plug_class = FakePlug

    def test_check_complete_lists_everything_missing_by_code(self, plug):
        applicant = plug.applicant()
        submission = plug.draft(applicant)

        with pytest.raises(ValidationError) as refused:
            services.case_submit(case=submission.case, actor=applicant.member)

        assert codes_by_field(refused.value) == {
            "contact_phone": ["required"],
            "title": ["required"],
            "documents": ["missing_document"],
        }


class TestFakePersonKindContract(SubmissionContract):
    plug_class = FakePersonPlug
