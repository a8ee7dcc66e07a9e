from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import translation

from innocluster.features.community import services
from innocluster.features.community.models import Post, Thread

from .conftest import moderate, reply, standing, start

pytestmark = pytest.mark.django_db


def rev(name, **kwargs):
    """Pages' addresses as a Russian reader follows them (no language prefix)."""
    with translation.override("ru"):
        return reverse(name, **kwargs)


def thread_url(thread, **query):
    url = rev("community:thread", kwargs={"cluster_pk": thread.cluster_id, "pk": thread.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_a_member_starts_a_thread_and_replies_in_russian(world, client):
    client.force_login(world.member)
    url = rev("community:new", kwargs={"cluster_pk": world.cluster.pk})
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="ru")
    assert page.status_code == 200
    response = client.post(url, {"title": "Испытания", "text": "Кто готов? <b>жирный</b>"})
    thread = Thread.objects.get()
    assert response.status_code == 302 and response.url == thread_url(thread)
    response = client.post(
        rev("community:reply", kwargs={"cluster_pk": world.cluster.pk, "pk": thread.pk}),
        {"text": "Мы: https://i.moscow/pilot", "mentioned_organization": world.lead.pk},
    )
    assert response.status_code == 302
    page = client.get(thread_url(thread, last=""), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "&lt;b&gt;жирный&lt;/b&gt;" in page
    assert '<a href="https://i.moscow/pilot" rel="nofollow' in page
    assert "Ответить" in page


def test_an_empty_reply_is_shown_as_an_error_and_nothing_is_written(world, client):
    thread = start(world.member, world.cluster)
    client.force_login(world.member)
    url = rev("community:reply", kwargs={"cluster_pk": world.cluster.pk, "pk": thread.pk})
    response = client.post(url, {"text": "   "})
    assert response.status_code == 400
    assert Post.objects.count() == 1


def test_a_reply_to_a_closed_thread_is_refused_with_a_message(world, client):
    thread = start(world.member, world.cluster)
    moderate(world.admin, thread, is_closed=True)
    client.force_login(world.member)
    url = rev("community:reply", kwargs={"cluster_pk": world.cluster.pk, "pk": thread.pk})
    response = client.post(url, {"text": "Ещё"})
    assert response.status_code == 409
    assert "Тема закрыта" in response.content.decode()
    assert Post.objects.count() == 1


def test_the_removed_post_shows_the_reason_instead_of_its_text(world, client):
    thread = start(world.member, world.cluster, text="Секретный текст")
    post = thread.posts.get()
    client.force_login(world.admin)
    url = rev(
        "community:remove",
        kwargs={"cluster_pk": world.cluster.pk, "pk": thread.pk, "post_pk": post.pk},
    )
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Нарушает правила"}).status_code == 302
    page = client.get(thread_url(thread), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Секретный текст" not in page
    assert "Удалено администраторами: Нарушает правила" in page


def test_a_member_cannot_open_the_removal_page_or_moderate(world, client):
    thread = start(world.member, world.cluster)
    post = thread.posts.get()
    client.force_login(world.member)
    url = rev(
        "community:remove",
        kwargs={"cluster_pk": world.cluster.pk, "pk": thread.pk, "post_pk": post.pk},
    )
    assert client.post(url, {"reason": "Моё"}).status_code == 302
    moderate_url = rev(
        "community:moderate", kwargs={"cluster_pk": world.cluster.pk, "pk": thread.pk}
    )
    client.post(moderate_url, {"action": "pin"})
    thread.refresh_from_db()
    post.refresh_from_db()
    assert not thread.is_pinned and not post.is_removed


def test_the_administrator_moderates_with_buttons(world, client):
    thread = start(world.member, world.cluster)
    client.force_login(world.admin)
    url = rev("community:moderate", kwargs={"cluster_pk": world.cluster.pk, "pk": thread.pk})
    for action in ("pin", "close", "public", "announce"):
        assert client.post(url, {"action": action}).status_code == 302
    thread.refresh_from_db()
    assert thread.is_pinned and thread.is_closed and thread.is_public and thread.is_announcement
    client.post(url, {"action": "reopen"})
    thread.refresh_from_db()
    assert not thread.is_closed


def test_follow_toggle(world, client):
    thread = start(world.admin, world.cluster)
    client.force_login(world.member)
    url = rev("community:follow", kwargs={"cluster_pk": world.cluster.pk, "pk": thread.pk})
    client.post(url)
    assert thread.follows.filter(user=world.member).exists()
    client.post(url)
    assert not thread.follows.filter(user=world.member).exists()


def test_a_long_thread_pages_by_keyset_without_counting(
    world, client, django_assert_max_num_queries
):
    thread = start(world.member, world.cluster)
    Post.objects.bulk_create(
        [Post(thread=thread, author=world.member, text=f"Сообщение {n}") for n in range(1, 130)]
    )
    ids = list(thread.posts.values_list("pk", flat=True))
    client.force_login(world.member)
    with django_assert_max_num_queries(25) as captured:
        page = client.get(thread_url(thread, after=ids[49])).content.decode()
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    assert not [sql for sql in counts if "community_post" in sql], counts
    assert f'id="post-{ids[50]}"' in page and f'id="post-{ids[99]}"' in page
    assert f'id="post-{ids[49]}"' not in page and f'id="post-{ids[100]}"' not in page
    assert f"?after={ids[99]}" in page and f"?before={ids[50]}" in page
    last = client.get(thread_url(thread, last="")).content.decode()
    assert f'id="post-{ids[-1]}"' in last and f'id="post-{ids[-50]}"' in last
    assert f'id="post-{ids[-51]}"' not in last
    before = client.get(thread_url(thread, before=ids[50])).content.decode()
    assert f'id="post-{ids[0]}"' in before and f'id="post-{ids[49]}"' in before


def test_a_mentioned_member_is_listed_in_the_form_but_not_a_stranger(world, client, organization):
    thread = start(world.member, world.cluster)
    client.force_login(world.member)
    page = client.get(thread_url(thread)).content.decode()
    assert world.lead.short_name.replace('"', "&quot;") in page
    assert organization.short_name.replace('"', "&quot;") not in page
    url = rev("community:reply", kwargs={"cluster_pk": world.cluster.pk, "pk": thread.pk})
    response = client.post(url, {"text": "Эй", "mentioned_organization": organization.pk})
    assert response.status_code == 400 and Post.objects.count() == 1


def test_an_attachment_is_uploaded_from_the_page(world, client):
    from tests.pdfs import pdf_file

    thread = start(world.member, world.cluster)
    client.force_login(world.member)
    url = rev("community:reply", kwargs={"cluster_pk": world.cluster.pk, "pk": thread.pk})
    assert (
        client.post(url, {"text": "Файл", "attachment": pdf_file("смета.pdf")}).status_code == 302
    )
    post = Post.objects.latest("id")
    link = rev(
        "community:attachment",
        kwargs={"cluster_pk": world.cluster.pk, "pk": thread.pk, "post_pk": post.pk},
    )
    assert link in client.get(thread_url(thread)).content.decode()
    response = client.get(link)
    assert response.status_code == 200 and quote("смета.pdf") in response["Content-Disposition"]


def test_services_in_one_standing_are_enough_for_a_reply(world):
    thread = start(world.member, world.cluster)
    services.post_create(
        standing=standing(world.admin, world.cluster), thread=thread, actor=world.admin, text="Да"
    )
    assert reply(world.member, thread).thread.post_count == 3


def test_a_posts_article_is_cached_per_viewer_kind_and_never_stale(world, client):
    from django.core.cache import cache

    cache.clear()
    thread = start(world.member, world.cluster, text="Смотрите https://i.moscow/ и пишите")
    post = thread.posts.get()
    client.force_login(world.admin)
    first = client.get(thread_url(thread), HTTP_ACCEPT_LANGUAGE="ru")
    assert "community/includes/post.html" in [t.name for t in first.templates]
    again = client.get(thread_url(thread), HTTP_ACCEPT_LANGUAGE="ru")
    assert "community/includes/post.html" not in [t.name for t in again.templates]
    assert again.content.decode().count('href="https://i.moscow/"') == 1
    assert f"posts/{post.pk}/remove/" in again.content.decode()
    # A member who does not moderate gets the article without the button, not the admin's.
    client.force_login(world.member)
    member_page = client.get(thread_url(thread), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert f"posts/{post.pk}/remove/" not in member_page and "i.moscow" in member_page
    # A removal changes what the article shows, so its cached copy is not used.
    services.post_remove(
        standing=standing(world.admin, world.cluster),
        post=post,
        actor=world.admin,
        reason="Реклама",
    )
    page = client.get(thread_url(thread), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "i.moscow" not in page and "Удалено администраторами: Реклама" in page
