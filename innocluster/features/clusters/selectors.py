"""Reads that depend on who asks. What the caller may not see is a 404, never a 403.

Who may do what in a cluster:
- a *member person* belongs (in any role) to a member organization: reads members-only
  threads and posts in them;
- an *acting person* of a member organization is its owner or editor: acts for it (records
  supply links, leaves the cluster, takes part in projects);
- an *administrator* is an acting person of a member organization marked `is_admin`.
Chains and the community read these through the functions below, never the tables."""

from django.http import Http404

from innocluster.platform.organizations.choices import MemberRole
from innocluster.platform.organizations.models import Membership

from .models import Cluster, ClusterMember

ACTING_ROLES = (MemberRole.OWNER, MemberRole.EDITOR)


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def member_organization_ids(*, cluster) -> set[int]:
    return set(
        ClusterMember.objects.filter(cluster=cluster).values_list("organization_id", flat=True)
    )


def _user_organization_ids(user, roles=None) -> set[int]:
    if not _authenticated(user):
        return set()
    memberships = Membership.objects.filter(user=user)
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    return set(memberships.values_list("organization_id", flat=True))


def is_member_person(*, user, cluster) -> bool:
    """Whether `user` belongs, in any role, to one of the cluster's member organizations."""
    ids = _user_organization_ids(user)
    return bool(ids) and cluster.members.filter(organization_id__in=ids).exists()


def acting_member_organizations(*, user, cluster):
    """The member organizations `user` may act for (as owner or editor)."""
    ids = _user_organization_ids(user, ACTING_ROLES)
    return cluster.members.filter(organization_id__in=ids).select_related("organization")


def is_administrator(*, user, cluster) -> bool:
    return acting_member_organizations(user=user, cluster=cluster).filter(is_admin=True).exists()


def cluster_get_visible(*, user, pk) -> Cluster:
    """The cluster if `user` may see it: a public one to everyone, a private one to its
    member people and fund staff; otherwise 404 as if it did not exist."""
    try:
        cluster = Cluster.objects.select_related("lead_organization").get(pk=pk)
    except (Cluster.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if cluster.is_public or getattr(user, "is_fund_staff", False):
        return cluster
    if is_member_person(user=user, cluster=cluster):
        return cluster
    raise Http404
