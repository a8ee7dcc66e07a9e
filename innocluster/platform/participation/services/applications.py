"""Applying for participant or partner status: a draft filled from the profile, its documents,
and the review kind that takes it through the one review pipeline.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.audit import snapshot
from innocluster.core.errors import Conflict, NotFound
from innocluster.core.uploads import sha256_of, validate_pdf
from innocluster.platform.organizations.permissions import APPLY
from innocluster.platform.organizations.services import PROFILE_FIELDS, require_ability
from innocluster.platform.reviews import services as reviews
from innocluster.platform.reviews.choices import CaseStatus
from innocluster.platform.reviews.kinds import ReviewKind, register

from ..choices import (
    CONFIRMATIONS,
    MOSCOW_REGION,
    REQUIRED_DOCUMENTS,
    DocumentType,
    StatusKind,
)
from ..models import ApplicationDocument, Status, StatusApplication
from .status import refuse_second_status, status_grant

CASE_KIND = "participation.status"
CONTACT_FIELDS = ("contact_name", "contact_position", "contact_phone", "contact_email")
EDITABLE_FIELDS = ("kind", *CONTACT_FIELDS, *CONFIRMATIONS)
# What the reviewers need of the profile; its other fields are optional for a status.
REQUIRED_PROFILE_FIELDS = ("legal_address", "org_type", "industries")
MAX_DOCUMENTS = 20
EDITABLE_STATUSES = (CaseStatus.DRAFT, CaseStatus.INFO_REQUESTED)


def default_kind(organization) -> str:
    """Moscow organizations apply to be participants, the others partners."""
    moscow = organization.region == MOSCOW_REGION
    return StatusKind.PARTICIPANT if moscow else StatusKind.PARTNER


def status_application_create(*, organization, actor, kind: str = "") -> StatusApplication:
    """Open a draft for `organization`; the contact person is whoever opens it, from their
    profile, so nothing is typed twice. One open application at a time (Conflict)."""
    require_ability(user=actor, organization=organization, ability=APPLY)
    kind = kind or default_kind(organization)
    _check_kind(organization, kind)
    _check_no_status(organization, kind)
    with transaction.atomic():
        case = reviews.case_create(kind=CASE_KIND, organization=organization, actor=actor)
        return StatusApplication.objects.create(
            case=case,
            kind=kind,
            contact_name=actor.full_name,
            contact_position=actor.position,
            contact_phone=actor.phone,
            contact_email=actor.email,
        )


def status_application_update(
    *, application: StatusApplication, actor, fields: dict
) -> StatusApplication:
    """Change the draft (or answer a request for information): kind, contact, confirmations."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        application = _editable(application, actor)
        if "kind" in fields:
            _check_kind(application.case.organization, fields["kind"])
            _check_no_status(application.case.organization, fields["kind"])
        for name, value in fields.items():
            setattr(application, name, value)
        application.full_clean(exclude=["case", "profile"])
        application.save(update_fields=[*fields, "updated_at"])
    return application


def application_document_add(
    *, application: StatusApplication, actor, doc_type: str, upload
) -> ApplicationDocument:
    """Attach a PDF (checked by its content, at most DOCUMENT_MAX_BYTES)."""
    if doc_type not in DocumentType.values:
        raise ValidationError({"doc_type": [_("Choose which document this is.")]})
    try:
        validate_pdf(upload, max_bytes=settings.DOCUMENT_MAX_BYTES)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    with transaction.atomic():
        application = _editable(application, actor)
        if application.documents.count() >= MAX_DOCUMENTS:
            raise ValidationError(
                {"file": [_("At most %(n)d documents per application.") % {"n": MAX_DOCUMENTS}]}
            )
        return ApplicationDocument.objects.create(
            application=application,
            doc_type=doc_type,
            file=upload,
            file_name=(upload.name or "document.pdf")[-200:],
            size=upload.size,
            sha256=sha256_of(upload),
            uploaded_by=actor,
        )


def application_document_remove(*, application: StatusApplication, actor, document_id) -> None:
    with transaction.atomic():
        application = _editable(application, actor)
        document = application.documents.filter(pk=document_id).first()
        if document is None:
            raise NotFound(_("Document not found."))
        stored = document.file.name
        document.delete()
        # The file goes only once the row is gone for good: a rollback keeps both.
        transaction.on_commit(lambda: document.file.storage.delete(stored))


def _editable(application: StatusApplication, actor) -> StatusApplication:
    """The application, locked, if `actor` may change it and it is a draft or awaiting an
    answer to the fund's request."""
    case = application.case
    require_ability(user=actor, organization=case.organization, ability=APPLY)
    locked = (
        StatusApplication.objects.select_for_update()
        .select_related("case__organization")
        .get(pk=application.pk)
    )
    if locked.case.status not in EDITABLE_STATUSES:
        raise Conflict(
            _("Application %(number)s is %(status)s and can no longer be changed.")
            % {"number": locked.case.number, "status": locked.case.get_status_display()},
            code="case_state",
            extra={"case_status": locked.case.status},
        )
    return locked


def _check_kind(organization, kind: str) -> None:
    if kind not in StatusKind.values:
        raise ValidationError({"kind": [_("Choose participant or partner status.")]})
    if kind == StatusKind.PARTICIPANT and organization.region != MOSCOW_REGION:
        raise ValidationError(
            {
                "kind": [
                    _(
                        "Participant status is for organizations registered in Moscow; "
                        "%(name)s is registered in %(region)s. Apply for partner status instead."
                    )
                    % {"name": organization.short_name, "region": organization.region_name}
                ]
            },
            code="participant_needs_moscow",
        )


def _check_no_status(organization, kind: str) -> None:
    refuse_second_status(Status.objects.filter(organization=organization).first(), kind)


def check_complete(case) -> None:
    """Every missing item at once, each under the field that lacks it."""
    application = case.status_application
    organization = case.organization
    errors: dict[str, list] = {}
    for name in ("contact_name", "contact_phone", "contact_email"):
        if not getattr(application, name).strip():
            label = StatusApplication._meta.get_field(name).verbose_name
            errors[name] = [_("Fill in: %(field)s.") % {"field": label}]
    for name, text in CONFIRMATIONS.items():
        if not getattr(application, name):
            errors[name] = [_("Confirm: %(text)s") % {"text": text}]
    present = set(application.documents.values_list("doc_type", flat=True))
    missing = [DocumentType(t).label for t in REQUIRED_DOCUMENTS if t not in present]
    if missing:
        errors["documents"] = [_("Attach: %(document)s.") % {"document": d} for d in missing]
    for name in REQUIRED_PROFILE_FIELDS:
        if not _profile_value(organization, name):
            label = organization._meta.get_field(name).verbose_name
            errors.setdefault("profile", []).append(
                _("Add to the organization's profile: %(field)s.") % {"field": label}
            )
    try:
        _check_kind(organization, application.kind)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    _check_no_status(organization, application.kind)  # it may have changed since the draft


def keep_profile(case, actor) -> None:
    """The profile as the reviewer will see it, fixed at (re)submission."""
    application = case.status_application
    data = snapshot(case.organization, [f for f in PROFILE_FIELDS if f != "logo"])
    application.profile = {"inn": case.organization.inn, "ogrn": case.organization.ogrn, **data}
    application.save(update_fields=["profile", "updated_at"])


def grant_on_approval(case, actor) -> None:
    application = case.status_application
    status_grant(organization=case.organization, kind=application.kind, case=case, actor=actor)


def _profile_value(organization, name: str):
    value = getattr(organization, name)
    return value.exists() if hasattr(value, "exists") else value


register(
    ReviewKind(
        code=CASE_KIND,
        label=gettext_lazy("participant or partner status"),
        prefix="S",
        check_complete=check_complete,
        on_submit=keep_profile,
        on_approve=grant_on_approval,
        detail_template="participation/includes/application_detail.html",
        submission_of=lambda case: case.status_application,
        applicant_url=lambda case: reverse("participation:application", kwargs={"pk": case.pk}),
    )
)
