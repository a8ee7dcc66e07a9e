import pytest

from innocluster.features.community.models import Post, Thread
from tests.pdfs import pdf_file

from .conftest import moderate, reply, start

pytestmark = pytest.mark.django_db


def threads_url(cluster):
    return f"/api/v1/clusters/{cluster.pk}/threads/"


def test_a_member_starts_a_thread_with_an_attachment(world, api_as):
    api = api_as(world.member)
    response = api.post(
        threads_url(world.cluster),
        {"title": "Заявка на грант", "text": "См. https://i.moscow", "attachment": pdf_file()},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    thread = Thread.objects.get()
    assert response.json()["post_count"] == 1 and response.json()["is_public"] is False
    posts = api.get(f"{threads_url(world.cluster)}{thread.pk}/posts/").json()
    (post,) = posts["results"]
    assert post["attachment_url"].endswith(f"/posts/{post['id']}/attachment/")
    assert api.get(post["attachment_url"]).status_code == 200


@pytest.mark.parametrize(
    ("data", "field", "code"),
    [
        ({"title": "", "text": "Текст"}, "title", "text_empty"),
        ({"title": "Тема", "text": "  "}, "text", "text_empty"),
        ({"title": "Тема", "text": "я" * 10_001}, "text", "max_length"),
        ({"title": "Т" * 201, "text": "Текст"}, "title", "max_length"),
    ],
)
def test_bad_thread_input_is_a_problem_with_a_code(world, api_as, data, field, code):
    response = api_as(world.member).post(threads_url(world.cluster), data, format="json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["error_codes"][field][0] == code
    assert not Thread.objects.exists()


def test_a_post_to_a_closed_thread_is_409(world, api_as):
    thread = start(world.member, world.cluster)
    moderate(world.admin, thread, is_closed=True)
    response = api_as(world.member).post(
        f"{threads_url(world.cluster)}{thread.pk}/posts/", {"text": "Ещё"}, format="json"
    )
    assert response.status_code == 409 and response.json()["code"] == "thread_closed"
    assert Post.objects.count() == 1


def test_mentioning_a_non_member_or_no_organization_is_refused(world, api_as, organization):
    thread = start(world.member, world.cluster)
    url = f"{threads_url(world.cluster)}{thread.pk}/posts/"
    for pk in (organization.pk, 999_999):
        response = api_as(world.member).post(
            url, {"text": "Ещё", "mentioned_organization": pk}, format="json"
        )
        assert response.status_code == 400
        assert response.json()["error_codes"]["mentioned_organization"][0] == (
            "mention_not_a_member"
        )
    ok = api_as(world.member).post(
        url, {"text": "Ещё", "mentioned_organization": world.lead.pk}, format="json"
    )
    assert ok.status_code == 201 and ok.json()["mentioned_organization"] == world.lead.pk


def test_a_bad_attachment_is_400(world, api_as):
    thread = start(world.member, world.cluster)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = api_as(world.member).post(
        f"{threads_url(world.cluster)}{thread.pk}/posts/",
        {"text": "Файл", "attachment": SimpleUploadedFile("x.exe", b"MZ\x90\x00binary")},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()["error_codes"]["attachment"][0] == "attachment_type"


def test_moderation_fields_are_for_administrators_only(world, api_as):
    thread = start(world.member, world.cluster)
    url = f"{threads_url(world.cluster)}{thread.pk}/"
    response = api_as(world.member).patch(url, {"is_pinned": True}, format="json")
    assert response.status_code == 403 and response.json()["code"] == "not_an_administrator"
    # A stranger does not even see the (private) thread.
    assert api_as(world.stranger).patch(url, {"is_pinned": True}, format="json").status_code == 404
    response = api_as(world.admin).patch(
        url, {"is_pinned": True, "is_announcement": True}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["is_pinned"] and response.json()["is_announcement"]
    # An announcement is read by anybody who sees the cluster, and still moderated by no one else.
    response = api_as(world.stranger).patch(url, {"is_pinned": False}, format="json")
    assert response.status_code == 403 and response.json()["code"] == "not_an_administrator"


def test_removal_through_the_api(world, api_as):
    thread = start(world.member, world.cluster, text="Лишнее")
    post = thread.posts.get()
    url = f"{threads_url(world.cluster)}{thread.pk}/posts/{post.pk}/remove/"
    response = api_as(world.admin).post(url, {"reason": ""}, format="json")
    assert response.status_code == 400
    assert response.json()["error_codes"]["reason"][0] == "reason_required"
    response = api_as(world.member).post(url, {"reason": "Моё"}, format="json")
    assert response.status_code == 403
    response = api_as(world.admin).post(url, {"reason": "Не по теме"}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["is_removed"] and body["text"] == "" and body["removal_reason"] == "Не по теме"


def test_follow_and_unfollow(world, api_as):
    thread = start(world.admin, world.cluster)
    url = f"{threads_url(world.cluster)}{thread.pk}/follow/"
    api = api_as(world.member)
    assert api.post(url).status_code == 204
    assert thread.follows.filter(user=world.member).exists()
    assert api.delete(url).status_code == 204
    assert not thread.follows.filter(user=world.member).exists()


def test_the_list_is_pinned_first_then_by_last_post(world, api_as):
    old = start(world.member, world.cluster, title="Старая")
    pinned = start(world.member, world.cluster, title="Закреплённая")
    fresh = start(world.member, world.cluster, title="Свежая")
    reply(world.member, old, text="Оживляю")
    moderate(world.admin, pinned, is_pinned=True)
    titles = [
        t["title"] for t in api_as(world.member).get(threads_url(world.cluster)).json()["results"]
    ]
    assert titles == ["Закреплённая", "Старая", "Свежая"]
    assert fresh.pk


def test_posts_page_by_cursor_with_a_bounded_number_of_queries(
    world, api_as, django_assert_max_num_queries
):
    thread = start(world.member, world.cluster)
    Post.objects.bulk_create(
        [Post(thread=thread, author=world.member, text=f"Сообщение {n}") for n in range(120)]
    )
    api = api_as(world.member)
    url = f"{threads_url(world.cluster)}{thread.pk}/posts/"
    seen = []
    while url:
        with django_assert_max_num_queries(12):
            body = api.get(url).json()
        seen += [p["id"] for p in body["results"]]
        url = body["next"]
    assert seen == sorted(seen) and len(seen) == 121
