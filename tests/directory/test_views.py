import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from openpyxl import load_workbook

from innocluster.features.directory.exports import MAX_ROWS
from innocluster.features.directory.models import SavedSearch
from innocluster.features.directory.services import saved_searches_notify
from innocluster.platform.notifications.models import Notification
from tests.factories import OrganizationFactory, UserFactory, member_of

from .conftest import make

pytestmark = pytest.mark.django_db
URL = "/directory/"


def test_the_page_finds_and_highlights_in_russian(client, catalogue):
    response = client.get(URL, {"q": "роботов"})
    assert response.status_code == 200
    page = response.content.decode()
    # «роботов» is the stem «робот»: every word that starts with it is marked
    for marked in ("<mark>Роботех</mark>", "<mark>роботов</mark>", "<mark>робот</mark>"):
        assert marked in page
    assert "Финансовые решения" not in page
    assert 'lang="ru"' in page


def test_a_partial_match_says_so_on_the_page(client, catalogue):
    page = client.get(URL, {"q": "роботов кондитерская"}).content.decode()
    assert "Ни одна организация не подходит под все слова запроса" in page
    assert "1 из 2 слов" in page and "Роботех" in page
    assert "подходит под все слова" not in client.get(URL, {"q": "роботов"}).content.decode()


def test_english_at_en(client, catalogue):
    page = client.get("/en/directory/", {"q": "robotics"}).content.decode()
    assert "1 organization found" in page and 'lang="en"' in page


def test_htmx_gets_the_results_and_facets_only(client, catalogue):
    response = client.get(URL, {"region": "50"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert page.startswith('<div id="search-area"') and "<html" not in page
    assert "Аддитив Плюс" in page and "Роботех" not in page


def test_unknown_filters_are_400_with_the_reason(client, catalogue):
    response = client.get("/en/directory/", {"region": "999"})
    assert response.status_code == 400
    [unknown] = response.context["filter"].form.errors.as_data()["region"]
    assert (unknown.code, unknown.params) == ("invalid_choice", {"value": "999"})
    assert "999" in response.content.decode()  # the reason is on the page


@pytest.mark.parametrize("query", ["' \" & | * : ( ) !", "<script>alert(1)</script>", "я" * 1000])
def test_odd_queries_show_a_page(client, catalogue, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize("page", ["999", str(10**23), "9" * 5_000, "-5", "²"])
def test_a_page_beyond_the_end_shows_the_last_one(client, catalogue, page):
    """10**23 overflowed the offset (SQLite's OverflowError, PostgreSQL's DataError: a 500)."""
    response = client.get(URL, {"page": page})
    assert response.status_code == 200 and "Роботех" in response.content.decode()


# Links saved from the old select-box forms carry their unchosen boxes blank: they meant "any".
@pytest.mark.parametrize(
    "url",
    [
        "/organizations/?q=robot&kind=&headcount=&ordering=",
        "/register/?kind=&state=",
        "/support/?open_now=&level=",
        "/facilities/?resource_kind=&kind=",
        "/api/v1/register/?kind=",
        "/api/v1/organizations/?org_type=&region=",
    ],
)
def test_blank_values_of_a_filter_mean_any(client, url):
    response = client.get(url, follow=True)
    assert response.status_code == 200


def test_every_page_has_a_search_box_that_leads_here(client, catalogue):
    for address in ("/", "/directory/partners/"):
        assert f'action="{URL}"' in client.get(address).content.decode()


def test_export_csv_and_xlsx_follow_the_search(client, catalogue):
    response = client.get("/en/directory/export/", {"industry": "manufacturing", "format": "csv"})
    assert response["Content-Disposition"] == 'attachment; filename="organizations.csv"'
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Short name" and sorted(r[0] for r in rows[1:]) == [
        "Аддитив Плюс",
        "Роботех",
    ]
    xlsx = client.get("/directory/export/", {"q": "роботов", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[2]][0] == "Роботех" and sheet.max_row == 2
    assert client.get("/directory/export/", {"format": "pdf"}).status_code == 400
    assert client.get("/directory/export/", {"region": "999"}).status_code == 400


def test_the_export_of_a_partial_match_is_the_partial_match_the_page_shows(client, catalogue):
    query = {"q": "роботов кондитерская", "format": "csv"}
    text = b"".join(client.get("/directory/export/", query).streaming_content).decode("utf-8-sig")
    assert [row[0] for row in list(csv.reader(io.StringIO(text)))[1:]] == ["Роботех"]


def test_exports_stop_at_the_limit(client, catalogue, monkeypatch):
    monkeypatch.setattr("innocluster.features.directory.exports.MAX_ROWS", 2)
    text = b"".join(client.get("/directory/export/").streaming_content).decode("utf-8-sig")
    assert len(text.strip().splitlines()) == 3
    assert MAX_ROWS == 10_000


def test_formulas_are_not_exported_as_formulas(client, db):
    make("=HYPERLINK(1)")
    text = b"".join(client.get("/directory/export/").streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text


def test_suggestions_fragment(client, catalogue):
    page = client.get("/directory/suggest/", {"q": "робо"}).content.decode()
    assert '<option value="Роботех">' in page and '<option value="Робототехника">' in page


def test_partners_page(client, catalogue):
    response = client.get("/en/directory/partners/", {"need": "computer vision"})
    assert response.status_code == 200
    assert "Зрение Лаб" in response.content.decode()
    assert client.get("/en/directory/partners/", {"need": ""}).status_code == 400


def test_the_partner_page_chooses_a_persons_only_organization(client, catalogue):
    owner = member_of(OrganizationFactory(short_name="Моя Компания"), "owner")
    client.force_login(owner)

    form = client.get("/en/directory/partners/").context["form"]

    assert form["organization"].value() == owner.memberships.get().organization_id


def test_saving_a_search_and_the_daily_notice(client, catalogue):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/directory/saved/new/", {"name": "Роботы", "query": "q=робот&region=77"}
    )
    assert response.status_code == 302
    saved = SavedSearch.objects.get(user=user)
    assert saved_searches_notify() == 0  # nothing new since it was saved
    make("Робот-пылесос", region="77")
    make("Робот Питер", region="78")  # new, but outside the search's region
    assert saved_searches_notify(now=timezone.now() + timedelta(seconds=1)) == 1
    notification = Notification.objects.get(recipient=user)
    assert notification.context["count"] == 1 and notification.context["first"] == "Робот-пылесос"
    assert saved_searches_notify() == 0  # announced once
    assert len(mail.outbox) <= 1
    page = client.get("/directory/saved/").content.decode()
    assert "Роботы" in page
    other = UserFactory()
    client.force_login(other)
    assert client.post(f"/directory/saved/{saved.pk}/delete/").status_code == 404
    client.force_login(user)
    assert client.post(f"/directory/saved/{saved.pk}/delete/").status_code == 302
    assert not SavedSearch.objects.exists()


def test_the_daily_letter_of_new_organizations(
    client, catalogue, settings, django_capture_on_commit_callbacks
):
    # Given a saved search of the directory (the same mechanism as the job board's)
    settings.SITE_URL = "https://cluster.example"
    user = UserFactory()
    client.force_login(user)
    client.post("/directory/saved/new/", {"name": "Роботы", "query": "q=робот"})
    robot = make("Робот-пылесос", region="77")
    # When the daily check runs
    with django_capture_on_commit_callbacks(execute=True):
        assert saved_searches_notify(now=timezone.now() + timedelta(seconds=1)) == 1
    # Then one letter lists the new organization with absolute links and a way out
    [letter] = mail.outbox
    assert letter.subject == "Новые организации по сохранённому поиску «Роботы»"
    assert "Робот-пылесос" in letter.body
    assert f"https://cluster.example/organizations/{robot.pk}/" in letter.body
    assert "https://cluster.example/directory/?q=" in letter.body
    assert "https://cluster.example/directory/saved/unsubscribe/" in letter.body
    assert "/feed/" not in letter.body  # the directory has no feed


def test_saving_a_search_twice_says_why_and_goes_back_to_it(client, catalogue):
    client.force_login(UserFactory())
    search = {"name": "Роботы", "query": "q=робот"}
    saved = client.post("/directory/saved/new/", search, follow=True)
    assert [m.level_tag for m in saved.context["messages"]] == ["success"]
    # When the same search is saved again, under another name
    again = client.post("/directory/saved/new/", {**search, "name": "Ещё раз"}, follow=True)
    # Then the person is back at that search, told why it was not saved
    assert again.redirect_chain == [("/directory/?q=%D1%80%D0%BE%D0%B1%D0%BE%D1%82", 302)]
    assert [m.level_tag for m in again.context["messages"]] == ["error"]
    assert SavedSearch.objects.count() == 1


def test_saving_needs_a_sign_in(client, catalogue):
    response = client.post("/directory/saved/new/", {"name": "x", "query": ""})
    assert response.status_code == 302 and "login" in response["Location"]
    assert not SavedSearch.objects.exists()
