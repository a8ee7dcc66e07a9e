"""Reads that depend on who asks. What the caller may not see is a 404, never a 403.

Who may do what in a cluster:
- a *member person* belongs (in any role) to a member organization: reads members-only
  threads and posts in them;
- an *acting person* of a member organization is its owner or editor: acts for it (records
  supply links, leaves the cluster, takes part in projects);
- an *administrator* is an acting person of a member organization marked `is_admin`.
Chains and the community read these through the functions below, never the tables."""

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from innocluster.core.errors import NotFound
from innocluster.platform.organizations.models import Organization
from innocluster.platform.organizations.permissions import EDIT_PROFILE
from innocluster.platform.organizations.selectors import organization_ids_of
from innocluster.platform.status.selectors import PARTICIPANT, with_active_status

from .choices import InvitationState, JoinRequestState
from .models import Cluster, ClusterInvitation, ClusterJoinRequest, ClusterMember, ProjectNeed

# Owners and editors act for their organization (the roles that may edit its profile).
ACTING = EDIT_PROFILE


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def member_organization_ids(*, cluster) -> set[int]:
    return set(
        ClusterMember.objects.filter(cluster=cluster).values_list("organization_id", flat=True)
    )


def shared_cluster_ids(first_id, second_id) -> set[int]:
    """The clusters both organizations are members of (one query)."""
    return set(
        ClusterMember.objects.filter(
            organization_id=first_id,
            cluster__members__organization_id=second_id,
        ).values_list("cluster_id", flat=True)
    )


def is_member_person(*, user, cluster) -> bool:
    """Whether `user` belongs, in any role, to one of the cluster's member organizations."""
    ids = organization_ids_of(user=user)
    return bool(ids) and cluster.members.filter(organization_id__in=ids).exists()


def acting_member_organizations(*, user, cluster):
    """The member organizations `user` may act for (as owner or editor)."""
    ids = organization_ids_of(user=user, ability=ACTING)
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


# --- counting members (decree 435-PP) ------------------------------------------------


def _participants():
    """Organizations holding active participant status today (partners do not count)."""
    return with_active_status(Organization.objects.all(), kinds=(PARTICIPANT,)).values("pk")


def counting_members(cluster):
    """The members that count towards the decree's 30: their organization holds active
    participant status today. One query (a semi-join on the status table)."""
    return ClusterMember.objects.filter(cluster=cluster, organization__in=_participants())


def clusters_counting(organization_ids):
    """The ids of the clusters where one of `organization_ids` is a counting member."""
    return ClusterMember.objects.filter(
        organization_id__in=organization_ids, organization__in=_participants()
    ).values("cluster_id")


def counting_member_count(cluster) -> int:
    return counting_members(cluster).count()


def counting_member_ids(cluster) -> set[int]:
    return set(counting_members(cluster).values_list("organization_id", flat=True))


def with_member_counts(clusters):
    """`clusters` with `member_count` and `counting_count`, in the same query."""
    return clusters.annotate(
        member_count=Count("members", distinct=True),
        counting_count=Count(
            "members", filter=Q(members__organization__in=_participants()), distinct=True
        ),
    )


# --- clusters as people see them -----------------------------------------------------


def cluster_list_visible(*, user):
    """Public clusters, and the private ones of the user's organizations (all for fund
    staff), with their member counts."""
    clusters = Cluster.objects.all()
    if not getattr(user, "is_fund_staff", False):
        mine = ClusterMember.objects.filter(
            organization_id__in=organization_ids_of(user=user)
        ).values("cluster_id")
        clusters = clusters.filter(Q(is_public=True) | Q(pk__in=mine))
    return with_member_counts(clusters).select_related("lead_organization").order_by("name", "id")


def cluster_list_public():
    """What the one search finds: public clusters only."""
    return Cluster.objects.listed().select_related("lead_organization")


def cluster_get_administered(*, user, pk) -> Cluster:
    """The cluster if `user` acts for one of its administrators; otherwise 404."""
    cluster = cluster_get_visible(user=user, pk=pk)
    if not is_administrator(user=user, cluster=cluster):
        raise Http404
    return cluster


def acting_organizations(*, user):
    """The organizations `user` is an owner or editor of."""
    return Organization.objects.filter(pk__in=organization_ids_of(user=user, ability=ACTING))


def founding_organizations(*, user):
    """The organizations `user` may found a cluster for: acted for, active participants."""
    return founding_among(acting_organizations(user=user))


def founding_among(organizations):
    """Those of `organizations` that may found a cluster: active participants."""
    return with_active_status(organizations, kinds=(PARTICIPANT,))


def joinable_organizations(*, user, cluster):
    """The organizations `user` acts for that may ask to join `cluster`: participants or
    partners in good standing, not members yet."""
    members = ClusterMember.objects.filter(cluster=cluster).values("organization_id")
    return with_active_status(acting_organizations(user=user)).exclude(pk__in=members)


def member_list(*, cluster):
    """The members, administrators first, then by name."""
    return cluster.members.select_related("organization").order_by(
        "-is_admin", "organization__short_name", "organization_id"
    )


def administrators(*, cluster):
    return member_list(cluster=cluster).filter(is_admin=True)


def counting_ids_among(*, cluster, organization_ids) -> set[int]:
    """Which of `organization_ids` (a page of members) count towards the 30."""
    return set(
        counting_members(cluster)
        .filter(organization_id__in=organization_ids)
        .values_list("organization_id", flat=True)
    )


def _pending_invitations():
    return ClusterInvitation.objects.filter(
        state=InvitationState.PENDING, expires_at__gt=timezone.now()
    )


def pending_invitations(*, cluster):
    return _pending_invitations().filter(cluster=cluster).select_related("organization")


def pending_join_requests(*, cluster):
    return (
        ClusterJoinRequest.objects.filter(cluster=cluster, state=JoinRequestState.PENDING)
        .select_related("organization")
        .order_by("created_at", "id")
    )


def invitations_for_user(*, user):
    """Pending invitations to the organizations `user` acts for."""
    return (
        _pending_invitations()
        .filter(organization_id__in=organization_ids_of(user=user, ability=ACTING))
        .select_related("cluster", "organization")
    )


def join_requests_of_user(*, user):
    """Pending requests of the organizations `user` acts for."""
    return ClusterJoinRequest.objects.filter(
        state=JoinRequestState.PENDING,
        organization_id__in=organization_ids_of(user=user, ability=ACTING),
    ).select_related("cluster", "organization")


def memberships_of_user(*, user):
    """ "My clusters": the memberships of the user's organizations (any role)."""
    return (
        ClusterMember.objects.filter(organization_id__in=organization_ids_of(user=user))
        .select_related("cluster", "organization")
        .order_by("cluster__name", "organization__short_name")
    )


def _get(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def invitation_get_for_answer(*, user, pk) -> ClusterInvitation:
    """An invitation to an organization `user` acts for (any state: the service tells a
    revoked or expired one apart); otherwise 404."""
    queryset = ClusterInvitation.objects.filter(
        organization_id__in=organization_ids_of(user=user, ability=ACTING)
    ).select_related("cluster", "organization")
    return _get(queryset, pk)


def invitation_get_administered(*, user, cluster, pk) -> ClusterInvitation:
    cluster_check = cluster_get_administered(user=user, pk=cluster.pk)
    return _get(cluster_check.invitations.select_related("organization"), pk)


def join_request_get_administered(*, user, cluster, pk) -> ClusterJoinRequest:
    cluster_check = cluster_get_administered(user=user, pk=cluster.pk)
    return _get(cluster_check.join_requests.select_related("organization"), pk)


def join_request_get_own(*, user, pk) -> ClusterJoinRequest:
    """A request of an organization `user` acts for; otherwise 404."""
    queryset = ClusterJoinRequest.objects.filter(
        organization_id__in=organization_ids_of(user=user, ability=ACTING)
    ).select_related("cluster", "organization")
    return _get(queryset, pk)


def member_get_visible(*, user, cluster, pk) -> ClusterMember:
    """A member of a cluster `user` may see (by the membership's id)."""
    cluster = cluster_get_visible(user=user, pk=cluster.pk)
    return _get(cluster.members.select_related("organization"), pk)


def cluster_get_visible_or_not_found(*, user, pk) -> Cluster:
    """cluster_get_visible for services: the domain's NotFound instead of Http404."""
    try:
        return cluster_get_visible(user=user, pk=pk)
    except Http404:
        raise NotFound(_("Cluster not found.")) from None


def member_organizations(*, cluster):
    """The member organizations themselves (a lead is chosen among them)."""
    return Organization.objects.filter(cluster_memberships__cluster=cluster)


def _administered_cluster_ids(user):
    ids = organization_ids_of(user=user, ability=ACTING)
    return ClusterMember.objects.filter(organization_id__in=ids, is_admin=True).values("cluster_id")


def invitation_get_revocable(*, user, pk) -> ClusterInvitation:
    """An invitation of a cluster `user` administers; otherwise 404."""
    queryset = ClusterInvitation.objects.filter(
        cluster_id__in=_administered_cluster_ids(user)
    ).select_related("cluster", "organization")
    return _get(queryset, pk)


def join_request_get_answerable(*, user, pk) -> ClusterJoinRequest:
    """A request to join a cluster `user` administers; otherwise 404."""
    queryset = ClusterJoinRequest.objects.filter(
        cluster_id__in=_administered_cluster_ids(user)
    ).select_related("cluster", "organization")
    return _get(queryset, pk)


def project_needs(*, cluster) -> list[tuple[str, str, str]]:
    """What the cluster's joint projects need, as (product category, description, project
    name), in project then need order: the chain's gaps are those no member supplies."""
    return list(
        ProjectNeed.objects.filter(project__cluster=cluster)
        .order_by("project__name", "project_id", "id")
        .values_list("category", "description", "project__name")
    )


def joint_projects_in(*, organization_id: int, start, end) -> int:
    """Joint projects of intersectoral clusters the organization took part in that ran during
    [start, end) (dates): what its yearly KPI report is filled with."""
    from .models import Project

    return (
        Project.objects.filter(
            participants__organization_id=organization_id,
            starts_on__lt=end,
            ends_on__gte=start,
        )
        .distinct()
        .count()
    )


def joint_project_facts():
    """The fund's figures (features/figures): one row per organization taking part in a joint
    project of an intersectoral cluster; the figure counts distinct projects."""
    from .models import ProjectParticipant

    return ProjectParticipant.objects.all()


def cluster_register_rows():
    """The open data's register of intersectoral clusters: the public ones that have a register
    number, as plain values, with their counting members' number."""
    return (
        with_member_counts(Cluster.objects.listed().filter(register_number__isnull=False))
        .order_by("register_number")
        .values(
            "register_number",
            "name",
            "status",
            "status_changed_at",
            "lead_organization__inn",
            "lead_organization__short_name",
            "member_count",
            "counting_count",
        )
    )
