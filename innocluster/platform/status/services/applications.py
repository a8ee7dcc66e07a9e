"""Applying for participant or partner status: the review kind that takes a draft, filled
from the profile, with its documents, through the one review pipeline (the submission kit
does the drafting, the documents and the locking)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.platform.reviews import services as reviews
from innocluster.platform.reviews.errors import ReviewErrorCode
from innocluster.platform.reviews.kinds import CONTACT_FIELDS, ReviewKind, missing_contact, register

from ..choices import CONFIRMATIONS, MOSCOW_REGION, REQUIRED_DOCUMENTS, DocumentType, StatusKind
from ..errors import StatusErrorCode
from ..models import ApplicationDocument, Status, StatusApplication
from .status import refuse_second_status, status_grant

CASE_KIND = "participation.status"
# What the reviewers need of the profile; its other fields are optional for a status.
REQUIRED_PROFILE_FIELDS = ("legal_address", "org_type", "industries")


def default_kind(organization) -> str:
    """Moscow organizations apply to be participants, the others partners."""
    moscow = organization.region == MOSCOW_REGION
    return StatusKind.PARTICIPANT if moscow else StatusKind.PARTNER


def status_application_create(*, organization, actor, kind: str = "", **fields):
    """Open a draft for `organization` (participant in Moscow, partner elsewhere, unless
    `kind` says); one open application at a time (Conflict)."""
    fields = {**fields, "kind": kind} if kind else fields
    return reviews.submission_create(
        kind=CASE_KIND, organization=organization, actor=actor, fields=fields
    )


def _check_kind(organization, kind: str) -> None:
    if kind not in StatusKind.values:
        message = _("Choose participant or partner status.")
        raise ValidationError({"kind": ValidationError(message, code="invalid_choice")})
    if kind == StatusKind.PARTICIPANT and organization.region != MOSCOW_REGION:
        message = _(
            "Participant status is for organizations registered in Moscow; "
            "%(name)s is registered in %(region)s. Apply for partner status instead."
        ) % {"name": organization.short_name, "region": organization.region_name}
        refusal = ValidationError(message, code=StatusErrorCode.PARTICIPANT_NEEDS_MOSCOW)
        raise ValidationError({"kind": refusal})


def _check_no_status(organization, kind: str) -> None:
    refuse_second_status(Status.objects.filter(organization=organization).first(), kind)


def _profile_value(organization, name: str):
    value = getattr(organization, name)
    return value.exists() if hasattr(value, "exists") else value


class StatusApplicationKind(ReviewKind):
    code, prefix = CASE_KIND, "S"  # case numbers S-000042
    label = gettext_lazy("participant or partner status")
    model, document_model = StatusApplication, ApplicationDocument
    editable_fields = ("kind", *CONTACT_FIELDS, *CONFIRMATIONS)

    def draft_values(self, *, organization, actor, fields):
        kind = fields.get("kind") or default_kind(organization)
        _check_kind(organization, kind)
        _check_no_status(organization, kind)
        values = super().draft_values(organization=organization, actor=actor, fields=fields)
        return {**values, "kind": kind}

    def check_update(self, submission, fields):
        if "kind" in fields:
            _check_kind(submission.case.organization, fields["kind"])
            _check_no_status(submission.case.organization, fields["kind"])

    def document_values(self, submission, values):
        if values.get("doc_type") not in DocumentType.values:
            refusal = ValidationError(_("Choose which document this is."), code="invalid_choice")
            raise ValidationError({"doc_type": [refusal]})
        return values

    def check_complete(self, case):
        """Every missing item at once, each under the field that lacks it."""
        application = case.status_application
        organization = case.organization
        errors = {**missing_contact(application), **_unconfirmed(application)}
        errors.update(_missing_documents(application))
        errors.update(_missing_profile(organization))
        try:
            _check_kind(organization, application.kind)
        except ValidationError as error:
            errors.update(error.error_dict)
        if errors:
            raise ValidationError(errors)
        _check_no_status(organization, application.kind)  # it may have changed since the draft

    def on_approve(self, case, actor):
        application = case.status_application
        status_grant(organization=case.organization, kind=application.kind, case=case, actor=actor)


def _unconfirmed(application) -> dict:
    return {
        name: [ValidationError(_("Confirm: %(text)s") % {"text": text}, code="required")]
        for name, text in CONFIRMATIONS.items()
        if not getattr(application, name)
    }


def _missing_documents(application) -> dict:
    present = set(application.documents.values_list("doc_type", flat=True))
    missing = [DocumentType(t).label for t in REQUIRED_DOCUMENTS if t not in present]
    if not missing:
        return {}
    texts = [_("Attach: %(document)s.") % {"document": d} for d in missing]
    return {
        "documents": [
            ValidationError(text, code=ReviewErrorCode.MISSING_DOCUMENT) for text in texts
        ]
    }


def _missing_profile(organization) -> dict:
    errors = []
    for name in REQUIRED_PROFILE_FIELDS:
        if not _profile_value(organization, name):
            label = organization._meta.get_field(name).verbose_name
            text = _("Add to the organization's profile: %(field)s.") % {"field": label}
            errors.append(ValidationError(text, code=StatusErrorCode.INCOMPLETE_PROFILE))
    return {"profile": errors} if errors else {}


register(StatusApplicationKind())
