"""Hostile bodies on the API: too deep, too large. Each is a 4xx problem+json, never a 500
and never Django's HTML error page."""

import json

import pytest

from innocluster.core.parsers import DEFAULT_MAX_DEPTH, nesting_depth

DEEP = "[" * 1000 + "]" * 1000
PROBLEM = "application/problem+json"


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("{}", 1),
        ('{"a": [1, {"b": []}]}', 4),
        ('{"a": "[[[[[[", "b": "\\"[[["}', 1),
        ("1", 0),
        (DEEP, 1000),
    ],
)
def test_nesting_depth(text, depth):
    assert nesting_depth(text) == depth


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/api/v1/auth/token", "/api/v1/auth/sign-up", "/api/v1/auth/confirm-email"]
)
def test_json_nested_1000_deep_is_a_400(api, path):
    response = api.post(path, DEEP, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert response.json()["code"] == "json_too_deep"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path"), [("patch", "/api/v1/me"), ("post", "/api/v1/organizations/")]
)
def test_json_nested_1000_deep_is_a_400_for_a_member_too(api_as, owner, method, path):
    response = getattr(api_as(owner), method)(path, DEEP, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "json_too_deep"


@pytest.mark.django_db
def test_json_within_the_depth_is_read(api):
    body = {"email": "x@example.org", "password": "nope", "deep": json.loads("[" * 30 + "]" * 30)}
    response = api.post("/api/v1/auth/token", body, format="json")
    assert response.status_code != 500
    assert response.json()["code"] != "json_too_deep"


@pytest.mark.django_db
def test_json_deeper_than_the_limit_is_refused(api):
    text = "[" * (DEFAULT_MAX_DEPTH + 1) + "]" * (DEFAULT_MAX_DEPTH + 1)
    response = api.post("/api/v1/auth/token", text, content_type="application/json")
    assert response.json()["code"] == "json_too_deep"


@pytest.mark.django_db
def test_a_json_body_over_the_limit_is_a_413(api, settings):
    settings.API_JSON_MAX_BYTES = 1000
    body = json.dumps({"email": "x@example.org", "password": "p" * 2000})
    response = api.post("/api/v1/auth/token", body, content_type="application/json")
    assert response.status_code == 413
    assert response["Content-Type"] == PROBLEM
    assert response.json()["code"] == "request_too_large"


@pytest.mark.django_db
def test_broken_json_is_a_parse_error(api):
    response = api.post("/api/v1/auth/token", "{nope", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


@pytest.mark.django_db
def test_a_form_body_over_the_upload_limit_is_a_413_problem(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = "email=x%40example.org&password=" + "p" * 2000
    response = api.post(
        "/api/v1/auth/token", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    assert response["Content-Type"] == PROBLEM
    assert response.json()["code"] == "request_too_large"


@pytest.mark.django_db
def test_a_multipart_body_over_the_upload_limit_is_a_413_problem(api_as, owner, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = api_as(owner).patch(
        f"/api/v1/organizations/{owner.memberships.get().organization_id}/",
        {"description_en": "x" * 5000},
        format="multipart",
    )
    assert response.status_code == 413
    assert response["Content-Type"] == PROBLEM


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/api/v1/ip-objects/", "/api/v1/status-applications/", "/api/v1/grant-applications/"],
)
def test_json_nested_1000_deep_on_views_that_take_files_too(api_as, owner, path):
    response = api_as(owner).post(path, DEEP, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert response.json()["code"] == "json_too_deep"
