"""The submission kit's contract, run for the yearly KPI report."""

from innocluster.features.kpireports.kind import CASE_KIND
from innocluster.features.kpireports.models import AcceptedFigure, Campaign, ReportDue
from innocluster.platform.reviews import services
from tests.factories import OrganizationFactory, with_status

from ..reviews.contract import Plug, SubmissionContract
from .helpers import COMPLETE, YEAR, a_campaign


class KpiReportPlug(Plug):
    kind = CASE_KIND
    api_path = "/api/v1/kpi-reports/"

    def campaign(self):
        return Campaign.objects.filter(year=YEAR).first() or a_campaign()

    def organization(self):
        organization = with_status(OrganizationFactory())
        ReportDue.objects.get_or_create(campaign=self.campaign(), organization=organization)
        return organization

    def creation_fields(self):
        return {"campaign": self.campaign()}

    def api_creation_fields(self):
        self.campaign()
        return {"year": YEAR}

    def complete(self, submission, actor):
        fields = {"figures": COMPLETE, "contact_phone": "+7 495 000-00-00"}
        submission = services.submission_update(submission=submission, actor=actor, fields=fields)
        self.add_document(submission, actor)  # optional for the kind; the contract reads one
        return submission

    def approved(self, case):
        return AcceptedFigure.objects.filter(report__case=case).count() == len(COMPLETE)


class TestKpiReportContract(SubmissionContract):
    plug_class = KpiReportPlug
