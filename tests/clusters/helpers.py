"""Clusters for the tests: founded through the service, members added in bulk."""

from innocluster.features.clusters.models import ClusterMember
from innocluster.features.clusters.services import clusters as services
from tests.factories import OrganizationFactory, member_of, with_status


def participant(**fields):
    return with_status(OrganizationFactory(**fields), "participant")


def partner(**fields):
    return with_status(OrganizationFactory(region="50", **fields), "partner")


def found(founder_org=None, actor=None, **fields):
    """A cluster founded by `actor` (a new owner of a new participant by default)."""
    founder_org = founder_org or participant()
    actor = actor or member_of(founder_org, "owner")
    defaults = {
        "name": "Кластер беспилотных систем",
        "aims": "Совместная разработка беспилотников",
        "description_ru": "Производители и разработчики беспилотных систем Москвы.",
    }
    cluster = services.cluster_create(
        actor=actor, organization=founder_org, **{**defaults, **fields}
    )
    return cluster, actor


def add_members(cluster, count: int, *, kind="participant", admin=False) -> list:
    """`count` new organizations of `kind` (None: without status) as members, in bulk."""
    organizations = []
    for _ in range(count):
        organization = OrganizationFactory(region="77" if kind != "partner" else "50")
        if kind:
            with_status(organization, kind)
        organizations.append(organization)
    ClusterMember.objects.bulk_create(
        [ClusterMember(cluster=cluster, organization=o, is_admin=admin) for o in organizations]
    )
    return organizations


def bulk_members(cluster, count: int, *, participants: int | None = None) -> None:
    """`count` members made in bulk (the scale tests): the first `participants` (all by
    default) with active participant status, the rest partners."""
    from django.utils import timezone

    from innocluster.platform.organizations.models import Organization
    from innocluster.platform.status.models import Status

    participants = count if participants is None else participants
    built = OrganizationFactory.build_batch(count)
    organizations = Organization.objects.bulk_create(built)
    Status.objects.bulk_create(
        Status(
            organization=o,
            kind="participant" if index < participants else "partner",
            state="active",
            register_number=f"IC-{o.pk:07d}",
            granted_on=timezone.localdate(),
        )
        for index, o in enumerate(organizations)
    )
    ClusterMember.objects.bulk_create(
        ClusterMember(cluster=cluster, organization=o) for o in organizations
    )
