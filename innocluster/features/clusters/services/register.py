"""The register of intersectoral clusters: the status granted on approval, and kept true
afterwards.

Each change of a cluster's status is a ClusterStatusChange, an audit event and a ledger entry
in one transaction, and the administrators are told. The register number («МК-0001») comes
from one counter row taken under a row lock: two approvals at once get two numbers, in order,
never the same one; a cluster keeps its number through suspension and restoration.

Keeping the status true: when the counting members of a cluster holding the status fall below
30 (a member leaves, or a member's organization loses participant status), the cluster is
marked `below_minimum_since`, its administrators and the fund's administrators are told, and
the fund decides: suspend, or keep (and later restore). The membership's services call
`note_membership_change` (services/minimum.py) when a member leaves; participant status
changes in the platform (which may not import features) are caught by the daily task
`clusters.minimum_check` (tasks_register.py), which runs it for every cluster holding the status."""

import hashlib

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.audit import audit_record, change, register_actions
from innocluster.core.calendar import moscow_date
from innocluster.core.errors import Conflict, PermissionDenied
from innocluster.core.limits import require_max_length
from innocluster.platform.ledger.kinds import register_kind, register_subject
from innocluster.platform.ledger.services import ledger_append
from innocluster.platform.notifications.kinds import NotificationKind
from innocluster.platform.notifications.kinds import register as register_notification
from innocluster.platform.notifications.services import notification_send
from innocluster.platform.organizations.models import Membership
from innocluster.platform.reviews.models import REASON_MAX_LENGTH

from ..choices import ClusterStatus
from ..errors_projects import ClusterProjectErrorCode as Code
from ..models import Cluster, ClusterMember, ClusterStatusChange, RegisterCounter
from ..models.application import ClusterStatusAction
from ..selectors import counting_member_count
from .minimum import note_membership_change

S = ClusterStatus
GRANTED, SUSPENDED, KEPT, RESTORED, REVOKED = "granted", "suspended", "kept", "restored", "revoked"
ACTION_LABELS = dict(ClusterStatusAction.choices)
# action: (the statuses it may start from, the status it leads to)
TRANSITIONS = {
    SUSPENDED: ((S.ACTIVE,), S.SUSPENDED),
    KEPT: ((S.ACTIVE,), S.ACTIVE),
    RESTORED: ((S.SUSPENDED,), S.ACTIVE),
    REVOKED: ((S.ACTIVE, S.SUSPENDED), S.REVOKED),
}
FUND_ACTIONS = (SUSPENDED, KEPT, RESTORED, REVOKED)

register_actions({f"cluster_register.{a}": label for a, label in ACTION_LABELS.items()})
_VALUES = {"status": dict(S.choices)}
for _action, _label in ACTION_LABELS.items():
    register_kind(f"cluster_register.{_action}", _label, values=_VALUES)
register_subject(
    "cluster",
    gettext_lazy("intersectoral cluster"),
    objects=Cluster.objects.listed(),
    name_fields=("name",),
)
for _action in ACTION_LABELS:
    register_notification(
        NotificationKind(
            f"cluster_register.{_action}",
            gettext_lazy("Cluster «{cluster}»: {change}"),
            gettext_lazy("Register number {number}. {reason}"),
        )
    )


def member_list_sha256(cluster) -> str:
    """SHA-256 of the members, sorted by organization id, one 'id:INN' per line: anyone with
    the member list can check the ledger entry."""
    rows = (
        ClusterMember.objects.filter(cluster=cluster)
        .order_by("organization_id")
        .values_list("organization_id", "organization__inn")
    )
    text = "\n".join(f"{pk}:{inn}" for pk, inn in rows)
    return hashlib.sha256(text.encode()).hexdigest()


def next_register_number() -> str:
    """The next number, under the counter's row lock (the caller's transaction holds it)."""
    RegisterCounter.objects.get_or_create(name="clusters")
    counter = RegisterCounter.objects.select_for_update().get(name="clusters")
    counter.value += 1
    counter.save(update_fields=["value"])
    return f"МК-{counter.value:04d}"


def cluster_status_grant(*, cluster, case, actor) -> Cluster:
    """Grant the status on the approval of `case` (in the decision's transaction)."""
    cluster = Cluster.objects.select_for_update().get(pk=cluster.pk)
    if cluster.status in (S.ACTIVE, S.SUSPENDED):
        raise Conflict(
            _("The cluster holds the status already (register number %(number)s).")
            % {"number": cluster.register_number},
            code=Code.CLUSTER_STATUS_STATE,
        )
    before = cluster.status
    if not cluster.register_number:
        cluster.register_number = next_register_number()
    cluster.status, cluster.status_changed_at = S.ACTIVE, timezone.now()
    cluster.below_minimum_since = None
    cluster.save(
        update_fields=["status", "register_number", "status_changed_at", "below_minimum_since"]
    )
    _record(cluster, GRANTED, actor=actor, before=before, case=case, reason=case.decision_reason)
    return cluster


def cluster_status_change(*, cluster, actor, action: str, reason: str) -> Cluster:
    """A fund administrator suspends, keeps (below 30, for now), restores or revokes."""
    if not getattr(actor, "is_fund_admin", False):
        raise PermissionDenied(_("Only a fund administrator can change a cluster's status."))
    if action not in FUND_ACTIONS:
        message = _("Choose the change.")
        raise ValidationError({"action": ValidationError(message, code="invalid_choice")})
    reason = (reason or "").strip()
    if not reason:
        message = _("Give the reason for this change.")
        raise ValidationError({"reason": ValidationError(message, code="required")})
    require_max_length("reason", reason, REASON_MAX_LENGTH)
    sources, target = TRANSITIONS[action]
    with transaction.atomic():
        cluster = Cluster.objects.select_for_update().get(pk=cluster.pk)
        if cluster.status not in sources:
            raise Conflict(
                _("The cluster's status is «%(status)s»: it cannot be changed so.")
                % {"status": cluster.get_status_display()},
                code=Code.CLUSTER_STATUS_STATE,
                extra={"status": cluster.status},
            )
        before, cluster.status = cluster.status, target
        cluster.status_changed_at = timezone.now()
        cluster.save(update_fields=["status", "status_changed_at"])
        _record(cluster, action, actor=actor, before=before, reason=reason)
    return cluster


def cluster_minimum_check(*, cluster) -> bool:
    """Mark (and tell, once) or clear a cluster holding the status whose counting members
    fell below 30: the membership's own check (services/minimum.py). True when below."""
    cluster = note_membership_change(cluster)
    return cluster.below_minimum_since is not None


def clusters_minimum_check_all() -> int:
    """The daily check of every cluster holding the status; the number below 30."""
    ids = Cluster.objects.filter(status=S.ACTIVE).values_list("pk", flat=True)
    return sum(cluster_minimum_check(cluster=Cluster(pk=pk)) for pk in list(ids))


def administrators_people(cluster):
    admin_orgs = ClusterMember.objects.filter(cluster=cluster, is_admin=True)
    user_ids = Membership.objects.filter(
        organization_id__in=admin_orgs.values("organization_id"), role__in=("owner", "editor")
    ).values("user_id")
    return get_user_model().objects.filter(pk__in=user_ids, is_active=True)


def _record(cluster, action, *, actor, before, case=None, reason="") -> None:
    count = counting_member_count(cluster)
    ClusterStatusChange.objects.create(
        cluster=cluster,
        action=action,
        status=cluster.status,
        reason=reason,
        counting_members=count,
        actor=actor,
        case=case,
    )
    audit_record(
        actor=actor,
        action=f"cluster_register.{action}",
        target=cluster,
        organization=cluster.lead_organization,
        changes={"status": change(before, cluster.status)},
    )
    ledger_append(
        kind=f"cluster_register.{action}",
        subject=cluster.ledger_subject,
        payload={
            "register_number": cluster.register_number,
            "lead_organization": {
                "id": cluster.lead_organization_id,
                "inn": cluster.lead_organization.inn,
            },
            "status": cluster.status,
            "case": case.number if case else "",
            "counting_members": count,
            "members_sha256": member_list_sha256(cluster),
            "effective_on": moscow_date().isoformat(),
        },
    )
    notification_send(
        recipients=administrators_people(cluster),
        kind=f"cluster_register.{action}",
        context={
            "cluster": cluster.name,
            "change": str(ACTION_LABELS[action]),
            "number": cluster.register_number,
            "reason": reason,
        },
        url=reverse("clusters:register_entry", kwargs={"number": cluster.register_number}),
    )


def cluster_status_grant_seeded(*, cluster, actor, reason: str) -> Cluster:
    """Put a cluster on the register without an application (demo data, a migration of the
    paper register): the same number, history and ledger entry as an approval."""
    with transaction.atomic():
        cluster = (
            Cluster.objects.select_for_update()
            .select_related("lead_organization")
            .get(pk=cluster.pk)
        )
        before = cluster.status
        cluster.register_number = cluster.register_number or next_register_number()
        cluster.status, cluster.status_changed_at = S.ACTIVE, timezone.now()
        cluster.save(update_fields=["status", "register_number", "status_changed_at"])
        _record(cluster, GRANTED, actor=actor, before=before, reason=reason)
    return cluster
