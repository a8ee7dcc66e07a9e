"""Registering a work: checked, written, and final at once or waiting for its rightholders."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from innocluster.core.audit import audit_record, register_actions, register_change_names
from innocluster.core.errors import Conflict, CoreErrorCode, PermissionDenied
from innocluster.core.files import files_deleted_on_rollback
from innocluster.core.uploads import sha256_of, validate_if_pdf
from innocluster.platform.ledger.kinds import register_kind, register_subject
from innocluster.platform.ledger.services import ledger_append
from innocluster.platform.organizations.models import Organization
from innocluster.platform.organizations.permissions import EDIT_PROFILE
from innocluster.platform.organizations.services import require_ability
from innocluster.platform.status.selectors import has_active_status

from .. import notifications as notices
from ..choices import LIVE_STATES, Consent, IPKind, IPState
from ..errors import IPRegistryErrorCode
from ..models import IPObject, Rightholder
from ..rules import clean_rightholders, normalize_sha256

# The history pages' words for what this module records (core.audit).
register_actions(
    {
        "ip_object.registered": gettext_lazy("registered an intellectual property object"),
        "ip_object.submitted": gettext_lazy(
            "registered an intellectual property object, to be confirmed by its rightholders"
        ),
        "ip_object.confirmed": gettext_lazy("confirmed an intellectual property registration"),
        "ip_object.declined": gettext_lazy("declined an intellectual property registration"),
        "ip_object.withdrawn": gettext_lazy("withdrew an intellectual property registration"),
    }
)
register_change_names(
    {
        "file_kept": pgettext_lazy("the history of changes", "the file is kept"),
        "rightholders": pgettext_lazy("the history of changes", "rightholders"),
    }
)

# What the public pages say for the ledger entries this module appends.
register_kind(
    "ip.registered",
    gettext_lazy("intellectual property registered"),
    values={"kind": dict(IPKind.choices)},
)
# Only registrations on the ledger are public (registered, or withdrawn after): never a
# pending one, which the ledger does not hold anyway.
register_subject(
    "ip",
    gettext_lazy("intellectual property object"),
    url_name="ipregistry:detail",
    objects=IPObject.objects.exclude(state=IPState.PENDING),
    name_fields=("title",),
)

FIELDS = ("title", "kind", "description", "work_sha256")


def ip_object_register(
    *,
    organization: Organization,
    actor,
    title: str,
    kind: str,
    rightholders: list[dict],
    work_sha256: str | None = None,
    upload=None,
    keep_file: bool = False,
    description: str = "",
) -> IPObject:
    """Register an IP object of `organization`; publish the fact on the ledger once final.

    Who: an owner or editor of the organization; anyone else gets NotFound, as if the
    organization did not exist for them. And only for a participant or partner in good
    standing (PermissionDenied "status_required" otherwise): the register is a service of the
    cluster to its members.

    The work is identified by its SHA-256: given (computed in the browser), or computed here
    from `upload` by streaming it; if both come, they must agree. The file itself is stored
    only if `keep_file`; otherwise it is read once for its hash and forgotten. Rightholders'
    shares are exact decimals that add up to 100.00 (see rules.clean_rightholders).

    Every problem is a ValidationError keyed by field ("title", "rightholders", "work_sha256",
    "file", …), raised before anything is written: no row, no file, no ledger entry.
    A work the organization has already registered, or whose registration waits, is a Conflict
    ("ip_already_registered", with `existing_ip_object`), also when two requests race: the
    unique constraint decides.

    A rightholder that is another organization of the platform must consent: the registration
    is then PENDING, seen only by the people of the organizations involved, and goes to the
    ledger when the last of them confirms (ip_object_confirm). Without one it is final at once.
    """
    require_ability(user=actor, organization=organization, ability=EDIT_PROFILE)
    if not has_active_status(organization=organization):
        raise PermissionDenied(
            _(
                "Only participants and partners of the cluster register intellectual "
                "property: apply for a status first."
            ),
            code=IPRegistryErrorCode.STATUS_REQUIRED,
        )
    ip_object = IPObject(
        organization=organization,
        registered_by=actor,
        title=" ".join((title or "").split()),
        kind=kind,
        description=(description or "").strip(),
        created_at=timezone.now(),
    )
    holders = _validated(ip_object, rightholders, work_sha256, upload, keep_file)
    for holder in holders:
        other = holder["organization"] is not None and holder["organization"] != organization
        holder["consent"] = Consent.AWAITED if other else Consent.NOT_ASKED
    if any(holder["consent"] == Consent.AWAITED for holder in holders):
        ip_object.state = IPState.PENDING
    else:
        ip_object.state, ip_object.registered_at = IPState.REGISTERED, ip_object.created_at
    _refuse_duplicate(ip_object)
    return _write(ip_object, holders, actor=actor, upload=upload if keep_file else None)


def _validated(ip_object: IPObject, rightholders, work_sha256, upload, keep_file) -> list[dict]:
    """Run every check, collect every message, and set the work's hash on `ip_object`."""
    errors: dict = {}
    holders = _collect(errors, lambda: clean_rightholders(rightholders))
    digest = _collect(errors, lambda: _work_digest(work_sha256, upload, keep_file))
    # The hash is checked above; the organization and the actor are checked by the caller.
    exclude = ["organization", "registered_by", "work_sha256", "file"]
    _collect(errors, lambda: ip_object.full_clean(exclude=exclude))
    if errors:
        raise ValidationError(errors)
    ip_object.work_sha256 = digest
    return holders


def _collect(errors: dict, check):
    try:
        return check()
    except ValidationError as error:
        error.update_error_dict(errors)
        return None


def _work_digest(work_sha256: str | None, upload, keep_file: bool) -> str:
    given = normalize_sha256(work_sha256 or "")
    if upload is None:
        if keep_file:
            message = _("Choose the file to keep on the platform.")
            raise _refused("file", message, IPRegistryErrorCode.FILE_REQUIRED)
        if not given:
            message = _("Give the SHA-256 of the work, or upload the work.")
            raise _refused("work_sha256", message, IPRegistryErrorCode.HASH_REQUIRED)
        _check_hash_format(given)
        return given
    _check_size(upload)
    # A kept work may be any file (software, a design); one that is a PDF is checked as the
    # documents are (active content, bombs), since the fund's staff open it.
    try:
        validate_if_pdf(upload, max_bytes=settings.IP_UPLOAD_MAX_BYTES)
    except ValidationError as error:
        raise ValidationError({"file": error.error_list}) from None
    computed = sha256_of(upload)
    if given and given != computed:
        _check_hash_format(given)
        message = _("This hash is not the SHA-256 of the uploaded file.")
        raise _refused("work_sha256", message, IPRegistryErrorCode.HASH_MISMATCH)
    return computed


def _check_hash_format(value: str) -> None:
    try:
        IPObject._meta.get_field("work_sha256").run_validators(value)
    except ValidationError as error:
        raise ValidationError({"work_sha256": error.error_list}) from None


def _check_size(upload) -> None:
    limit = settings.IP_UPLOAD_MAX_BYTES
    if upload.size > limit:
        message = _("The file is too large (%(size)s); the limit is %(limit)s.") % {
            "size": filesizeformat(upload.size),
            "limit": filesizeformat(limit),
        }
        raise _refused("file", message, CoreErrorCode.FILE_TOO_LARGE)


def _refused(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _write(ip_object: IPObject, holders: list[dict], *, actor, upload) -> IPObject:
    # A kept work's file is deleted again if anything after it fails (the row, the ledger).
    with files_deleted_on_rollback() as written, transaction.atomic():
        if upload is not None:
            ip_object.file_name = Path(upload.name or "work").name[-255:]
            written.save(ip_object.file, ip_object.file_name, upload)
        _insert(ip_object)
        Rightholder.objects.bulk_create(
            [Rightholder(ip_object=ip_object, **holder) for holder in holders]
        )
        if ip_object.state == IPState.PENDING:
            _record_submitted(ip_object, holders, actor=actor)
        else:
            record_registered(ip_object, holders, actor=actor)
    return ip_object


def _insert(ip_object: IPObject) -> None:
    try:
        with transaction.atomic():  # a savepoint, so the outer transaction survives the error
            ip_object.save()
    except IntegrityError:
        # Another request registered the same work between our check and our insert.
        _refuse_duplicate(ip_object)
        raise


def _refuse_duplicate(ip_object: IPObject) -> None:
    existing = (
        IPObject.objects.filter(
            organization_id=ip_object.organization_id,
            work_sha256=ip_object.work_sha256,
            state__in=LIVE_STATES,
        )
        .values_list("pk", "state")
        .first()
    )
    if existing is not None:
        existing, state = existing
        if state == IPState.PENDING:
            message = _(
                "%(organization)s has already registered this work: registration "
                "No. %(number)s waits for its rightholders' confirmation."
            )
        else:
            message = _(
                "%(organization)s has already registered this work: certificate No. %(number)s."
            )
        raise Conflict(
            message % {"organization": ip_object.organization.short_name, "number": existing},
            code=IPRegistryErrorCode.IP_ALREADY_REGISTERED,
            extra={
                "existing_ip_object": existing,
                "certificate_url": reverse("ipregistry:detail", kwargs={"pk": existing}),
            },
        )


def _public(holders: list[dict]) -> list[dict]:
    return [{"name": h["name"], "share": str(h["share"])} for h in holders]


def _record_submitted(ip_object: IPObject, holders: list[dict], *, actor) -> None:
    """A registration that waits: audited, and the people involved told; no ledger entry."""
    audit_record(
        actor=actor,
        action="ip_object.submitted",
        target=ip_object,
        organization=ip_object.organization,
        changes={
            **{name: getattr(ip_object, name) for name in FIELDS},
            "file_kept": bool(ip_object.file),
            "rightholders": _public(holders),
        },
    )
    awaited = [h for h in holders if h["consent"] == Consent.AWAITED]
    for holder in awaited:
        notices.notify(
            ip_object,
            notices.CONSENT_REQUESTED,
            organization_ids=[holder["organization"].pk],
            actor=actor,
            rightholder=holder["organization"].short_name,
        )
    notices.notify(
        ip_object,
        notices.PENDING,
        organization_ids=[ip_object.organization_id],
        actor=actor,
        waiting=names_of(h["organization"] for h in awaited),
    )


def names_of(organizations) -> str:
    return ", ".join(sorted({organization.short_name for organization in organizations}))


def record_registered(ip_object: IPObject, holders: list[dict], *, actor, consents=None) -> None:
    organization = ip_object.organization
    public_holders = _public(holders)
    audit_record(
        actor=actor,
        action="ip_object.registered",
        target=ip_object,
        organization=organization,
        changes={
            **{name: getattr(ip_object, name) for name in FIELDS},
            "file_kept": bool(ip_object.file),
            "rightholders": public_holders,
        },
    )
    ledger_append(
        kind="ip.registered",
        subject=ip_object.ledger_subject,
        payload={
            "title": ip_object.title,
            "kind": ip_object.kind,
            "work_sha256": ip_object.work_sha256,
            "organization": {"id": organization.pk, "inn": organization.inn},
            "rightholders": public_holders,
            "registered_at": ip_object.registered_at,  # the ledger writes it as RFC 3339 UTC
            # The rightholders of the platform that confirmed, and when: the proof of consent.
            **({"confirmed_by": consents} if consents else {}),
        },
    )
