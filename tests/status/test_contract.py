"""The submission kit's contract, run for participant status applications."""

from innocluster.platform.reviews import services
from innocluster.platform.status.choices import REQUIRED_DOCUMENTS
from innocluster.platform.status.models import Status
from innocluster.platform.status.services import CASE_KIND

from ..factories import OrganizationFactory
from ..reviews.contract import Plug, SubmissionContract
from .helpers import an_industry

CONFIRMED = {"confirm_data_true": True, "confirm_rules": True, "confirm_personal_data": True}


class StatusPlug(Plug):
    kind = CASE_KIND
    api_path = "/api/v1/status-applications/"

    def organization(self):
        """A Moscow company whose profile has what a status application needs."""
        organization = OrganizationFactory()
        organization.industries.add(an_industry())
        return organization

    def complete(self, submission, actor):
        fields = {**CONFIRMED, "contact_phone": "+7 495 000-00-00"}
        services.submission_update(submission=submission, actor=actor, fields=fields)
        for doc_type in REQUIRED_DOCUMENTS:
            self.add_document(submission, actor, doc_type=doc_type)
        return submission

    def document_values(self, submission):
        return {"doc_type": REQUIRED_DOCUMENTS[0]}

    def approved(self, case):
        return Status.objects.filter(organization=case.organization, state="active").exists()


class TestStatusApplicationContract(SubmissionContract):
    plug_class = StatusPlug
