"""The rightholders' consent: confirm, decline, withdraw. Each step locks the registration's row
and checks the tables of choices.IP_TRANSITIONS and choices.CONSENT_TRANSITIONS under the lock."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innocluster.core.audit import audit_record
from innocluster.core.errors import Conflict, NotFound, PermissionDenied
from innocluster.core.limits import require_max_length
from innocluster.platform.organizations.permissions import EDIT_PROFILE
from innocluster.platform.organizations.selectors import user_can

from .. import notifications as notices
from ..choices import CONSENT_TRANSITIONS, IP_TRANSITIONS, Consent, IPState
from ..errors import IPRegistryErrorCode
from ..models import IPObject, Rightholder
from ..selectors import ip_visible_to, organizations_editable_by
from .registration import names_of, record_registered

REASON_MAX_LENGTH = Rightholder._meta.get_field("decline_reason").max_length


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
                waiting=names_of(waiting),
            )
            return ip_object
        _move(ip_object, IPState.REGISTERED, registered_at=timezone.now())
        record_registered(ip_object, _as_dicts(holders), actor=actor, consents=_consents(holders))
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
    require_max_length("reason", reason, REASON_MAX_LENGTH)
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
