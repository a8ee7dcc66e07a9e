"""A status's life: granted on approval, suspended, revoked on stated grounds, restored.

Each change is a StatusChange, an audit event and a ledger entry in one transaction, and the
organization's members are told of it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.audit import audit_record, change, register_actions
from innocluster.core.calendar import moscow_date
from innocluster.core.errors import Conflict, PermissionDenied
from innocluster.core.limits import require_max_length
from innocluster.platform.ledger.kinds import register_kind
from innocluster.platform.ledger.services import ledger_append
from innocluster.platform.notifications.kinds import NotificationKind, register
from innocluster.platform.notifications.services import notification_send
from innocluster.platform.organizations.selectors import people_of

from ..choices import RevocationGrounds, StatusAction, StatusKind, StatusState
from ..errors import StatusErrorCode
from ..models import REASON_MAX_LENGTH, Status, StatusChange

# The history pages' words for what this module records (core.audit).
register_actions(
    {
        "participation.granted": gettext_lazy("granted the cluster status"),
        "participation.suspended": gettext_lazy("suspended the cluster status"),
        "participation.revoked": gettext_lazy("revoked the cluster status"),
        "participation.restored": gettext_lazy("restored the cluster status"),
    }
)

# What the public pages say for the ledger entries this module appends.
# The words of the coded values its ledger entries record.
_LEDGER_VALUES = {
    "status": dict(StatusKind.choices),
    "state": dict(StatusState.choices),
    "grounds": dict(RevocationGrounds.choices),
}
register_kind("participation.granted", gettext_lazy("status granted"), values=_LEDGER_VALUES)
register_kind("participation.suspended", gettext_lazy("status suspended"), values=_LEDGER_VALUES)
register_kind("participation.revoked", gettext_lazy("status revoked"), values=_LEDGER_VALUES)
register_kind("participation.restored", gettext_lazy("status restored"), values=_LEDGER_VALUES)

for _code, _title in {
    "participation.granted": gettext_lazy("{organization}: cluster status granted"),
    "participation.suspended": gettext_lazy("{organization}: cluster status suspended"),
    "participation.revoked": gettext_lazy("{organization}: cluster status revoked"),
    "participation.restored": gettext_lazy("{organization}: cluster status restored"),
}.items():
    register(NotificationKind(_code, _title, gettext_lazy("Register number {number}. {reason}")))

A = StatusAction
# action: (the states it may start from, the state it leads to)
TRANSITIONS = {
    A.SUSPENDED: ((StatusState.ACTIVE,), StatusState.SUSPENDED),
    A.REVOKED: ((StatusState.ACTIVE, StatusState.SUSPENDED), StatusState.REVOKED),
    A.RESTORED: ((StatusState.SUSPENDED, StatusState.REVOKED), StatusState.ACTIVE),
}


def status_grant(*, organization, kind: str, case, actor) -> Status:
    """Make `organization` a participant or partner, from the approval of `case`.

    The register number is the organization's for good: granted again after a revocation, or
    moving from partner to participant, it keeps the number it had.
    """
    status = Status.objects.select_for_update().filter(organization=organization).first()
    refuse_second_status(status, kind)
    before = status.state if status else None
    if status is None:
        number = register_number_for(organization)
        status = Status(organization=organization, register_number=number)
    status.kind = kind
    status.state = StatusState.ACTIVE
    status.granted_on = moscow_date()
    status.save()
    _record(status, A.GRANTED, actor=actor, before=before, case=case)
    return status


def refuse_second_status(status: Status | None, kind: str) -> None:
    """Conflict unless the organization may be granted `kind`: it has no status, a revoked
    one, or an active partner status that becomes participant. A suspended status is the
    administrators' to restore: an approval never lifts it."""
    if status is None or status.state == StatusState.REVOKED:
        return
    if status.state == StatusState.SUSPENDED:
        raise Conflict(
            _("The organization's status is suspended: only the fund can restore it."),
            code=StatusErrorCode.STATUS_SUSPENDED,
        )
    if status.kind == kind or kind == StatusKind.PARTNER:
        raise Conflict(
            _("%(name)s already has %(status)s status (register number %(number)s).")
            % {
                "name": status.organization.short_name,
                "status": status.get_kind_display(),
                "number": status.register_number,
            },
            code=StatusErrorCode.STATUS_EXISTS,
        )


def status_suspend(*, status: Status, actor, reason: str) -> Status:
    return _change(status, A.SUSPENDED, actor=actor, reason=reason)


def status_revoke(*, status: Status, actor, grounds: str, reason: str) -> Status:
    """Revoke on one of the grounds the cluster's rules name."""
    if grounds not in RevocationGrounds.values:
        message = _("Choose the grounds for the revocation.")
        raise ValidationError({"grounds": ValidationError(message, code="invalid_choice")})
    return _change(status, A.REVOKED, actor=actor, reason=reason, grounds=grounds)


def status_restore(*, status: Status, actor, reason: str) -> Status:
    return _change(status, A.RESTORED, actor=actor, reason=reason)


def _change(status: Status, action: str, *, actor, reason: str, grounds: str = "") -> Status:
    if not getattr(actor, "is_fund_admin", False):
        raise PermissionDenied(_("Only a fund administrator can change a status."))
    reason = (reason or "").strip()
    if not reason:
        message = _("Give the reason for this change.")
        raise ValidationError({"reason": ValidationError(message, code="required")})
    require_max_length("reason", reason, REASON_MAX_LENGTH)
    sources, target = TRANSITIONS[action]
    with transaction.atomic():
        status = Status.objects.select_for_update().select_related("organization").get(pk=status.pk)
        if status.state not in sources:
            raise Conflict(
                _("The status is %(state)s: it cannot be %(action)s.")
                % {"state": status.get_state_display(), "action": StatusAction(action).label},
                code=StatusErrorCode.STATUS_STATE,
                extra={"state": status.state},
            )
        before, status.state = status.state, target
        status.save(update_fields=["state", "changed_at"])
        _record(status, action, actor=actor, before=before, reason=reason, grounds=grounds)
    return status


def _record(status, action, *, actor, before, case=None, reason="", grounds="") -> None:
    organization = status.organization
    StatusChange.objects.create(
        status=status,
        action=action,
        kind=status.kind,
        state=status.state,
        grounds=grounds,
        reason=reason,
        actor=actor,
        case=case,
    )
    audit_record(
        actor=actor,
        action=f"participation.{action}",
        target=status,
        organization=organization,
        changes={"state": change(before, status.state), "kind": status.kind, "grounds": grounds},
    )
    ledger_append(
        kind=f"participation.{action}",
        subject=status.ledger_subject,
        payload={
            "register_number": status.register_number,
            "organization": {"id": organization.pk, "inn": organization.inn},
            "status": status.kind,
            "state": status.state,
            "grounds": grounds,
            "case": case.number if case else "",
            "effective_on": moscow_date().isoformat(),
        },
    )
    _notify(status, action, reason=reason or (case.decision_reason if case else ""))


def _notify(status: Status, action: str, *, reason: str) -> None:
    notification_send(
        recipients=people_of(organization_id=status.organization_id),
        kind=f"participation.{action}",
        context={
            "organization": status.organization.short_name,
            "number": status.register_number,
            "reason": reason,
        },
        url=reverse("participation:entry", kwargs={"number": status.register_number}),
    )


def register_number_for(organization) -> str:
    # One status per organization for life, so the organization's id makes a unique number.
    return f"IC-{organization.pk:07d}"
