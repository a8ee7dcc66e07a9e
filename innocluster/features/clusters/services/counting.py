"""Who counts towards decree 435-PP's 30: member organizations holding ACTIVE participant
status today (partners may be members but do not count).

Private to joint projects and the status application until the membership's selectors offer
`counting_member_count`; then these become calls to it."""

from innocluster.platform.status.choices import StatusKind, StatusState

from ..models import ClusterMember

_COUNTING = {
    "organization__cluster_status__kind": StatusKind.PARTICIPANT,
    "organization__cluster_status__state": StatusState.ACTIVE,
}


def _counting_member_ids(cluster) -> set[int]:
    """The organization ids of the cluster's counting members: one indexed query."""
    members = ClusterMember.objects.filter(cluster=cluster, **_COUNTING)
    return set(members.values_list("organization_id", flat=True))


def _counting_member_count(cluster) -> int:
    return ClusterMember.objects.filter(cluster=cluster, **_COUNTING).count()
