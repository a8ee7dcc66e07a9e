"""HTTP caching of anonymous pages and API reads (core/httpcache.py, issue 18): validators from
what the page shows, 304 without running the view, public only where every anonymous person
gets the same answer, never for signed-in people."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import INFO
from django.contrib.messages.storage.fallback import FallbackStorage
from django.db import connection
from django.http import HttpResponse
from django.template import engines
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from innocluster.core import httpcache, querycache
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGES = ["/", "/en/", "/directory/?q=laser", "/register/", "/facilities/", "/support/"]
API = [
    "/api/v1/organizations/",
    "/api/v1/facilities/",
    "/api/v1/resources/",
    "/api/v1/measures/",
    "/api/v1/search?q=laser",
]


def _public(response):
    assert response.status_code == 200, response.status_code
    assert response["ETag"].startswith('W/"')
    assert response["Cache-Control"] == f"public, max-age={httpcache.MAX_AGE}"
    vary = {v.strip() for v in response["Vary"].split(",")}
    assert {"Cookie", "Authorization"} <= vary
    return response["ETag"]


def _vary(response):
    return {v.strip() for v in response["Vary"].split(",")}


def _private(response):
    assert "ETag" not in response
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


@pytest.mark.parametrize("path", PAGES + API)
def test_an_anonymous_read_is_public_and_a_304_runs_no_query(path, organization, monkeypatch):
    # one stretch of time for both requests: a slow first page could end in the next one
    monkeypatch.setattr(httpcache, "_period", lambda: 1)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.get(path)
    etag = _public(response)
    assert b"csrfmiddlewaretoken" not in response.content
    assert b"X-CSRFToken" not in response.content
    assert "Set-Cookie" not in response.headers and not response.cookies
    with CaptureQueriesContext(connection) as captured:
        again = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag and again["Cache-Control"] == response["Cache-Control"]
    assert _vary(again) == _vary(response)  # a cache takes the 304's headers
    assert captured.captured_queries == []  # answered before the view ran


def test_the_organization_page_is_public_for_anonymous_people(organization):
    _public(Client().get(f"/organizations/{organization.pk}/"))


def test_a_write_changes_the_etag_and_the_page_shows_it(client):
    etag = _public(client.get("/api/v1/organizations/"))
    OrganizationFactory(short_name="Новая")
    response = client.get("/api/v1/organizations/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] != etag
    assert "Новая" in response.content.decode()


def test_a_write_that_bypasses_the_signals_shows_within_the_stated_time(client, monkeypatch):
    now = 1_000_000 * querycache.CACHE_SECONDS
    monkeypatch.setattr(httpcache.time, "time", lambda: now)
    etag = _public(client.get("/"))
    assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    monkeypatch.setattr(httpcache.time, "time", lambda: now + querycache.CACHE_SECONDS)
    assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_the_language_is_in_the_etag_and_the_api_varies_on_it(organization):
    client = Client()
    assert _public(client.get("/")) != _public(client.get("/en/"))
    english = client.get("/api/v1/organizations/", HTTP_ACCEPT_LANGUAGE="en")
    russian = client.get("/api/v1/organizations/", HTTP_ACCEPT_LANGUAGE="ru")
    assert _public(english) != _public(russian)
    assert "Accept-Language" in english["Vary"]
    assert (
        client.get(
            "/api/v1/organizations/", HTTP_ACCEPT_LANGUAGE="ru", HTTP_IF_NONE_MATCH=english["ETag"]
        ).status_code
        == 200
    )


def test_htmx_partial_and_whole_page_have_different_etags(client):
    whole = _public(client.get("/facilities/"))
    partial = client.get("/facilities/", HTTP_HX_REQUEST="true", HTTP_IF_NONE_MATCH=whole)
    assert partial.status_code == 200 and _public(partial) != whole


@pytest.mark.parametrize("path", ["/", "/directory/?q=laser", "/facilities/", "/support/"])
def test_a_signed_in_person_gets_private_answers_and_no_304(client, path):
    etag = _public(client.get(path))
    client.force_login(UserFactory())
    response = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    _private(response)
    assert "Cookie" in response["Vary"]


def test_an_api_token_gets_private_answers(api, api_as):
    etag = _public(api.get("/api/v1/organizations/"))
    response = api_as(UserFactory()).get("/api/v1/organizations/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    _private(response)


def test_a_bad_filter_is_not_cached(client):
    response = client.get("/api/v1/organizations/?region=99")
    assert response.status_code == 400
    assert "ETag" not in response and "public" not in response.get("Cache-Control", "")


def _request(**extra):
    request = RequestFactory().get("/somewhere/", **extra)
    request.user = AnonymousUser()
    return request


def test_a_page_with_a_csrf_token_is_never_public():
    template = engines["django"].from_string("<form>{% csrf_token %}</form>")

    @httpcache.public_read
    def view(request):
        return HttpResponse(template.render({}, request))

    response = view(_request())
    assert "csrfmiddlewaretoken" in response.content.decode()
    _private(response)


def test_a_page_with_a_message_is_never_public_nor_304():
    calls = []

    @httpcache.public_read
    def view(request):
        calls.append(1)
        return HttpResponse("ok")

    etag = view(_request())["ETag"]
    assert view(_request(HTTP_IF_NONE_MATCH=etag)).status_code == 304
    request = _request(HTTP_IF_NONE_MATCH=etag)
    request.session = {}
    request._messages = FallbackStorage(request)
    request._messages.add(INFO, "Signed out.")
    response = view(request)
    assert response.status_code == 200 and len(calls) == 2
    _private(response)


def test_writes_pass_through_untouched(client):
    @httpcache.public_read
    def view(request):
        return HttpResponse("done")

    response = view(RequestFactory().post("/somewhere/"))
    assert "ETag" not in response and "Cache-Control" not in response


def test_the_browsable_api_page_holds_a_csrf_token_so_is_never_public(client):
    # DRF renders after the view returns; its HTML page carries a CSRF token and sets the cookie
    response = client.get("/api/v1/organizations/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200 and "csrf" in response.content.decode().lower()
    assert "ETag" not in response.headers
    assert "private" in response["Cache-Control"]
    # and JSON of the same address has its own validator: an ETag is never shared across types
    json_etag = _public(client.get("/api/v1/organizations/"))
    html_etag = httpcache._etag(
        RequestFactory().get("/api/v1/organizations/", HTTP_ACCEPT="text/html")
    )
    assert json_etag != html_etag
