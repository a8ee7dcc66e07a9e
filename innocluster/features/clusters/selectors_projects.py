"""Reads of joint projects, the status application and the register. A project is seen by
whoever may see its cluster (clusters.selectors.cluster_get_visible); anything else is 404."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404

from innocluster.platform.reviews.choices import OPEN_STATUSES

from .choices import ClusterStatus
from .models import (
    Cluster,
    ClusterApplication,
    ClusterMember,
    Milestone,
    Project,
    ProjectParticipant,
)
from .selectors import cluster_get_visible, counting_member_count, counting_member_ids


def project_list(*, cluster):
    """The cluster's projects with their participants' count (the cluster page's section)."""
    return (
        Project.objects.filter(cluster=cluster)
        .annotate(participant_count=Count("participants", distinct=True))
        .order_by("-starts_on", "-id")  # Meta.ordering is not applied to a GROUP BY
    )


def participants_named():
    """Participants with their organization's short name only (not the whole profile)."""
    return ProjectParticipant.objects.select_related("organization").only(
        "id", "project_id", "organization_id", "role", "organization__short_name"
    )


def project_list_full(*, cluster):
    """The cluster's projects with participants, milestones and needs: four queries."""
    return (
        Project.objects.filter(cluster=cluster)
        .order_by("-starts_on", "-id")
        .prefetch_related(
            Prefetch("participants", queryset=participants_named()),
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "id")),
            "needs",
        )
    )


def project_get_visible(*, user, cluster_pk, pk) -> Project:
    cluster = cluster_get_visible(user=user, pk=cluster_pk)
    try:
        project = (
            Project.objects.select_related("cluster__lead_organization")
            .prefetch_related(
                Prefetch("participants", queryset=participants_named()), "milestones", "needs"
            )
            .get(pk=int(pk), cluster=cluster)
        )
    except (Project.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None
    return project


def open_application(*, cluster):
    """The cluster's application that is not decided yet, if any."""
    return (
        ClusterApplication.objects.filter(cluster=cluster, case__status__in=OPEN_STATUSES)
        .select_related("case")
        .first()
    )


def status_summary(*, cluster, counting=None, members=None) -> dict:
    """What the cluster page's status panel shows: the count towards 30 (`counting`, when
    the caller counted it already), all members (`members`, the same) and the status."""
    if counting is None:
        counting = counting_member_count(cluster)
    if members is None:
        members = ClusterMember.objects.filter(cluster=cluster).count()
    return {
        "counting": counting,
        "members": members,
        "has_project": Project.objects.filter(cluster=cluster).exists(),
        "application": open_application(cluster=cluster),
    }


def register_list(*, user=None):
    """The public register: clusters that hold (or held and had suspended) the status. A
    private cluster is on it only for its member people and the fund's staff, as its page."""
    entries = Cluster.objects.filter(register_number__isnull=False)
    if not getattr(user, "is_fund_staff", False):
        member_ids = _member_cluster_ids(user)
        entries = entries.filter(Q(is_public=True) | Q(pk__in=member_ids))
    return (
        entries.exclude(status=ClusterStatus.NONE)
        .select_related("lead_organization")
        .annotate(member_count=Count("members", distinct=True))
        .order_by("register_number")
    )


def _member_cluster_ids(user) -> list[int]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        ClusterMember.objects.filter(organization__memberships__user=user).values_list(
            "cluster_id", flat=True
        )
    )


def register_entry_get(*, number: str, user=None) -> Cluster:
    try:
        return register_list(user=user).get(register_number=number)
    except Cluster.DoesNotExist:
        raise Http404 from None


def members_compared(*, application) -> list[dict]:
    """The members at submission beside the members today: each row says whether the
    organization is still a member and still counts (left, lost status, joined since)."""
    members_now = set(
        ClusterMember.objects.filter(cluster=application.cluster).values_list(
            "organization_id", flat=True
        )
    )
    counting_now = counting_member_ids(application.cluster)
    rows, seen = [], set()
    for snap in application.member_snapshots.all():
        seen.add(snap.organization_id)
        rows.append(
            {
                "name": snap.short_name,
                "inn": snap.inn,
                "number": snap.status_register_number,
                "counted_then": snap.counted,
                "member_now": snap.organization_id in members_now,
                "counted_now": snap.organization_id in counting_now,
            }
        )
    joined = (
        ClusterMember.objects.filter(cluster=application.cluster)
        .exclude(organization_id__in=seen)
        .select_related("organization")
    )
    for member in joined:
        rows.append(
            {
                "name": member.organization.short_name,
                "inn": member.organization.inn,
                "number": "",
                "counted_then": None,
                "member_now": True,
                "counted_now": member.organization_id in counting_now,
            }
        )
    return rows
