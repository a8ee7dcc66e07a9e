from django.test import RequestFactory

from innocluster.core.http import client_ip


def _request(**meta):
    return RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", **meta)


def test_without_proxies_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request(HTTP_X_FORWARDED_FOR="6.6.6.6")) == "10.0.0.1"


def test_behind_one_proxy_the_rightmost_forwarded_address_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client wrote 6.6.6.6 itself; our proxy appended the address it saw.
    assert client_ip(_request(HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")) == "203.0.113.7"
    assert client_ip(_request()) == "10.0.0.1"


def test_an_api_crash_is_problem_json(client, monkeypatch, db):
    from innocluster.platform.organizations.api import views

    def crash(*args, **kwargs):
        raise RuntimeError("boom")

    # The view's own method: a module-level function patched here would stay patched in any
    # module that happened to import it by name during this test.
    monkeypatch.setattr(views.OrganizationViewSet, "get_queryset", crash)
    client.raise_request_exception = False
    response = client.get("/api/v1/organizations/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 500 and response.json()["code"] == "server_error"


def test_favicon_ico_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("innocluster/favicon.svg")
