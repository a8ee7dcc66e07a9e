"""The submission kit's contract, run for grant applications to support measures."""

from innocluster.features.support.awards.models import Award
from innocluster.features.support.services import applications
from innocluster.features.support.services.review import grant_score
from innocluster.platform.reviews import services

from ..factories import OrganizationFactory, with_status
from ..pdfs import pdf_file
from ..reviews.contract import Plug, SubmissionContract
from .helpers import a_measure


class GrantPlug(Plug):
    kind = applications.CASE_KIND
    api_path = "/api/v1/grant-applications/"

    def __init__(self):
        self._measure = None

    @property
    def measure(self):
        """One measure open for applications today, made when first needed."""
        if self._measure is None:
            self._measure = a_measure()
        return self._measure

    def organization(self):
        return with_status(OrganizationFactory())  # a participant, as the measure requires

    def creation_fields(self):
        return {"measure": self.measure}

    def api_creation_fields(self):
        return {"measure": self.measure.pk}

    def complete(self, submission, actor):
        fields = {"purpose": "Станок с ЧПУ для нового цеха", "contact_phone": "+7 495 000-00-00"}
        services.submission_update(submission=submission, actor=actor, fields=fields)
        applications.cost_item_add(
            application=submission,
            actor=actor,
            description="Фрезерный станок",
            category="equipment",
            origin="domestic",
            amount="1000000.00",
            upload=pdf_file("invoice.pdf"),
        )
        for requirement in submission.measure.required_documents.all():
            self.add_document(submission, actor, requirement=requirement.pk)
        return submission

    def document_values(self, submission):
        return {"requirement": submission.measure.required_documents.first().pk}

    def before_decision(self, case, reviewer):
        application = self.spec.submission_of(case)
        for criterion in application.measure.criteria.all():
            grant_score(
                application=application, reviewer=reviewer, criterion_id=criterion.pk, score=8
            )

    def approved(self, case):
        return Award.objects.filter(application__case=case).exists()


class TestGrantApplicationContract(SubmissionContract):
    plug_class = GrantPlug
