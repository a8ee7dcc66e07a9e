import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innocluster.platform.notifications.models import Notification
from tests.factories import UserFactory

from .helpers import GREETING, PLAIN, send

pytestmark = pytest.mark.django_db

LIST = "/notifications/"


@pytest.fixture
def anna(client):
    person = UserFactory(full_name="Анна")
    client.force_login(person)
    return person


def _titles(html: str) -> list[str]:
    """The titles, as read aloud, each unread one starting with its badge ("New")."""
    titles = re.findall(r'<h2 class="notification-title"[^>]*>(.*?)</h2>', html, re.S)
    return [
        " ".join(unescape(re.sub(r'<span class="badge">[^<]+</span>', "New", t)).split())
        for t in titles
    ]


def test_signing_in_is_needed(client):
    response = client.get(LIST)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_my_list_newest_first_in_russian_unread_marked(client, anna):
    first = send([anna], context={"organization": "Первая", "due": "1"})[0]
    send([anna], context={"organization": "Вторая", "due": "2"})
    send([UserFactory()], context={"organization": "Чужая", "due": "3"})
    Notification.objects.filter(pk=first.pk).update(read_at=first.created_at)
    html = client.get(LIST).content.decode()
    assert _titles(html) == ["New Вторая одобрена", "Первая одобрена"]
    assert html.count('class="notification unread"') == 1
    assert "Чужая" not in html


def test_english_at_en(client, anna):
    send([anna])
    html = client.get("/en" + LIST).content.decode()
    assert _titles(html) == ['New ООО "Ромашка" was approved']
    assert "Decision due by 01/20/2026." in html


def test_context_is_escaped(client, anna):
    send([anna], context={"organization": "<script>alert(1)</script>", "due": "<b>x</b>"})
    html = client.get(LIST).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html


def test_paginated(client, anna):
    for _ in range(23):
        send([anna], kind=PLAIN.code, context={}, email=False)
    first = client.get(LIST).content.decode()
    assert first.count('class="notification unread"') == 20 and 'rel="next"' in first
    second = client.get(LIST + "?page=2").content.decode()
    assert second.count('class="notification unread"') == 3


def test_unread_only(client, anna):
    read, unread = send([anna]), send([anna], kind=PLAIN.code, context={})
    Notification.objects.filter(pk=read[0].pk).update(read_at=read[0].created_at)
    html = client.get(LIST + "?unread=true").content.decode()
    assert _titles(html) == ["New Something happened"]
    html = client.get("/en" + LIST + "?unread=false").content.decode()
    assert _titles(html) == ['ООО "Ромашка" was approved']
    assert unread


def test_a_bad_filter_is_a_400_that_says_why(client, anna):
    send([anna])
    response = client.get("/en" + LIST + "?unread=maybe")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Select a valid choice. maybe is not one of the available choices." in html
    assert _titles(html) == []


def test_the_header_shows_the_unread_count_on_every_page(client, anna):
    send([anna]), send([anna]), send([anna])
    html = client.get("/en/").content.decode()
    assert 'aria-label="Notifications, 3 unread"' in html
    assert '<span class="badge" aria-hidden="true">3</span>' in html


def test_the_header_count_is_one_query_and_none_for_visitors(client):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/").status_code == 200
        return [q["sql"] for q in queries if "notifications_notification" in q["sql"]]

    assert count_queries() == []  # a visitor: the header has no count, and nothing is asked
    person = UserFactory()
    client.force_login(person)
    send([person])
    [query] = count_queries()
    assert "COUNT" in query.upper()


def test_no_badge_when_all_is_read(client, anna):
    html = client.get("/en/").content.decode()
    assert "unread" not in html and 'class="nav-notifications" href="/en/notifications/">' in html


def test_open_marks_read_and_goes_to_its_page_in_my_language(client, anna):
    [notification] = send([anna], url="/notifications/?unread=false")
    response = client.post(f"/en{LIST}{notification.pk}/open/")
    assert response.status_code == 302
    assert response["Location"] == "/en/notifications/?unread=false"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_open_without_a_link_marks_read_and_returns_to_the_list_as_it_was(client, anna):
    [notification] = send([anna])
    response = client.post(f"{LIST}{notification.pk}/open/", {"next": LIST + "?page=1"})
    assert response["Location"] == LIST + "?page=1"
    response = client.post(f"{LIST}{notification.pk}/open/", {"next": "https://evil.example/"})
    assert response["Location"] == LIST


def test_a_link_that_is_not_ours_is_never_followed(client, anna):
    [notification] = send([anna])
    Notification.objects.filter(pk=notification.pk).update(url="//evil.example/x")
    response = client.post(f"{LIST}{notification.pk}/open/")
    assert response["Location"] == LIST


def test_someone_elses_notification_is_a_404_and_stays_unread(client, anna):
    [theirs] = send([UserFactory()])
    assert client.post(f"{LIST}{theirs.pk}/open/").status_code == 404
    assert client.post(f"{LIST}999999/open/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_opening_takes_a_post(client, anna):
    [notification] = send([anna])
    assert client.get(f"{LIST}{notification.pk}/open/").status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read(client, anna):
    send([anna]), send([anna])
    [theirs] = send([UserFactory()])
    response = client.post("/en" + LIST + "read-all/", follow=True)
    html = response.content.decode()
    assert "2 notifications marked as read." in html
    assert 'class="notification unread"' not in html and "Mark all as read" not in html
    assert Notification.objects.filter(read_at__isnull=True).get() == theirs
    html = client.post("/en" + LIST + "read-all/", follow=True).content.decode()
    assert "There were no unread notifications." in html


def test_the_list_costs_the_same_for_a_full_page(client, anna, django_assert_max_num_queries):
    for _ in range(20):
        send([anna], url="/notifications/")
    with CaptureQueriesContext(connection) as small:
        client.get(LIST + "?page=1")
    assert small.captured_queries
    for _ in range(5):
        send([anna], kind=GREETING.code, url="/notifications/")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(LIST)
