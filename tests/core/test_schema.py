"""The OpenAPI schema tells the truth: what fields hold, and every error an operation gives."""

import re

import pytest
from drf_spectacular.generators import SchemaGenerator

PROBLEM = {"$ref": "#/components/schemas/Problem"}


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def _operations(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def _props(schema, component):
    return schema["components"]["schemas"][component]["properties"]


def test_a_time_of_day_is_written_without_an_offset(schema):
    for component in ("Hours", "Day"):
        opens = _props(schema, component)["opens"]
        assert "format" not in opens  # JSON Schema's `time` wants an offset: "09:00:00" fails
        assert re.fullmatch(opens["pattern"], "09:00:00")
        assert re.fullmatch(opens["pattern"], "09:00")
        assert not re.fullmatch(opens["pattern"], "25:00")
    assert _props(schema, "Day")["opens"]["nullable"] is True


@pytest.mark.parametrize("component", ["Organization", "Facility"])
def test_a_website_left_empty_is_in_the_schema(schema, component):
    website = _props(schema, component)["website"]
    assert {"type": "string", "maxLength": 0} in website["anyOf"]
    assert any(option.get("format") == "uri" for option in website["anyOf"])


@pytest.mark.parametrize("component", ["StatusApplication", "GrantApplication"])
def test_a_drafts_case_fields_are_nullable(schema, component):
    props = _props(schema, component)
    for name in ("submitted_at", "decision_due", "decided_at", "paused_days_left"):
        assert props[name].get("nullable") is True, name


def test_booking_answers_the_bookings_made_as_a_list_not_a_page(schema):
    created = schema["paths"]["/api/v1/bookings/"]["post"]["responses"]["201"]
    body = created["content"]["application/json"]["schema"]
    assert body == {"type": "array", "items": {"$ref": "#/components/schemas/Booking"}}
    listed = schema["paths"]["/api/v1/bookings/"]["get"]["responses"]["200"]
    assert listed["content"]["application/json"]["schema"]["$ref"].endswith("PaginatedBookingList")


def test_every_error_is_a_problem(schema):
    for path, _method, operation in _operations(schema):
        for status, response in operation["responses"].items():
            if status.startswith("4") and status != "414" or status.startswith("5"):
                content = response["content"]
                assert content["application/problem+json"]["schema"] == PROBLEM, (path, status)


def test_every_operation_documents_a_refused_token(schema):
    for path, method, operation in _operations(schema):
        assert "401" in operation["responses"], (method, path)


def test_an_operation_with_a_path_parameter_documents_404(schema):
    for path, method, operation in _operations(schema):
        if "{" in path:
            assert "404" in operation["responses"], (method, path)


def test_lists_document_their_filters_400_and_a_page_past_the_end_404(schema):
    for path in ("/api/v1/bookings/", "/api/v1/awards/", "/api/v1/organizations/"):
        responses = schema["paths"][path]["get"]["responses"]
        assert {"400", "404", "414"} <= set(responses), path


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/v1/auth/sign-up"),
        ("post", "/api/v1/auth/token"),
        ("post", "/api/v1/auth/confirm-email"),
        ("post", "/api/v1/organizations/{organization_pk}/invitations/"),
        ("post", "/api/v1/organizations/{organization_pk}/membership-requests/"),
    ],
)
def test_throttled_operations_document_429(schema, method, path):
    assert "429" in schema["paths"][path][method]["responses"]


def test_a_read_anyone_may_do_documents_no_429_and_no_403(schema):
    responses = schema["paths"]["/api/v1/measures/"]["get"]["responses"]
    assert "429" not in responses
    assert "403" not in responses


def test_the_reviewers_queue_documents_403_for_others(schema):
    assert "403" in schema["paths"]["/api/v1/reviews/"]["get"]["responses"]


def test_a_body_documents_413_and_415(schema):
    responses = schema["paths"]["/api/v1/organizations/"]["post"]["responses"]
    assert {"400", "413", "415"} <= set(responses)
