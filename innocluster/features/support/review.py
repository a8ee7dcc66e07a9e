"""The grant application as a kind of the one review pipeline: who may open a draft (an
eligible organization while a call is open), what its documents answer (the measure's
requirements), what makes it complete, what (re)submission fixes (the requested amount, under
the yearly-cap lock), and what approval does (fixes the award on the reviewer's accepted
costs)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.filters import id_or_none
from innocluster.platform.reviews import services as reviews
from innocluster.platform.reviews.kinds import ReviewKind, register

from .eligibility import eligibility
from .models import ApplicationDocument, GrantApplication
from .selectors import application_for_review, application_queryset
from .services.applications import (
    CASE_KIND,
    EDITABLE_FIELDS,
    grant_check_complete,
    grant_reserve_on_submit,
    require_eligible,
)
from .services.pilots import pilot_values
from .services.review import award_on_approval


class GrantApplicationKind(ReviewKind):
    code, prefix = CASE_KIND, "G"  # case numbers G-000042
    label = gettext_lazy("grant application")
    model, document_model = GrantApplication, ApplicationDocument
    editable_fields, creation_fields = EDITABLE_FIELDS, ("measure", "pilot_id")
    # One application per patent, per piece of equipment…: several may be open at once.
    one_open_per_organization = False

    def draft_values(self, *, organization, actor, fields):
        measure = fields["measure"]
        found = eligibility(measure=measure, organization=organization)
        require_eligible(found)
        from_pilot = pilot_values(
            measure=measure, organization=organization, pilot_id=fields.get("pilot_id")
        )
        values = super().draft_values(organization=organization, actor=actor, fields=fields)
        return {**values, "measure": measure, "call": found.open_call, **from_pilot}

    def document_values(self, submission, values):
        """A document answers one of the measure's requirements (given by id)."""
        requirement_id = values.get("requirement")
        requirement = submission.measure.required_documents.filter(
            pk=id_or_none(requirement_id)
        ).first()
        if requirement is None:
            refusal = ValidationError(_("Choose one of the measure's documents."), "invalid_choice")
            raise ValidationError({"requirement": [refusal]})
        return {"requirement": requirement}

    def before_document(self, submission, values):
        """A new document for a requirement replaces the earlier one."""
        earlier = submission.documents.filter(requirement=values["requirement"]).first()
        if earlier is not None:
            reviews.row_delete_with_file(earlier, "file")

    def check_complete(self, case):
        grant_check_complete(case)

    def on_submit(self, case, actor):
        grant_reserve_on_submit(case)

    def on_approve(self, case, actor):
        award_on_approval(case, actor)

    def submission_queryset(self):
        return application_queryset()

    def submission_of(self, case):
        return application_for_review(case)

    def business_days_for(self, case):
        return case.grant_application.measure.review_business_days


register(GrantApplicationKind())
