"""The clusters API: reads, writes, problem+json codes, other people's things as 404."""

import pytest

from innocluster.features.clusters import errors
from innocluster.features.clusters.errors import ClusterErrorCode as Code
from innocluster.features.clusters.models import Cluster, ClusterInvitation, ClusterJoinRequest
from tests.factories import UserFactory, member_of

from .helpers import add_members, found, participant, partner

pytestmark = pytest.mark.django_db


def test_list_and_detail_with_counts(api, cluster):
    add_members(cluster, 2)
    add_members(cluster, 1, kind="partner")
    found(is_public=False, name="Закрытый")
    listing = api.get("/api/v1/clusters/").json()
    assert [c["name"] for c in listing["results"]] == [cluster.name]
    detail = api.get(f"/api/v1/clusters/{cluster.pk}/").json()
    assert detail["member_count"] == 4 and detail["counting_member_count"] == 3
    private = Cluster.objects.get(name="Закрытый")
    missing = api.get(f"/api/v1/clusters/{private.pk}/")
    assert missing.status_code == 404 and missing["Content-Type"] == "application/problem+json"
    assert api.get("/api/v1/clusters/", {"status": "x"}).status_code == 400


def test_create_and_update(api_as):
    organization = participant()
    person = member_of(organization, "owner")
    client = api_as(person)
    body = {
        "organization": organization.pk,
        "name": "Космические технологии",
        "aims": "Спутники",
        "description_ru": "Малые спутники",
    }
    created = client.post("/api/v1/clusters/", body, format="json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    changed = client.patch(f"/api/v1/clusters/{pk}/", {"is_public": False}, format="json")
    assert changed.status_code == 200 and changed.json()["is_public"] is False
    too_long = client.post("/api/v1/clusters/", {**body, "aims": "я" * 10_001}, format="json")
    assert too_long.status_code == 400 and "aims" in too_long.json()["errors"]
    stranger = api_as(UserFactory())
    assert (
        stranger.patch(f"/api/v1/clusters/{pk}/", {"name": "x"}, format="json").status_code == 404
    )
    partner_org = partner()
    refused = api_as(member_of(partner_org, "owner")).post(
        "/api/v1/clusters/", {**body, "organization": partner_org.pk}, format="json"
    )
    assert refused.status_code == 400
    assert refused.json()["error_codes"] == {"organization": ["not_a_participant"]}
    alone = api_as(UserFactory()).post("/api/v1/clusters/", body, format="json")
    assert alone.status_code == 404  # acts for no such organization


def test_invite_twice_accept_and_the_members_list(api_as, cluster, admin, outsider_org, outsider):
    admin_client = api_as(admin)
    body = {"cluster": cluster.pk, "organization": outsider_org.pk}
    first = admin_client.post("/api/v1/cluster-invitations/", body, format="json")
    assert first.status_code == 201
    second = admin_client.post("/api/v1/cluster-invitations/", body, format="json")
    assert second.status_code == 409 and second.json()["code"] == Code.ALREADY_INVITED
    invitation = first.json()["id"]
    viewer = api_as(member_of(outsider_org, "viewer"))
    assert viewer.post(f"/api/v1/cluster-invitations/{invitation}/accept/").status_code == 404
    invited = api_as(outsider)
    assert [i["id"] for i in invited.get("/api/v1/cluster-invitations/").json()["results"]] == [
        invitation
    ]
    assert invited.post(f"/api/v1/cluster-invitations/{invitation}/accept/").status_code == 200
    again = invited.post(f"/api/v1/cluster-invitations/{invitation}/accept/")
    assert again.status_code == 409 and again.json()["code"] == Code.INVITATION_STATE
    members = invited.get(f"/api/v1/clusters/{cluster.pk}/members/").json()
    assert members["count"] == 2


def test_revoke(api_as, cluster, admin, outsider_org, outsider):
    admin_client = api_as(admin)
    body = {"cluster": cluster.pk, "organization": outsider_org.pk}
    invitation = admin_client.post("/api/v1/cluster-invitations/", body, format="json").json()["id"]
    assert (
        api_as(outsider).post(f"/api/v1/cluster-invitations/{invitation}/revoke/").status_code
        == 404
    )
    assert admin_client.post(f"/api/v1/cluster-invitations/{invitation}/revoke/").status_code == 200
    accepted = api_as(outsider).post(f"/api/v1/cluster-invitations/{invitation}/accept/")
    assert accepted.status_code == 409 and accepted.json()["code"] == Code.INVITATION_STATE
    assert ClusterInvitation.objects.get().state == "revoked"


def test_join_requests(api_as, cluster, admin, outsider_org, outsider):
    client = api_as(outsider)
    body = {"cluster": cluster.pk, "organization": outsider_org.pk, "reason": "Мы делаем дроны"}
    created = client.post("/api/v1/cluster-join-requests/", body, format="json")
    assert created.status_code == 201
    duplicate = client.post("/api/v1/cluster-join-requests/", body, format="json")
    assert duplicate.status_code == 409 and duplicate.json()["code"] == errors.REQUEST_PENDING
    pk = created.json()["id"]
    assert client.post(f"/api/v1/cluster-join-requests/{pk}/accept/").status_code == 404
    admin_client = api_as(admin)
    empty = admin_client.post(f"/api/v1/cluster-join-requests/{pk}/decline/", {}, format="json")
    assert empty.status_code == 400 and "reason" in empty.json()["errors"]
    assert admin_client.post(f"/api/v1/cluster-join-requests/{pk}/accept/").status_code == 200
    twice = admin_client.post(f"/api/v1/cluster-join-requests/{pk}/accept/")
    assert twice.status_code == 409 and twice.json()["code"] == Code.REQUEST_STATE
    assert ClusterJoinRequest.objects.get().state == "accepted"


def test_leave_remove_and_admin_rights(api_as, cluster, admin):
    organization = add_members(cluster, 1)[0]
    member = cluster.members.get(organization=organization)
    lead_member = cluster.members.get(organization=cluster.lead_organization)
    admin_client = api_as(admin)
    last = admin_client.post(
        f"/api/v1/clusters/{cluster.pk}/members/{lead_member.pk}/admin/",
        {"is_admin": False},
        format="json",
    )
    assert last.status_code == 409 and last.json()["code"] == Code.LAST_ADMINISTRATOR
    made = admin_client.post(
        f"/api/v1/clusters/{cluster.pk}/members/{member.pk}/admin/",
        {"is_admin": True},
        format="json",
    )
    assert made.status_code == 200 and made.json()["is_admin"] is True
    person = api_as(member_of(organization, "editor"))
    no_reason = admin_client.post(
        f"/api/v1/clusters/{cluster.pk}/members/{member.pk}/remove/", {}, format="json"
    )
    assert no_reason.status_code == 400
    left = person.post(f"/api/v1/clusters/{cluster.pk}/members/{member.pk}/leave/")
    assert left.status_code == 204
    assert not cluster.members.filter(organization=organization).exists()
    gone = person.post(f"/api/v1/clusters/{cluster.pk}/members/{member.pk}/leave/")
    assert gone.status_code == 404
