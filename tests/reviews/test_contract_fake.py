"""The submission kit's contract, run for the fake kinds (tests/reviews/fakekind): the
smallest kind a new service can be, applied for by an organization and by a person."""

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


class TestFakePersonKindContract(SubmissionContract):
    plug_class = FakePersonPlug
