import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innocluster.platform.notifications.models import Notification
from tests.factories import UserFactory

from .helpers import PLAIN, send

pytestmark = pytest.mark.django_db

URL = "/api/v1/notifications/"
PROBLEM = "application/problem+json"


@pytest.fixture
def anna():
    return UserFactory()


def test_my_notifications_newest_first_with_every_field(api_as, anna):
    older = send([anna], url="/notifications/")[0]
    newer = send([anna], kind=PLAIN.code, context={})[0]
    send([UserFactory()])
    body = api_as(anna).get(URL).json()
    assert body["count"] == 2
    assert [item["id"] for item in body["results"]] == [newer.pk, older.pk]
    item = body["results"][1]
    assert item == {
        "id": older.pk,
        "kind": "test.greeting",
        "title": 'ООО "Ромашка" was approved',
        "body": "Decision due by 01/20/2026.",
        "url": "/en/notifications/",
        "created_at": item["created_at"],
        "read_at": None,
    }
    assert item["created_at"].endswith("+03:00")  # ISO 8601 with the offset


def test_in_the_language_asked_for(api_as, anna):
    send([anna], url="/en/notifications/")
    client = api_as(anna)
    [item] = client.get(URL, HTTP_ACCEPT_LANGUAGE="ru").json()["results"]
    assert (item["title"], item["url"]) == ('ООО "Ромашка" одобрена', "/notifications/")


def test_unread_only_and_a_bad_value(api_as, anna):
    read, unread = send([anna])[0], send([anna])[0]
    Notification.objects.filter(pk=read.pk).update(read_at=read.created_at)
    client = api_as(anna)
    assert [i["id"] for i in client.get(URL + "?unread=true").json()["results"]] == [unread.pk]
    assert [i["id"] for i in client.get(URL + "?unread=false").json()["results"]] == [read.pk]
    response = client.get(URL + "?unread=maybe")
    assert response.status_code == 400 and response["Content-Type"] == PROBLEM
    assert "unread" in response.json()["errors"]


def test_paginated(api_as, anna):
    for _ in range(5):
        send([anna], kind=PLAIN.code, context={}, email=False)
    body = api_as(anna).get(URL + "?page_size=2&page=3").json()
    assert body["count"] == 5 and len(body["results"]) == 1 and body["next"] is None


def test_read_one(api_as, anna):
    [notification] = send([anna])
    response = api_as(anna).post(f"{URL}{notification.pk}/read")
    assert response.status_code == 200
    assert response.json()["id"] == notification.pk and response.json()["read_at"]
    notification.refresh_from_db()
    assert notification.read_at is not None
    again = api_as(anna).post(f"{URL}{notification.pk}/read").json()
    assert again["read_at"] == response.json()["read_at"]  # the first reading stays


def test_someone_elses_is_a_404_and_stays_unread(api_as, anna):
    [theirs] = send([UserFactory()])
    for url in (f"{URL}{theirs.pk}/read", f"{URL}999999/read"):
        response = api_as(anna).post(url)
        assert response.status_code == 404 and response["Content-Type"] == PROBLEM
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_read_all(api_as, anna):
    send([anna]), send([anna])
    [theirs] = send([UserFactory()])
    client = api_as(anna)
    assert client.post(URL + "read-all").json() == {"marked": 2}
    assert client.post(URL + "read-all").json() == {"marked": 0}
    assert client.get(URL + "?unread=true").json()["count"] == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None


@pytest.mark.parametrize("method, path", [("get", ""), ("post", "read-all"), ("post", "1/read")])
def test_anonymous_is_refused_with_a_problem(api, method, path):
    response = getattr(api, method)(URL + path)
    assert response.status_code == 401 and response["Content-Type"] == PROBLEM
    assert response["WWW-Authenticate"] == "Bearer"


def test_the_list_costs_the_same_for_more_items(api, anna, django_assert_num_queries):
    api.force_authenticate(user=anna)
    send([anna])
    with CaptureQueriesContext(connection) as one:
        assert api.get(URL).status_code == 200
    for _ in range(15):
        send([anna], url="/notifications/")
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(api.get(URL).json()["results"]) == 16
