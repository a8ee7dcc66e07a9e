"""Races with real threads, each on its own connection, released together by a barrier: two
administrators accepting the same request, administrators inviting the same organization at
once. PostgreSQL only (pytest's in-memory SQLite shares one cache between threads, whose
table locks fail at once instead of waiting); on SQLite, test_services.py proves the same
rule with a request loaded before another administrator answered it."""

from collections import Counter

import pytest
from django.db import connection

from innocluster.core.errors import Conflict
from innocluster.features.clusters import errors
from innocluster.features.clusters.errors import ClusterErrorCode as Code
from innocluster.features.clusters.models import ClusterInvitation, ClusterJoinRequest
from innocluster.features.clusters.services import membership as services
from tests.facilities.race import race as threads_race
from tests.factories import member_of

from .helpers import add_members, found, participant

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("threads need PostgreSQL (see the module's docstring)")


def race(count: int, attempt) -> list:
    """`attempt(i)` in `count` threads released at once: "ok", or the Conflict's code."""

    def attempted(index: int) -> str:
        try:
            attempt(index)
        except Conflict as conflict:
            return str(conflict.code)
        return "ok"

    return threads_race(count, attempted)


def test_two_administrators_accept_the_same_request_at_once():
    cluster, admin = found()
    second_admin = member_of(add_members(cluster, 1, admin=True)[0], "owner")
    asking = participant()
    join_request = services.join_request_create(
        cluster=cluster, organization=asking, actor=member_of(asking, "owner"), reason="Хотим"
    )
    admins = [admin, second_admin]
    results = race(
        2,
        lambda i: services.join_request_accept(
            join_request=ClusterJoinRequest.objects.get(pk=join_request.pk), actor=admins[i]
        ),
    )
    assert Counter(results) == {"ok": 1, Code.REQUEST_STATE: 1}
    assert cluster.members.filter(organization=asking).count() == 1


def test_ten_invitations_of_one_organization_at_once_give_one():
    cluster, admin = found()
    invited = participant()
    results = race(
        10,
        lambda i: services.invitation_create(cluster=cluster, organization=invited, actor=admin),
    )
    assert Counter(results) == {"ok": 1, errors.ClusterErrorCode.ALREADY_INVITED: 9}
    assert ClusterInvitation.objects.filter(organization=invited).count() == 1


def test_two_members_opening_the_status_application_at_once_get_one():
    from innocluster.features.clusters.models import ClusterApplication
    from innocluster.features.clusters.services.application import cluster_application_create
    from innocluster.platform.reviews.errors import ReviewErrorCode

    from .projects_helpers import a_cluster

    cluster, lead_owner = a_cluster(counting=3)
    other = cluster.members.exclude(organization=cluster.lead_organization).first()
    people = [lead_owner, member_of(other.organization, "editor")]
    results = race(2, lambda i: cluster_application_create(cluster=cluster, actor=people[i]))
    assert Counter(results) == {"ok": 1, ReviewErrorCode.CASE_ALREADY_OPEN: 1}
    assert ClusterApplication.objects.filter(cluster=cluster).count() == 1
