"""Approval puts the cluster on the register; the fund keeps the register true."""

import hashlib
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.urls import reverse

from innocluster.core.errors import Conflict, PermissionDenied
from innocluster.features.clusters.models import Cluster, ClusterMember, ClusterStatusChange
from innocluster.features.clusters.services import register
from innocluster.platform.ledger.models import Entry
from innocluster.platform.reviews import services as kit
from innocluster.platform.status.models import Status

from ..reviews.plug import api_client, notified, page_client
from ..status.helpers import fund_admin, reviewer
from .projects_helpers import a_cluster, a_project, submitted_application

pytestmark = pytest.mark.django_db


def approved_cluster(**fields):
    cluster, owner = a_cluster(counting=30, **fields)
    a_project(cluster, owner)
    application = submitted_application(cluster, owner)
    kit.case_decide(case=application.case, reviewer=reviewer(), decision="approve", reason="")
    return Cluster.objects.get(pk=cluster.pk), owner


def test_approval_gives_a_register_number_a_ledger_entry_and_a_register_row():
    cluster, owner = approved_cluster()
    assert (cluster.status, cluster.register_number) == ("active", "МК-0001")
    entry = Entry.objects.get(kind="cluster_register.granted", subject=f"cluster:{cluster.pk}")
    payload = entry.content["payload"]
    rows = sorted(cluster.members.values_list("organization_id", "organization__inn"))
    expected = hashlib.sha256("\n".join(f"{pk}:{inn}" for pk, inn in rows).encode()).hexdigest()
    assert register.member_list_sha256(cluster) == expected
    assert payload["members_sha256"] == expected
    assert (payload["register_number"], payload["counting_members"]) == ("МК-0001", 30)
    # the public register, page and API
    page = page_client().get(reverse("clusters:register"))
    assert page.status_code == 200 and "МК-0001" in page.content.decode()
    entry_page = page_client().get(reverse("clusters:register_entry", args=["МК-0001"]))
    assert entry_page.status_code == 200
    listed = api_client().get("/api/v1/cluster-register/").json()
    row = listed["results"][0]
    assert (row["register_number"], row["member_count"], row["name"]) == (
        "МК-0001",
        30,
        cluster.name,
    )
    assert row["lead_organization"]["inn"] == cluster.lead_organization.inn
    # a second cluster gets the next number
    second, _owner = approved_cluster(name="Второй кластер")
    assert second.register_number == "МК-0002"


def test_losing_a_counting_member_tells_the_admins_and_the_fund_who_decide():
    cluster, owner = approved_cluster()
    admin = fund_admin()
    member = cluster.members.exclude(organization=cluster.lead_organization).first()
    # Given a member's organization loses its participant status (the daily check sees it)
    Status.objects.filter(organization=member.organization).update(state="revoked")
    assert register.clusters_minimum_check_all() == 1
    cluster.refresh_from_db()
    assert cluster.below_minimum_since is not None
    entry_url = reverse("clusters:register_entry", args=[cluster.register_number])
    # the membership's one notice (clusters.services.minimum), pointing at the cluster's page
    cluster_url = reverse("clusters:detail", args=[cluster.pk])
    assert notified(owner, "clusters.below_minimum") == [cluster_url]
    assert notified(admin, "clusters.below_minimum") == [cluster_url]
    # told once, however often it is checked
    register.clusters_minimum_check_all()
    assert len(notified(admin, "clusters.below_minimum")) == 1
    page = page_client(admin).get(entry_url).content.decode()
    assert "fewer than 30 counting members (29 now)" in page

    # Only a fund administrator decides, with a reason
    with pytest.raises(PermissionDenied):
        register.cluster_status_change(cluster=cluster, actor=owner, action="kept", reason="x")
    assert (
        page_client(owner)
        .post(entry_url + "change/", {"action": "suspended", "reason": "x"})
        .status_code
        == 404
    )
    with pytest.raises(ValidationError):
        register.cluster_status_change(cluster=cluster, actor=admin, action="kept", reason=" ")

    # Keep it for now; later suspend; restore
    register.cluster_status_change(cluster=cluster, actor=admin, action="kept", reason="Набор идёт")
    assert Cluster.objects.get(pk=cluster.pk).status == "active"
    response = page_client(admin).post(
        entry_url + "change/", {"action": "suspended", "reason": "Не набрали"}
    )
    assert response.status_code == 302
    assert Cluster.objects.get(pk=cluster.pk).status == "suspended"
    with pytest.raises(Conflict) as refused:
        register.cluster_status_change(cluster=cluster, actor=admin, action="kept", reason="x")
    assert refused.value.code == "cluster_status_state"
    register.cluster_status_change(cluster=cluster, actor=admin, action="restored", reason="30")
    actions = list(
        ClusterStatusChange.objects.filter(cluster=cluster).values_list("action", flat=True)
    )
    assert actions == ["granted", "kept", "suspended", "restored"]
    kinds = set(
        Entry.objects.filter(subject=f"cluster:{cluster.pk}").values_list("kind", flat=True)
    )
    assert kinds == {f"cluster_register.{a}" for a in actions}
    assert Cluster.objects.get(pk=cluster.pk).register_number == "МК-0001"  # kept for good


def test_back_at_30_the_mark_is_cleared():
    cluster, _owner = approved_cluster()
    member = cluster.members.exclude(organization=cluster.lead_organization).first()
    ClusterMember.objects.filter(pk=member.pk).delete()
    assert register.cluster_minimum_check(cluster=cluster) is True
    ClusterMember.objects.create(cluster=cluster, organization=member.organization)
    assert register.cluster_minimum_check(cluster=cluster) is False
    assert Cluster.objects.get(pk=cluster.pk).below_minimum_since is None


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (row locks)")
@pytest.mark.django_db(transaction=True)
def test_two_approvals_at_once_get_two_register_numbers():
    # Given two clusters, each with a submitted application
    cases = []
    for name in ("Первый", "Второй"):
        cluster, owner = a_cluster(counting=30, name=name)
        a_project(cluster, owner)
        cases.append(submitted_application(cluster, owner).case)
    both_there = threading.Barrier(2, timeout=10)
    taken = register.next_register_number
    outcomes = []

    def number_together():
        # Both approvals reach the counter's lock together.
        both_there.wait()
        return taken()

    register.next_register_number = number_together
    try:

        def approve(case):
            try:
                kit.case_decide(case=case, reviewer=reviewer(), decision="approve", reason="")
                outcomes.append("ok")
            except Exception as error:  # noqa: BLE001 (asserted below)
                outcomes.append(error)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=approve, args=(case,)) for case in cases]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        register.next_register_number = taken
    assert outcomes == ["ok", "ok"], outcomes
    numbers = sorted(Cluster.objects.values_list("register_number", flat=True))
    assert numbers == ["МК-0001", "МК-0002"]


def test_a_private_cluster_on_the_register_is_seen_by_its_members_and_the_fund_only():
    cluster, owner = approved_cluster()
    Cluster.objects.filter(pk=cluster.pk).update(is_public=False)
    entry_url = reverse("clusters:register_entry", args=[cluster.register_number])
    assert cluster.name not in page_client(None).get("/clusters/register/").content.decode()
    assert page_client(None).get(entry_url).status_code == 404
    assert api_client(None).get("/api/v1/cluster-register/").json()["count"] == 0
    assert page_client(owner).get(entry_url).status_code == 200
    assert page_client(fund_admin()).get(entry_url).status_code == 200


def test_an_open_application_shows_on_the_cluster_page_to_its_members_not_to_everyone():
    cluster, owner = a_cluster(counting=30)
    a_project(cluster, owner)
    application = submitted_application(cluster, owner)
    url = reverse("clusters:detail", args=[cluster.pk])
    assert application.case.number in page_client(owner).get(url).content.decode()
    assert application.case.number not in page_client(None).get(url).content.decode()
