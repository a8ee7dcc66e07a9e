"""Saved job searches through the directory's one saved-search mechanism: a daily letter of
new vacancies with absolute links, an unsubscribe link that works without signing in, the
Atom feed of a search; bad filters, someone else's search and a bad token change nothing."""

import html
import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail, signing
from django.utils import timezone

from innocluster.features.directory.models import SavedSearch
from innocluster.features.directory.services import (
    saved_search_create,
    saved_searches_notify,
    unsubscribe_token,
)
from innocluster.features.jobs import services as vacancy_services
from innocluster.platform.notifications.models import Notification
from tests.factories import UserFactory

from .helpers import employer, make_vacancy

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://innocluster.example"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


def later():
    return timezone.now() + timedelta(seconds=1)


def save(client, name="Роботы", query="q=робот&work_format=office"):
    return client.post(
        "/directory/saved/new/", {"name": name, "query": query, "source": "vacancies"}
    )


def atom(content: bytes):
    return ET.fromstring(content)  # noqa: S314 - the site's own feed, not untrusted input


def links(text: str) -> list[str]:
    return re.findall(r"^\s*(\S+://\S+)$", text, flags=re.M)


class TestSaving:
    def test_a_job_search_is_saved_with_its_source_and_listed(self, client):
        user = UserFactory()
        client.force_login(user)
        response = save(client)
        assert response.status_code == 302 and response["Location"] == "/directory/saved/"
        saved = SavedSearch.objects.get(user=user)
        assert (
            saved.source == "vacancies"
            and saved.query == "q=%D1%80%D0%BE%D0%B1%D0%BE%D1%82&work_format=office"
        )
        page = html.unescape(client.get("/directory/saved/").content.decode())
        assert "Роботы" in page and "Вакансии" in page
        assert f"/jobs/?{saved.query}" in page and f"/jobs/feed/?{saved.query}" in page

    def test_invalid_filters_are_refused_and_change_nothing(self, client):
        client.force_login(UserFactory())
        response = save(client, query="work_format=moon&salary_min=-5")
        assert response.status_code == 302 and response["Location"].startswith("/jobs/?")
        with pytest.raises(Exception) as refused:
            saved_search_create(
                user=UserFactory(), name="x", query="work_format=moon", source="vacancies"
            )
        assert "work_format" in str(refused.value)
        assert not SavedSearch.objects.exists()

    def test_an_unknown_source_is_refused(self):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError) as refused:
            saved_search_create(user=UserFactory(), name="x", query="", source="pigeons")
        assert refused.value.error_dict["source"][0].code == "invalid_choice"
        assert not SavedSearch.objects.exists()

    def test_the_same_query_of_the_directory_and_the_jobs_are_two_searches(self):
        user = UserFactory()
        saved_search_create(user=user, name="Все вакансии", query="", source="vacancies")
        saved_search_create(user=user, name="Все организации", query="")
        assert SavedSearch.objects.filter(user=user).count() == 2

    def test_someone_elses_saved_search_is_a_404(self, client):
        saved = saved_search_create(user=UserFactory(), name="x", query="", source="vacancies")
        client.force_login(UserFactory())
        assert client.post(f"/directory/saved/{saved.pk}/delete/").status_code == 404
        assert client.post(f"/directory/saved/{saved.pk}/email/").status_code == 404
        saved.refresh_from_db()
        assert saved.email


class TestDailyLetter:
    def test_new_matching_vacancies_come_in_one_letter_with_absolute_links(
        self, django_capture_on_commit_callbacks
    ):
        user = UserFactory(full_name="Ирина Петрова")
        saved = saved_search_create(user=user, name="Роботы", query="q=робот", source="vacancies")
        organization, owner = employer(short_name="Роботех")
        robots, _ = make_vacancy(organization, owner, title="Инженер-робототехник")
        make_vacancy(organization, owner, title="Бухгалтер", description="Учёт и отчётность.")
        with django_capture_on_commit_callbacks(execute=True):
            assert saved_searches_notify(now=later()) == 1
        notification = Notification.objects.get(recipient=user)
        assert notification.kind == "jobs.saved_search_matches"
        assert notification.context == {
            "search": "Роботы",
            "count": 1,
            "first": "Инженер-робототехник — Роботех",
        }
        assert notification.emailed_at is None  # the letter below is the only one
        [letter] = mail.outbox
        assert letter.to == [user.email]
        assert letter.subject == "Новые вакансии по вашему поиску «Роботы»"
        assert "Инженер-робототехник — Роботех" in letter.body and "Бухгалтер" not in letter.body
        vacancy_link, search, feed, manage, stop = links(letter.body)
        assert vacancy_link == f"{SITE}/jobs/{robots.pk}/"
        assert search == f"{SITE}/jobs/?{saved.query}"
        assert feed == f"{SITE}/jobs/feed/?{saved.query}"
        assert manage == f"{SITE}/directory/saved/"
        assert stop.startswith(f"{SITE}/directory/saved/unsubscribe/")
        # announced once
        with django_capture_on_commit_callbacks(execute=True):
            assert saved_searches_notify(now=later()) == 0
        assert len(mail.outbox) == 1

    def test_a_letter_in_english_has_english_links(self, django_capture_on_commit_callbacks):
        user = UserFactory(language="en")
        saved_search_create(user=user, name="All", query="", source="vacancies")
        vacancy, _ = make_vacancy()
        with django_capture_on_commit_callbacks(execute=True):
            saved_searches_notify(now=later())
        [letter] = mail.outbox
        assert letter.subject == "New vacancies for your search «All»"
        assert f"{SITE}/en/jobs/{vacancy.pk}/" in links(letter.body)

    def test_a_renewed_or_pending_vacancy_is_not_new(self, django_capture_on_commit_callbacks):
        organization, owner = employer()
        old, _ = make_vacancy(organization, owner)
        saved_search_create(user=UserFactory(), name="Все", query="", source="vacancies")
        vacancy_services.vacancy_renew(vacancy=old, actor=owner)
        partner, partner_owner = employer(kind="partner")
        make_vacancy(partner, partner_owner)  # waits for the moderator
        with django_capture_on_commit_callbacks(execute=True):
            assert saved_searches_notify(now=later()) == 0
        assert not mail.outbox

    def test_stopped_letters_leave_the_notification(self, django_capture_on_commit_callbacks):
        user = UserFactory()
        saved = saved_search_create(user=user, name="Все", query="", source="vacancies")
        SavedSearch.objects.filter(pk=saved.pk).update(email=False)
        make_vacancy()
        with django_capture_on_commit_callbacks(execute=True):
            assert saved_searches_notify(now=later()) == 1
        assert Notification.objects.filter(recipient=user).count() == 1
        assert not mail.outbox


class TestUnsubscribe:
    def test_the_letters_link_stops_them_without_signing_in(self, client):
        saved = saved_search_create(user=UserFactory(), name="Роботы", query="", source="vacancies")
        path = f"/directory/saved/unsubscribe/{unsubscribe_token(saved)}/"
        asked = client.get(path)  # a mail scanner following the link changes nothing
        assert asked.status_code == 200 and "Роботы" in asked.content.decode()
        saved.refresh_from_db()
        assert saved.email
        done = client.post(path)
        assert done.status_code == 200 and "больше не будет" in done.content.decode()
        saved.refresh_from_db()
        assert not saved.email and SavedSearch.objects.filter(pk=saved.pk).exists()
        assert client.post(path).status_code == 200  # again: harmless

    # Made in the test, not at collection: a signed token carries the time it was made, and
    # pytest-xdist's workers must collect the same test ids.
    BAD_TOKENS = {
        "nonsense": lambda: "nonsense",
        "another_salt": lambda: signing.dumps({"s": 1, "u": 1}, salt="another.salt"),
        "not_an_id": lambda: signing.dumps(
            {"s": "x", "u": 1}, salt="directory.saved_search.unsubscribe"
        ),
    }

    @pytest.mark.parametrize("kind", BAD_TOKENS)
    def test_a_bad_token_is_a_400_and_changes_nothing(self, client, kind):
        token = self.BAD_TOKENS[kind]()
        saved_search_create(user=UserFactory(), name="x", query="", source="vacancies")
        response = client.post(f"/directory/saved/unsubscribe/{token}/")
        assert response.status_code == 400
        assert "повреждена" in response.content.decode()
        assert SavedSearch.objects.get().email

    def test_a_token_cannot_be_moved_to_another_persons_search(self, client):
        mine = saved_search_create(user=UserFactory(), name="x", query="", source="vacancies")
        theirs = saved_search_create(user=UserFactory(), name="y", query="", source="vacancies")
        forged = signing.dumps(
            {"s": theirs.pk, "u": mine.user_id}, salt="directory.saved_search.unsubscribe"
        )
        assert client.post(f"/directory/saved/unsubscribe/{forged}/").status_code == 404
        theirs.refresh_from_db()
        assert theirs.email

    def test_a_deleted_search_says_so(self, client):
        saved = saved_search_create(user=UserFactory(), name="x", query="", source="vacancies")
        token = unsubscribe_token(saved)
        saved.delete()
        response = client.get(f"/directory/saved/unsubscribe/{token}/")
        assert response.status_code == 404 and "удалён" in response.content.decode()

    def test_the_owner_sends_them_again(self, client):
        user = UserFactory()
        saved = saved_search_create(user=user, name="x", query="", source="vacancies")
        client.force_login(user)
        client.post(f"/directory/saved/{saved.pk}/email/")
        saved.refresh_from_db()
        assert not saved.email
        client.post(f"/directory/saved/{saved.pk}/email/", {"email": "on"})
        saved.refresh_from_db()
        assert saved.email


class TestFeed:
    def test_the_feed_of_a_search_lists_its_vacancies_with_absolute_links(self, client):
        organization, owner = employer(short_name="Роботех")
        robots, _ = make_vacancy(organization, owner, title="Инженер-робототехник")
        make_vacancy(organization, owner, title="Бухгалтер", description="Учёт и отчётность.")
        response = client.get("/jobs/feed/", {"q": "робот"})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/atom+xml")
        feed = atom(response.content)
        assert "робот" in feed.find(f"{ATOM}title").text
        self_link = feed.find(f"{ATOM}link[@rel='self']").get("href")
        assert self_link == "http://testserver/jobs/feed/?q=%D1%80%D0%BE%D0%B1%D0%BE%D1%82"
        [entry] = feed.findall(f"{ATOM}entry")
        assert entry.find(f"{ATOM}title").text == "Инженер-робототехник"
        link = entry.find(f"{ATOM}link").get("href")
        assert link == f"http://testserver/jobs/{robots.pk}/"
        assert entry.find(f"{ATOM}author/{ATOM}name").text == "Роботех"
        summary = entry.find(f"{ATOM}summary").text
        assert "150" in summary and "Роботех" in summary

    def test_the_english_feed(self, client):
        make_vacancy(salary_from=Decimal("100000"))
        feed = atom(client.get("/en/jobs/feed/").content)
        assert feed.find(f"{ATOM}title").text == "Vacancies of the innovation cluster"
        assert "/en/jobs/" in feed.find(f"{ATOM}entry/{ATOM}link").get("href")

    @pytest.mark.parametrize("query", [{"work_format": "moon"}, {"salary_min": "-1"}])
    def test_bad_filters_are_a_400_naming_them(self, client, query):
        response = client.get("/jobs/feed/", query)
        assert response.status_code == 400
        assert next(iter(query)) in response.content.decode()


class TestApi:
    def test_a_job_search_saved_through_the_api(self, api_as):
        user = UserFactory()
        client = api_as(user)
        body = {"source": "vacancies", "name": "Удалённо", "query": "work_format=remote"}
        created = client.post("/api/v1/saved-searches/", body, format="json")
        assert created.status_code == 201
        assert created.json()["source"] == "vacancies" and created.json()["email"] is True
        assert SavedSearch.objects.get(user=user).source == "vacancies"

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"source": "pigeons", "name": "x", "query": ""}, "source"),
            ({"source": "vacancies", "name": "x", "query": "work_format=moon"}, "query"),
            ({"source": "vacancies", "name": "x", "query": "salary_min=-1"}, "query"),
        ],
    )
    def test_bad_input_is_a_400_naming_the_field(self, api_as, body, field):
        response = api_as(UserFactory()).post("/api/v1/saved-searches/", body, format="json")
        assert response.status_code == 400
        assert field in response.json()["errors"]
        assert not SavedSearch.objects.exists()
