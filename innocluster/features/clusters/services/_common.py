"""What the clusters' services share: who the actor acts for, locks, the audit's words."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.audit import audit_record, register_actions
from innocluster.core.errors import NotFound

from .. import selectors
from ..models import Cluster

register_actions(
    {
        "cluster.created": gettext_lazy("founded the cluster"),
        "cluster.updated": gettext_lazy("changed the cluster"),
        "cluster.admin_granted": gettext_lazy("made a member an administrator of the cluster"),
        "cluster.admin_revoked": gettext_lazy("took administrator rights in the cluster"),
        "cluster.invited": gettext_lazy("invited an organization to the cluster"),
        "cluster.invitation_revoked": gettext_lazy("revoked an invitation to the cluster"),
        "cluster.invitation_accepted": gettext_lazy("accepted an invitation to the cluster"),
        "cluster.invitation_declined": gettext_lazy("declined an invitation to the cluster"),
        "cluster.join_requested": gettext_lazy("asked to join the cluster"),
        "cluster.join_withdrawn": gettext_lazy("withdrew a request to join the cluster"),
        "cluster.join_accepted": gettext_lazy("accepted a request to join the cluster"),
        "cluster.join_declined": gettext_lazy("declined a request to join the cluster"),
        "cluster.member_left": gettext_lazy("left the cluster"),
        "cluster.member_removed": gettext_lazy("removed a member from the cluster"),
        "cluster.below_minimum": gettext_lazy("noted the cluster fell below 30 participants"),
        "cluster.minimum_restored": gettext_lazy("noted the cluster has 30 participants again"),
    }
)


def locked(cluster) -> Cluster:
    """The cluster's row, locked: every change of its membership takes this lock first, so
    two administrators' answers (or a leave and a revocation of rights) run one after the
    other, each on what the other left."""
    return Cluster.objects.select_for_update().get(pk=cluster.pk)


def require_administrator(*, actor, cluster) -> None:
    if not selectors.is_administrator(user=actor, cluster=cluster):
        raise NotFound(_("Cluster not found."))


def require_acting(*, actor, organization) -> None:
    """NotFound unless `actor` is an owner or editor of `organization`."""
    if not selectors.acting_organizations(user=actor).filter(pk=organization.pk).exists():
        raise NotFound(_("Organization not found."))


def admin_organization_ids(cluster) -> list[int]:
    return list(cluster.members.filter(is_admin=True).values_list("organization_id", flat=True))


def record(*, actor, action: str, cluster, organization=None, **changes) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=cluster,
        organization=organization,
        changes={key: str(value) for key, value in changes.items()} or None,
    )


def now():
    return timezone.now()
