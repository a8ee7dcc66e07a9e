"""problem+json carries stable codes: a DomainError's at the top, a ValidationError's by field."""

import gc

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.http import Http404
from drf_spectacular.generators import SchemaGenerator
from rest_framework import serializers
from rest_framework.exceptions import NotAuthenticated

from innocluster.core.api import problem_exception_handler
from innocluster.core.errors import (
    Conflict,
    CoreErrorCode,
    DomainError,
    ErrorCode,
    codes_by_field,
    messages_by_field,
    registered_codes,
)
from innocluster.platform.accounts.errors import AccountErrorCode
from innocluster.platform.ledger.errors import LedgerErrorCode, LedgerNotFound
from innocluster.platform.organizations.errors import OrganizationErrorCode


def problem(exc) -> dict:
    response = problem_exception_handler(exc, {})
    assert response.content_type == "application/problem+json"
    return {"status_code": response.status_code, **response.data}


def test_a_validation_error_gives_each_fields_messages_and_their_codes():
    # Given a service's refusal with two messages on one field and one on another
    error = ValidationError(
        {
            "role": ValidationError("Unknown role.", code="invalid_choice"),
            "inn": [
                ValidationError("Taken.", code=OrganizationErrorCode.ORGANIZATION_EXISTS),
                ValidationError("Has %(n)s digits.", params={"n": 9}),  # no code of its own
            ],
        }
    )
    # Then the messages stay where they were and each has its code beside it, in order
    body = problem(error)
    assert body["status_code"] == body["status"] == 400
    assert body["code"] == "validation_error"
    assert body["type"] == "https://innocluster.dev/problems/validation-error"
    assert body["errors"] == {"role": ["Unknown role."], "inn": ["Taken.", "Has 9 digits."]}
    assert body["error_codes"] == {
        "role": ["invalid_choice"],
        "inn": ["organization_exists", "invalid"],
    }


def test_a_validation_error_of_no_field_is_under_non_field_errors():
    body = problem(ValidationError("Not now.", code=CoreErrorCode.NOT_EDITABLE))
    assert body["errors"] == {"non_field_errors": ["Not now."]}
    assert body["error_codes"] == {"non_field_errors": ["not_editable"]}


def test_a_domain_error_gives_its_code_status_and_extra_members():
    error = Conflict(
        "The last owner cannot leave.",
        code=OrganizationErrorCode.LAST_OWNER,
        extra={"organization": 7, "code": "overwritten?"},
    )
    body = problem(error)
    assert body["status_code"] == 409
    assert body["code"] == "last_owner" and type(body["code"]) is str  # plain in the JSON
    assert body["type"] == "https://innocluster.dev/problems/last-owner"
    assert body["detail"] == "The last owner cannot leave."
    assert body["organization"] == 7  # an extra member; the standard ones win over extras
    assert "errors" not in body and "error_codes" not in body


def test_an_error_class_code_and_drf_codes_pass_through():
    assert problem(LedgerNotFound("No entry 5."))["code"] == LedgerErrorCode.NOT_FOUND
    assert problem(DomainError("No."))["code"] == "domain_error"
    assert problem(Http404())["code"] == "not_found"
    assert problem(NotAuthenticated())["code"] == "not_authenticated"


class _Input(serializers.Serializer):
    name = serializers.CharField(max_length=3)
    days = serializers.IntegerField()


def test_drf_field_errors_keep_drfs_codes():
    data = _Input(data={"name": "toolong"})
    with pytest.raises(serializers.ValidationError) as error:
        data.is_valid(raise_exception=True)
    body = problem(error.value)
    assert body["code"] == "validation_error"
    assert body["error_codes"] == {"name": ["max_length"], "days": ["required"]}
    assert set(body["errors"]) == {"name", "days"}


@pytest.mark.django_db
def test_the_api_answers_with_codes(api):
    # Given a sign-up its serializer refuses field by field
    response = api.post("/api/v1/auth/sign-up", {"full_name": "", "email": "x", "password": ""})
    assert response.status_code == 400
    body = response.json()
    assert body["error_codes"] == {
        "full_name": ["blank"],
        "email": ["invalid"],
        "password": ["blank"],
    }
    assert set(body["errors"]) == set(body["error_codes"])


def test_messages_and_codes_by_field_line_up():
    error = ValidationError({"a": ["One.", ValidationError("Two.", code="two")]})
    assert messages_by_field(error) == {"a": ["One.", "Two."]}
    assert codes_by_field(error) == {"a": ["invalid", "two"]}


def test_every_apps_enum_is_registered_and_one_code_has_one_owner():
    codes = registered_codes()
    assert codes["validation_error"] is CoreErrorCode
    assert codes["email_taken"] is AccountErrorCode
    assert codes["last_owner"] is OrganizationErrorCode
    assert codes["ledger_not_found"] is LedgerErrorCode
    assert codes["ip_already_registered"].__module__ == "innocluster.features.ipregistry.errors"
    assert list(codes) == sorted(codes)


def test_a_code_claimed_by_two_enums_is_refused():
    class Duplicate(ErrorCode):
        LAST_OWNER = "last_owner"

    try:
        with pytest.raises(ImproperlyConfigured, match="last_owner"):
            registered_codes()
    finally:
        del Duplicate
        gc.collect()  # an enum and its members refer to each other
    assert registered_codes()["last_owner"] is OrganizationErrorCode


def test_the_schema_documents_the_problem_and_lists_every_code():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    assert components["ErrorCode"]["enum"] == list(registered_codes())
    problem_schema = components["Problem"]
    assert problem_schema["properties"]["code"] == {"$ref": "#/components/schemas/ErrorCode"}
    assert {"errors", "error_codes"} <= set(problem_schema["properties"])
    # An operation's refusals answer application/problem+json with that component
    create = schema["paths"]["/api/v1/organizations/"]["post"]["responses"]["409"]
    assert create["content"]["application/problem+json"]["schema"] == {
        "$ref": "#/components/schemas/Problem"
    }
