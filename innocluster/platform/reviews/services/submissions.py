"""The submission kit's writes: a draft, its changes and documents, the profile kept at
submission. Every kind of application calls these; its ReviewKind says what differs.

Each change locks in the one order of the pipeline (the case, then the submission, then the
organization where a hook needs it), so a draft saved while another member submits it waits
for the submission and then finds it no longer editable, instead of deadlocking.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from innocluster.core.audit import snapshot
from innocluster.core.errors import NotFound
from innocluster.core.files import files_deleted_on_rollback
from innocluster.core.filters import id_or_none
from innocluster.core.uploads import sha256_of, validate_pdf
from innocluster.platform.organizations.services import PROFILE_FIELDS

from ..choices import CaseStatus
from ..errors import ReviewErrorCode
from ..kinds import kind_get
from .cases import CaseStateConflict, case_create, case_locked, require_applicant

# The applicant may change a submission while it is a draft or the fund asked for more.
EDITABLE_STATUSES = (CaseStatus.DRAFT, CaseStatus.INFO_REQUESTED)


def submission_create(*, kind: str, actor, organization=None, fields: dict | None = None):
    """Open a draft of `kind` for `organization` (or for `actor`, when people apply), filled
    from the actor's profile and then `fields`. One transaction: a draft whose fields are
    refused is never left behind."""
    spec = kind_get(kind)
    fields = dict(fields or {})
    _require_known(spec, fields, allowed=(*spec.editable_fields, *spec.creation_fields))
    values = spec.draft_values(organization=organization, actor=actor, fields=fields)
    with transaction.atomic():
        case = case_create(kind=kind, organization=organization, actor=actor, fields=fields)
        submission = spec.model(case=case, **values)
        for name in spec.editable_fields:
            if name in fields:
                setattr(submission, name, fields[name])
        submission.full_clean(exclude=submission.KIT_FIELDS)
        submission.save()
    return submission


def submission_update(*, submission, actor, fields: dict):
    """Change a draft (or answer the fund's request for information)."""
    spec = kind_get(submission.case.kind)
    _require_known(spec, fields, allowed=spec.editable_fields)
    with transaction.atomic():
        submission = submission_locked_for_change(submission=submission, actor=actor)
        spec.check_update(submission, fields)
        for name, value in fields.items():
            setattr(submission, name, value)
        submission.full_clean(exclude=submission.KIT_FIELDS)
        submission.save(update_fields=[*fields, "updated_at"])
    return submission


def submission_document_add(*, submission, actor, upload, **values):
    """Attach a PDF (checked by its content, at most DOCUMENT_MAX_BYTES), described by
    `values` (its type, the requirement it meets) as the kind checks them. Its file is
    deleted again if its row is not saved (core.files.files_deleted_on_rollback)."""
    spec = kind_get(submission.case.kind)
    values = spec.document_values(submission, values)
    check_pdf(upload)
    with files_deleted_on_rollback() as written, transaction.atomic():
        submission = submission_locked_for_change(submission=submission, actor=actor)
        spec.before_document(submission, values)
        if submission.documents.count() >= spec.max_documents:
            limit = _("At most %(n)d documents per application.") % {"n": spec.max_documents}
            refusal = ValidationError(limit, code=ReviewErrorCode.TOO_MANY_DOCUMENTS)
            raise ValidationError({"file": [refusal]})
        document = spec.document_model(
            application=submission,
            file_name=(upload.name or "document.pdf")[-200:],
            size=upload.size,
            sha256=sha256_of(upload),
            uploaded_by=actor,
            **values,
        )
        written.save(document.file, document.file_name, upload)
        document.save()
        return document


def submission_document_remove(*, submission, actor, document_id) -> None:
    with transaction.atomic():
        submission = submission_locked_for_change(submission=submission, actor=actor)
        row_delete_with_file(
            submission.documents.filter(pk=id_or_none(document_id)).first(), "file"
        )


def submission_locked_for_change(*, submission, actor):
    """The submission, locked in the pipeline's order, if `actor` is its applicant and it is
    a draft or awaits the answer to the fund's request (else a Conflict naming its state)."""
    require_applicant(case=submission.case, actor=actor)
    locked = submission_locked(submission=submission)
    case = locked.case
    if case.status not in EDITABLE_STATUSES:
        raise CaseStateConflict(
            _("Application %(number)s is %(status)s and can no longer be changed.")
            % {"number": case.number, "status": case.get_status_display()},
            extra={"case_status": case.status},
        )
    return locked


def submission_locked(*, submission):
    """The submission, reloaded after locking its case and then itself (the pipeline's order);
    for a kind's own steps on it (a reviewer's scores, say)."""
    case_locked(submission.case)
    return type(submission).objects.select_related("case__organization").get(pk=submission.pk)


def submission_keep_profile(*, submission) -> None:
    """The organization's profile as the reviewer will see it, fixed at (re)submission."""
    organization = submission.case.organization
    if organization is None:  # a person applies: their own account is what the fund reads
        return
    data = snapshot(organization, [f for f in PROFILE_FIELDS if f != "logo"])
    submission.profile = {"inn": organization.inn, "ogrn": organization.ogrn, **data}
    submission.save(update_fields=["profile", "updated_at"])


def row_delete_with_file(row, field: str) -> None:
    """Delete a document's row; its file goes only once the row is gone for good (a rollback
    keeps both)."""
    if row is None:
        raise NotFound(_("Document not found."))
    stored = getattr(row, field)
    name, storage = stored.name, stored.storage
    row.delete()
    transaction.on_commit(lambda: storage.delete(name))


def check_pdf(upload, *, field: str = "file") -> None:
    """A PDF by its content and size, else a ValidationError under `field`."""
    if upload is None:
        missing = ValidationError(_("Attach the document (PDF)."), code="required")
        raise ValidationError({field: [missing]})
    try:
        validate_pdf(upload, max_bytes=settings.DOCUMENT_MAX_BYTES)
    except ValidationError as error:
        raise ValidationError({field: error.error_list}) from None


def _require_known(spec, fields: dict, *, allowed) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:  # a caller's bug: forms and serializers list only what the kind allows
        raise ValueError(f"not editable: {sorted(unknown)}")
