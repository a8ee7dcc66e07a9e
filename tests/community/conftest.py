"""A public cluster with an administrator organization and a plain member, a stranger, and a
private cluster of somebody else's."""

import pytest

from innocluster.features.clusters.models import Cluster, ClusterMember
from innocluster.features.community import selectors, services
from tests.factories import OrganizationFactory, member_of


def make_cluster(*, is_public=True, name="Кластер умного города"):
    lead = OrganizationFactory()
    cluster = Cluster.objects.create(
        name=name,
        aims="Цели",
        description_ru="Описание",
        lead_organization=lead,
        is_public=is_public,
    )
    ClusterMember.objects.create(cluster=cluster, organization=lead, is_admin=True)
    return cluster, lead


def join(cluster, organization=None, *, is_admin=False):
    organization = organization or OrganizationFactory()
    ClusterMember.objects.create(cluster=cluster, organization=organization, is_admin=is_admin)
    return organization


@pytest.fixture
def world(db):
    cluster, lead = make_cluster()
    admin = member_of(lead, "owner")
    member_org = join(cluster)
    member = member_of(member_org, "viewer")
    stranger = member_of(OrganizationFactory(), "owner")
    other, other_lead = make_cluster(is_public=False, name="Закрытый кластер")
    outsider_admin = member_of(other_lead, "owner")

    class World:
        pass

    w = World()
    w.cluster, w.lead, w.admin, w.member_org, w.member = cluster, lead, admin, member_org, member
    w.stranger, w.other, w.other_lead, w.outsider_admin = (
        stranger,
        other,
        other_lead,
        outsider_admin,
    )
    return w


def standing(user, cluster):
    return selectors.standing(user=user, cluster_pk=cluster.pk)


def start(user, cluster, title="Обсуждение", text="Первое сообщение", **kwargs):
    return services.thread_create(
        standing=standing(user, cluster), actor=user, title=title, text=text, **kwargs
    )


def reply(user, thread, text="Ответ", **kwargs):
    return services.post_create(
        standing=standing(user, thread.cluster), thread=thread, actor=user, text=text, **kwargs
    )


def moderate(user, thread, **changes):
    return services.thread_update(
        standing=standing(user, thread.cluster), thread=thread, actor=user, **changes
    )
