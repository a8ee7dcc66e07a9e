"""The clusters' pages as each kind of person sees them; the cluster's page with 1,100 members."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innocluster.features.clusters.models import Cluster, ClusterInvitation, ClusterJoinRequest
from tests.factories import UserFactory, member_of

from .helpers import add_members, bulk_members, found, participant

pytestmark = pytest.mark.django_db


def test_the_catalogue_searches_and_filters(client, cluster):
    found(name="Фотоника и оптика", description_ru="Лазеры и оптоволокно")
    page = client.get("/clusters/", {"q": "фотоник"})
    assert page.status_code == 200
    body = page.content.decode()
    assert "Фотоника и оптика" in body and cluster.name not in body
    assert client.get("/clusters/", {"status": "nonsense"}).status_code == 400
    everything = client.get("/clusters/").content.decode()
    assert cluster.name in everything and "Фотоника и оптика" in everything


def test_a_private_cluster_is_404_to_outsiders_and_seen_by_members(client, outsider):
    cluster, admin = found(is_public=False, name="Закрытый кластер")
    assert client.get(f"/clusters/{cluster.pk}/").status_code == 404
    assert "Закрытый кластер" not in client.get("/clusters/").content.decode()
    client.force_login(outsider)
    assert client.get(f"/clusters/{cluster.pk}/").status_code == 404
    client.force_login(admin)
    assert client.get(f"/clusters/{cluster.pk}/").status_code == 200
    assert "Закрытый кластер" in client.get("/clusters/").content.decode()
    client.force_login(UserFactory(staff_role="reviewer"))
    assert client.get(f"/clusters/{cluster.pk}/").status_code == 200


def test_the_members_page_is_for_administrators_only(client, cluster, admin, outsider):
    url = f"/clusters/{cluster.pk}/members/"
    assert client.get(url).status_code == 302  # to sign in
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(admin)
    assert client.get(url).status_code == 200


def test_found_a_cluster_on_the_page(client):
    organization = participant()
    person = member_of(organization, "owner")
    client.force_login(person)
    page = client.get("/clusters/new/")
    assert page.status_code == 200 and 'name="organization"' in page.content.decode()
    data = {
        "organization": organization.pk,
        "lead_organization": organization.pk,
        "name": "Электромобили Москвы",
        "aims": "Зарядная инфраструктура",
        "description_ru": "Производители электромобилей",
        "is_public": "on",
    }
    response = client.post("/clusters/new/", data)
    assert response.status_code == 302
    detail = client.get(response["Location"])
    assert "Электромобили Москвы" in detail.content.decode()
    too_long = client.post("/clusters/new/", {**data, "aims": "я" * 10_001})
    assert too_long.status_code == 400


def test_found_and_edit_a_cluster_with_its_logo(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.organizations.test_services import png

    organization = participant()
    person = member_of(organization, "editor")
    client.force_login(person)
    data = {
        "organization": organization.pk,
        "lead_organization": organization.pk,
        "name": "Фотоника",
        "aims": "Лазеры",
        "description_ru": "Производители лазеров",
    }
    founded = client.post("/clusters/new/", {**data, "logo": png()})
    assert founded.status_code == 302
    cluster = Cluster.objects.get(name="Фотоника")
    assert cluster.logo.name.endswith(".png")
    first_logo = cluster.logo.name

    # A file that is no image: the form again with the reason, nothing changed
    fake = SimpleUploadedFile("logo.png", b"%PDF-1.7 not an image", content_type="image/png")
    refused = client.post(f"/clusters/{cluster.pk}/edit/", {**data, "logo": fake})
    assert refused.status_code == 400 and 'name="logo"' in refused.content.decode()
    cluster.refresh_from_db()
    assert cluster.logo.name == first_logo

    # A new logo and a new name, saved together
    edited = client.post(
        f"/clusters/{cluster.pk}/edit/", {**data, "name": "Фотоника и оптика", "logo": png()}
    )
    assert edited.status_code == 302 and edited["Location"] == f"/clusters/{cluster.pk}/"
    cluster.refresh_from_db()
    assert cluster.name == "Фотоника и оптика" and cluster.logo.name != first_logo
    assert client.get(f"/clusters/{cluster.pk}/logo/").status_code == 200


def test_a_person_without_a_participant_organization_is_told_how(client):
    client.force_login(UserFactory())
    page = client.get("/clusters/new/")
    assert page.status_code == 200 and 'name="aims"' not in page.content.decode()


def test_invite_by_search_and_accept(client, cluster, admin, outsider_org, outsider):
    client.force_login(admin)
    response = client.post(
        f"/clusters/{cluster.pk}/members/invite/", {"organization": outsider_org.pk}
    )
    assert response.status_code == 302
    again = client.post(
        f"/clusters/{cluster.pk}/members/invite/", {"organization": outsider_org.pk}, follow=True
    )
    assert "уже приглашена" in again.content.decode()  # a message, not a 500
    assert ClusterInvitation.objects.count() == 1
    client.force_login(outsider)
    invitations = client.get("/clusters/invitations/")
    assert cluster.name in invitations.content.decode()
    invitation = ClusterInvitation.objects.get()
    # someone who does not act for the invited organization: 404
    client.force_login(member_of(outsider_org, "viewer"))
    assert client.post(f"/clusters/invitations/{invitation.pk}/accept/").status_code == 404
    client.force_login(outsider)
    client.post(f"/clusters/invitations/{invitation.pk}/accept/")
    assert cluster.members.filter(organization=outsider_org).exists()
    mine = client.get("/clusters/mine/").content.decode()
    assert cluster.name in mine


def test_ask_to_join_and_be_answered(client, cluster, admin, outsider_org, outsider):
    client.force_login(outsider)
    assert client.get(f"/clusters/{cluster.pk}/join/").status_code == 200
    sent = client.post(
        f"/clusters/{cluster.pk}/join/", {"organization": outsider_org.pk, "reason": ""}
    )
    assert sent.status_code == 400
    client.post(f"/clusters/{cluster.pk}/join/", {"organization": outsider_org.pk, "reason": "Да"})
    join_request = ClusterJoinRequest.objects.get()
    client.force_login(admin)
    assert join_request.reason in client.get(f"/clusters/{cluster.pk}/members/").content.decode()
    client.post(f"/clusters/{cluster.pk}/requests/{join_request.pk}/accept/")
    assert cluster.members.filter(organization=outsider_org).exists()
    twice = client.post(f"/clusters/{cluster.pk}/requests/{join_request.pk}/accept/", follow=True)
    assert twice.status_code == 200 and "уже ответили" in twice.content.decode()


def test_the_last_administrator_leaving_is_told_why(client, cluster, admin):
    other = add_members(cluster, 1)[0]
    lead_member = cluster.members.get(is_admin=True)
    Cluster.objects.filter(pk=cluster.pk).update(lead_organization=other)  # the lead is another
    client.force_login(admin)
    page = client.post(
        f"/clusters/{cluster.pk}/members/{lead_member.pk}/leave/", follow=True
    ).content.decode()
    assert "Последний администратор не может выйти" in page
    assert cluster.members.filter(pk=lead_member.pk).exists()


def test_the_page_shows_the_other_parts_of_the_cluster(client, cluster):
    body = client.get(f"/clusters/{cluster.pk}/").content.decode()
    assert 'id="projects-title"' in body  # joint projects
    assert 'id="cluster-status-title"' in body  # the status and the application
    assert f"/clusters/{cluster.pk}/chain/" in body  # the supply chain
    assert f"/clusters/{cluster.pk}/community/" in body  # the discussions (a public cluster)


def _cluster_page(client, cluster, person):
    """The cluster's page as `person` sees it, after a first visit, with its queries."""
    client.force_login(person)
    client.get(f"/clusters/{cluster.pk}/")  # warm
    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"/clusters/{cluster.pk}/")
    return page, queries


def test_the_cluster_page_counts_its_members_once(client, cluster, admin):
    # The paginator counts all members, one query the counting ones; the status panel is
    # given both (it counted them again before), and the member organizations one acts for.
    bulk_members(cluster, 40, participants=31)
    page, queries = _cluster_page(client, cluster, admin)
    assert page.status_code == 200
    counts = [
        q["sql"]
        for q in queries
        if "COUNT(" in q["sql"].upper() and 'FROM "clusters_clustermember"' in q["sql"]
    ]
    assert len(counts) == 2, counts
    assert page.context["summary"]["counting"] == page.context["counting_count"] == 32
    assert page.context["summary"]["members"] == page.context["member_count"] == 41


def test_a_cluster_of_1100_members_is_fast(client, cluster, admin):
    bulk_members(cluster, 1100, participants=1000)
    page, queries = _cluster_page(client, cluster, admin)
    url = f"/clusters/{cluster.pk}/"
    body = page.content.decode()
    assert page.status_code == 200 and "1101" in body.replace("\xa0", "").replace(" ", "")
    query_count = len(queries)
    # A bound that does not grow with the members: the page's own reads, the projects and
    # status panel, the chain's link count and the announcements.
    assert query_count <= 30, [q["sql"] for q in queries]
    timings = []
    for _ in range(20):
        start = time.perf_counter()
        client.get(url)
        timings.append(time.perf_counter() - start)
    p95 = sorted(timings)[18] * 1000
    # Printed, not asserted: on a machine shared with other runs a timing fails by chance. The
    # page's budget (100 ms p95 with 1,100 members) is measured alone; the README and report
    # give the figure. The query count above is what holds it.
    print(f"RESULT name=cluster_page members=1101 p95_ms={p95:.1f} queries={query_count}")
    members_page = client.get(f"/clusters/{cluster.pk}/members/")
    assert members_page.status_code == 200


def test_public_clusters_are_a_source_of_the_one_search(client, cluster):
    private, _admin = found(name="Закрытый кластер беспилотников", is_public=False)
    page = client.get("/directory/", {"q": "беспилотных"}).content.decode()
    assert f'href="/clusters/{cluster.pk}/"' in page  # the title is marked up word by word
    assert f'href="/clusters/{private.pk}/"' not in page


def test_english_pages(client, cluster):
    page = client.get(f"/en/clusters/{cluster.pk}/").content.decode()
    assert "About the cluster" in page and "Lead organization" in page


def test_the_page_warns_when_below_30(client, cluster):
    from django.utils import timezone

    from innocluster.features.clusters.models import Cluster

    Cluster.objects.filter(pk=cluster.pk).update(
        status="active", below_minimum_since=timezone.now()
    )
    page = client.get(f"/clusters/{cluster.pk}/").content.decode()
    assert "меньше 30 участников со статусом участника кластера (сейчас 1)" in page
