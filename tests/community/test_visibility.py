"""Who sees what: a private thread is 404 to everybody outside the cluster's member people, on
every page, the API and the attachments; another cluster's thread is 404 under this one."""

import pytest
from django.urls import reverse

from innocluster.features.community.selectors import announcements_for
from tests.pdfs import pdf_file

from .conftest import moderate, reply, start

pytestmark = pytest.mark.django_db


def page_urls(thread, post):
    c, t, p = thread.cluster_id, thread.pk, post.pk
    return [
        reverse("community:thread", kwargs={"cluster_pk": c, "pk": t}),
        reverse("community:attachment", kwargs={"cluster_pk": c, "pk": t, "post_pk": p}),
        f"/api/v1/clusters/{c}/threads/{t}/",
        f"/api/v1/clusters/{c}/threads/{t}/posts/",
        f"/api/v1/clusters/{c}/threads/{t}/posts/{p}/attachment/",
    ]


@pytest.fixture
def private_thread(world):
    thread = start(world.member, world.cluster, title="Только для участников")
    post = reply(world.member, thread, attachment=pdf_file("план.pdf"))
    return thread, post


def test_a_member_person_reads_a_private_thread_and_its_attachment(world, client, private_thread):
    client.force_login(world.member)
    for url in page_urls(*private_thread):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["anonymous", "stranger", "outsider_admin"])
def test_a_private_thread_is_404_to_a_non_member(world, client, private_thread, who):
    if who != "anonymous":
        client.force_login(getattr(world, who))
    for url in page_urls(*private_thread):
        assert client.get(url).status_code == 404, url


def test_a_public_thread_is_read_by_anybody_but_not_written(world, client, private_thread):
    thread, post = private_thread
    moderate(world.admin, thread, is_public=True)
    for url in page_urls(thread, post):
        assert client.get(url).status_code == 200, url
    client.force_login(world.stranger)
    response = client.post(
        f"/api/v1/clusters/{thread.cluster_id}/threads/{thread.pk}/posts/", {"text": "Привет"}
    )
    assert response.status_code == 403
    assert response.json()["code"] == "not_a_member_person"


def test_another_clusters_thread_is_404_under_this_cluster(world, client, api_as):
    theirs = start(world.outsider_admin, world.other, title="Чужой")
    moderate(world.outsider_admin, theirs, is_public=True)
    client.force_login(world.member)
    url = reverse("community:thread", kwargs={"cluster_pk": world.cluster.pk, "pk": theirs.pk})
    assert client.get(url).status_code == 404
    # …and a reply in another (private) cluster's thread is 404, through either door.
    own = reverse("community:reply", kwargs={"cluster_pk": world.other.pk, "pk": theirs.pk})
    assert client.post(own, {"text": "Вторжение"}).status_code == 404
    api = api_as(world.member)
    response = api.post(
        f"/api/v1/clusters/{world.other.pk}/threads/{theirs.pk}/posts/", {"text": "Вторжение"}
    )
    assert response.status_code == 404
    assert theirs.posts.count() == 1


def test_the_list_shows_a_non_member_only_public_threads_and_announcements(world, client):
    start(world.member, world.cluster, title="Закрытая тема")
    public = start(world.member, world.cluster, title="Открытая тема")
    moderate(world.admin, public, is_public=True)
    news = start(world.admin, world.cluster, title="Объявление кластера")
    moderate(world.admin, news, is_announcement=True)
    url = reverse("community:list", kwargs={"cluster_pk": world.cluster.pk})
    page = client.get(url).content.decode()
    assert "Открытая тема" in page and "Объявление кластера" in page
    assert "Закрытая тема" not in page
    client.force_login(world.member)
    assert "Закрытая тема" in client.get(url).content.decode()


def test_a_private_clusters_community_is_404_to_outsiders(world, client):
    url = reverse("community:list", kwargs={"cluster_pk": world.other.pk})
    assert client.get(url).status_code == 404
    client.force_login(world.member)
    assert client.get(url).status_code == 404
    client.force_login(world.outsider_admin)
    assert client.get(url).status_code == 200


def test_announcements_for_everyone_in_a_public_cluster_and_members_in_a_private_one(world):
    news = start(world.admin, world.cluster, title="Объявление")
    start(world.admin, world.cluster, title="Не объявление")
    moderate(world.admin, news, is_announcement=True)
    from django.contrib.auth.models import AnonymousUser

    assert announcements_for(world.cluster, AnonymousUser(), 3) == [news]
    theirs = start(world.outsider_admin, world.other, title="Их объявление")
    moderate(world.outsider_admin, theirs, is_announcement=True)
    assert announcements_for(world.other, world.member, 3) == []
    assert announcements_for(world.other, world.outsider_admin, 3) == [theirs]


def test_a_removed_posts_attachment_is_gone(world, client, private_thread):
    from innocluster.features.community import services

    from .conftest import standing

    thread, post = private_thread
    services.post_remove(
        standing=standing(world.admin, world.cluster), post=post, actor=world.admin, reason="Спам"
    )
    client.force_login(world.member)
    for url in page_urls(thread, post)[1::3]:  # the page's and the API's attachment links
        assert client.get(url).status_code == 404, url


def test_the_cluster_page_block_lists_announcements_with_links(world):
    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template

    news = start(world.admin, world.cluster, title="Собрание в пятницу")
    moderate(world.admin, news, is_announcement=True)
    start(world.admin, world.cluster, title="Внутренняя тема")
    block = Template("{% load community_tags %}{% cluster_announcements cluster %}")
    html = block.render(Context({"cluster": world.cluster, "user": AnonymousUser()}))
    assert "Собрание в пятницу" in html and "Внутренняя тема" not in html
    assert (
        reverse("community:thread", kwargs={"cluster_pk": world.cluster.pk, "pk": news.pk}) in html
    )
    assert reverse("community:list", kwargs={"cluster_pk": world.cluster.pk}) in html
    private = block.render(Context({"cluster": world.other, "user": world.member}))
    assert "<section" not in private
