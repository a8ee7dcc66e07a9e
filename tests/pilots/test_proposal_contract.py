"""The submission kit's contract, run for the pilot proposal."""

from innocluster.features.pilots.models import Pilot
from innocluster.features.pilots.proposal import CASE_KIND
from innocluster.platform.reviews import services
from tests.factories import OrganizationFactory, ProductFactory, with_status

from ..reviews.contract import Plug, SubmissionContract
from .proposal_helpers import a_site_person, complete_fields


class PilotPlug(Plug):
    kind = CASE_KIND
    api_path = "/api/v1/pilot-proposals/"

    def organization(self):
        self.company = with_status(OrganizationFactory())
        self.product = ProductFactory(organization=self.company, trl=6)
        return self.company

    def creation_fields(self):
        return {"product": self.product}

    def api_creation_fields(self):
        return {"product": self.product.pk}

    def document_values(self, submission):
        return {"doc_type": "certificate"}

    def complete(self, submission, actor):
        site, _ = a_site_person()
        fields = complete_fields([site])
        submission = services.submission_update(submission=submission, actor=actor, fields=fields)
        self.add_document(submission, actor)
        return submission

    def approved(self, case):
        return Pilot.objects.filter(proposal__case=case, consents__isnull=False).exists()


class TestPilotProposalContract(SubmissionContract):
    plug_class = PilotPlug
