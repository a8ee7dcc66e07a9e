"""Writes on the intellectual property register. A registration's facts are final: there is
no update.

A registration that names another organization of the platform as a rightholder waits for that
organization's consent (an owner or editor confirms or declines); only the last confirmation
makes it final. One table of states (choices.IP_TRANSITIONS) and one of answers
(choices.CONSENT_TRANSITIONS); each step below checks them on the registration's row, locked.
A final registration is audited and appended to the transparency ledger in the same
transaction, so the record and its public fact commit or roll back together. An organization
registers a work once: a second registration of the same SHA-256 while the first waits or
stands (a double click, a retried request) is a Conflict, not a second ledger entry.
"""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.audit import audit_record, register_actions
from innocluster.core.errors import Conflict, CoreErrorCode, NotFound, PermissionDenied
from innocluster.core.uploads import sha256_of
from innocluster.platform.ledger.kinds import register_kind
from innocluster.platform.ledger.services import ledger_append
from innocluster.platform.organizations.models import Organization
from innocluster.platform.organizations.permissions import EDIT_PROFILE
from innocluster.platform.organizations.selectors import user_can
from innocluster.platform.organizations.services import require_ability
from innocluster.platform.status.selectors import has_active_status

from . import notifications as notices
from .choices import CONSENT_TRANSITIONS, IP_TRANSITIONS, LIVE_STATES, Consent, IPState
from .errors import IPRegistryErrorCode
from .models import IPObject, Rightholder
from .rules import clean_rightholders, normalize_sha256
from .selectors import ip_visible_to, organizations_editable_by

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

# What the public pages say for the ledger entries this module appends.
register_kind("ip.registered", gettext_lazy("intellectual property registered"))

FIELDS = ("title", "kind", "description", "work_sha256")
REASON_MAX_LENGTH = Rightholder._meta.get_field("decline_reason").max_length


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


@transaction.atomic
def _write(ip_object: IPObject, holders: list[dict], *, actor, upload) -> IPObject:
    if upload is not None:
        ip_object.file_name = Path(upload.name or "work").name[-255:]
        ip_object.file.save(ip_object.file_name, upload, save=False)
    try:
        _insert(ip_object)
        Rightholder.objects.bulk_create(
            [Rightholder(ip_object=ip_object, **holder) for holder in holders]
        )
        if ip_object.state == IPState.PENDING:
            _record_submitted(ip_object, holders, actor=actor)
        else:
            _record(ip_object, holders, actor=actor)
    except BaseException:
        if ip_object.file:  # the transaction rolls back; the stored file must go with it
            ip_object.file.delete(save=False)
        raise
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
        waiting=_names(h["organization"] for h in awaited),
    )


def _names(organizations) -> str:
    return ", ".join(sorted({organization.short_name for organization in organizations}))


def _record(ip_object: IPObject, holders: list[dict], *, actor, consents=None) -> None:
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


# --- The rightholders' consent ----------------------------------------------------------------


def ip_object_confirm(*, ip_object: IPObject, actor, organization=None) -> IPObject:
    """Confirm, for a rightholder `organization` that `actor` owns or edits, a registration
    that names it. `organization` may be left out when the actor answers for only one.

    The last confirmation makes the registration final: its ledger entry is appended in the
    same transaction, once, however many rightholders confirm at the same moment (each step
    locks the registration's row, so they go one after the other and only the last one finds
    nobody left to wait for). Anybody the registration is hidden from gets NotFound; someone
    who sees it but answers for no awaited rightholder, PermissionDenied; a registration no
    longer waiting, or a rightholder that has already answered, a Conflict.
    """
    with transaction.atomic():
        ip_object, rows = _answering(ip_object, actor, organization, IPState.REGISTERED)
        _answer(rows, Consent.CONFIRMED, actor=actor)
        holders = list(ip_object.rightholders.select_related("organization"))
        waiting = [h.organization for h in holders if h.consent == Consent.AWAITED]
        _audit_answer(ip_object, rows, "ip_object.confirmed", actor=actor)
        if waiting:
            notices.notify(
                ip_object,
                notices.CONFIRMED,
                organization_ids=_parties(ip_object, holders),
                actor=actor,
                rightholder=rows[0].organization.short_name,
                waiting=_names(waiting),
            )
            return ip_object
        _move(ip_object, IPState.REGISTERED, registered_at=timezone.now())
        _record(ip_object, _as_dicts(holders), actor=actor, consents=_consents(holders))
        notices.notify(
            ip_object,
            notices.REGISTERED,
            organization_ids=_parties(ip_object, holders),
            actor=actor,
        )
    return ip_object


def ip_object_decline(*, ip_object: IPObject, actor, reason: str, organization=None) -> IPObject:
    """Decline, for a rightholder `organization` that `actor` owns or edits, a registration
    that names it, giving the reason (told to the others). The registration ends as declined:
    nothing goes to the ledger, and the registrant may register the work again. Refusals as
    for ip_object_confirm, and a ValidationError on "reason" without one."""
    reason = (reason or "").strip()
    if not reason:
        message = _("Say why the registration is declined.")
        raise ValidationError({"reason": ValidationError(message, code="required")})
    if len(reason) > REASON_MAX_LENGTH:
        message = _("Keep the reason under %(max)s characters.") % {"max": REASON_MAX_LENGTH}
        raise ValidationError({"reason": ValidationError(message, code="max_length")})
    with transaction.atomic():
        ip_object, rows = _answering(ip_object, actor, organization, IPState.DECLINED)
        _answer(rows, Consent.DECLINED, actor=actor, decline_reason=reason)
        _move(ip_object, IPState.DECLINED, closed_at=timezone.now())
        _audit_answer(ip_object, rows, "ip_object.declined", actor=actor, reason=reason)
        notices.notify(
            ip_object,
            notices.DECLINED,
            organization_ids=_parties(ip_object, ip_object.rightholders.all()),
            actor=actor,
            rightholder=rows[0].organization.short_name,
            reason=reason,
        )
    return ip_object


def ip_object_withdraw(*, ip_object: IPObject, actor) -> IPObject:
    """Withdraw a registration that still waits for its rightholders: an owner or editor of
    the registering organization (NotFound for anybody it is hidden from, PermissionDenied for
    the others who see it). Nothing goes to the ledger; the work may be registered again."""
    _require_visible(ip_object, actor)
    if not user_can(user=actor, organization=ip_object.organization, ability=EDIT_PROFILE):
        raise PermissionDenied(
            _("Only an owner or editor of the registering organization withdraws it."),
            code=IPRegistryErrorCode.NOT_THE_REGISTRANT,
        )
    with transaction.atomic():
        ip_object = _locked(ip_object)
        _move(ip_object, IPState.WITHDRAWN, closed_at=timezone.now())
        audit_record(
            actor=actor,
            action="ip_object.withdrawn",
            target=ip_object,
            organization=ip_object.organization,
            changes={"title": ip_object.title},
        )
        notices.notify(
            ip_object,
            notices.WITHDRAWN,
            organization_ids=_parties(ip_object, ip_object.rightholders.all()),
            actor=actor,
        )
    return ip_object


def _require_visible(ip_object: IPObject, actor) -> None:
    if not ip_visible_to(user=actor, ip_object=ip_object):
        raise NotFound(_("No such registration."))


def _answering(
    ip_object: IPObject, actor, organization, target: str
) -> tuple[IPObject, list[Rightholder]]:
    """The registration, locked, and the rows `actor` answers for: refusals as documented.
    `target` is where the answer may lead: the table must still allow it."""
    _require_visible(ip_object, actor)
    mine = set(organizations_editable_by(user=actor).values_list("pk", flat=True))
    ip_object = _locked(ip_object)
    named = [
        row
        for row in ip_object.rightholders.select_related("organization")
        if row.organization_id in mine and row.consent != Consent.NOT_ASKED
    ]
    if organization is not None:
        named = [row for row in named if row.organization_id == getattr(organization, "pk", None)]
    if not named:
        raise PermissionDenied(
            _("Only an owner or editor of an organization named as a rightholder answers."),
            code=IPRegistryErrorCode.NOT_A_RIGHTHOLDER,
        )
    if organization is None and len({row.organization_id for row in named}) > 1:
        # Several of the actor's organizations are named: the one still to answer, if one is.
        awaited = [row for row in named if row.consent == Consent.AWAITED]
        named = awaited or named
    if len({row.organization_id for row in named}) > 1:
        message = _("You answer for several rightholders: choose the organization.")
        code = IPRegistryErrorCode.ORGANIZATION_REQUIRED
        raise ValidationError({"organization": ValidationError(message, code=code)})
    _refuse_unless(ip_object, target)
    return ip_object, named


def _locked(ip_object: IPObject) -> IPObject:
    return (
        IPObject.objects.select_for_update(of=("self",))
        .select_related("organization")
        .get(pk=ip_object.pk)
    )


def _refuse_unless(ip_object: IPObject, target: str) -> None:
    """409 unless the table lets the registration move to `target` from where it is now."""
    if target not in IP_TRANSITIONS[ip_object.state]:
        raise Conflict(
            _("This registration is %(state)s and can no longer be changed.")
            % {"state": ip_object.get_state_display()},
            code=IPRegistryErrorCode.IP_STATE,
            extra={"state": ip_object.state},
        )


def _move(ip_object: IPObject, target: str, **fields) -> None:
    """One transition of the registration, on its locked row; 409 if it has moved on."""
    _refuse_unless(ip_object, target)
    ip_object.state = target
    for name, value in fields.items():
        setattr(ip_object, name, value)
    ip_object.save(update_fields=["state", *fields])


def _answer(rows: list[Rightholder], consent: str, *, actor, decline_reason: str = "") -> None:
    for row in rows:
        if consent not in CONSENT_TRANSITIONS[row.consent]:
            raise Conflict(
                _("%(organization)s has already answered: %(consent)s.")
                % {
                    "organization": row.organization.short_name,
                    "consent": row.get_consent_display(),
                },
                code=IPRegistryErrorCode.CONSENT_GIVEN,
                extra={"consent": row.consent},
            )
        row.consent, row.consent_by, row.consent_at = consent, actor, timezone.now()
        row.decline_reason = decline_reason
        row.save(update_fields=["consent", "consent_by", "consent_at", "decline_reason"])


def _audit_answer(ip_object: IPObject, rows, action: str, *, actor, reason: str = "") -> None:
    audit_record(
        actor=actor,
        action=action,
        target=ip_object,
        organization=rows[0].organization,
        changes={
            "title": ip_object.title,
            "rightholders": [row.name for row in rows],
            **({"reason": reason} if reason else {}),
        },
    )


def _parties(ip_object: IPObject, holders) -> list[int]:
    """The registering organization and every rightholder organization asked to consent."""
    asked = [h.organization_id for h in holders if h.consent != Consent.NOT_ASKED]
    return [ip_object.organization_id, *asked]


def _as_dicts(holders: list[Rightholder]) -> list[dict]:
    return [{"name": h.name, "share": h.share} for h in holders]


def _consents(holders: list[Rightholder]) -> list[dict]:
    return [
        {
            "organization": {"id": h.organization_id, "inn": h.organization.inn},
            "confirmed_at": h.consent_at,
        }
        for h in holders
        if h.consent == Consent.CONFIRMED
    ]
