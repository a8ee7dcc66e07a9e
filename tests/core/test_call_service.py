"""One helper runs a service for a page: its refusal on the form or in a message, never a 500."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404
from django.test import RequestFactory

from innocluster.core.errors import Conflict, NotFound, PermissionDenied
from innocluster.core.forms import apply_errors, form_status
from innocluster.core.views import call_service, run_service
from innocluster.platform.organizations.errors import OrganizationErrorCode


class NameForm(forms.Form):
    name = forms.CharField()
    file = forms.CharField(required=False)


def page_request():
    request = RequestFactory().post("/")
    request._messages = CookieStorage(request)
    return request


def sent(request) -> list[tuple[str, str]]:
    return [(m.level_tag, m.message) for m in get_messages(request)]


def valid_form() -> NameForm:
    form = NameForm({"name": "Роза"})
    assert form.is_valid()
    return form


def refuse(error):
    def service(**kwargs):
        raise error

    return service


def test_a_service_that_succeeds_gives_its_result_and_the_success_message():
    request = page_request()
    outcome = call_service(request, lambda *, x: x * 2, success="Saved.", x=21)
    assert outcome and outcome.result == 42
    assert (outcome.status, outcome.code, outcome.error) == (200, None, None)
    assert sent(request) == [("success", "Saved.")]


def test_field_errors_go_on_their_fields_with_codes_and_the_rest_above_the_form():
    form, request = valid_form(), page_request()
    error = ValidationError(
        {
            "name": ValidationError("Taken.", code="name_taken"),
            "region": ValidationError("Unknown region.", code="invalid_choice"),  # not a field
        }
    )
    outcome = call_service(request, refuse(error), form=form, success="Saved.")
    assert not outcome and outcome.status == 400 and outcome.code == "validation_error"
    assert form.has_error("name", "name_taken") and form.errors["name"] == ["Taken."]
    assert form.has_error(NON_FIELD_ERRORS, "invalid_choice")
    assert form_status(form) == 400
    assert sent(request) == []  # the form says it: no message, and no success


def test_an_error_of_no_field_goes_on_the_default_field():
    form = valid_form()
    error = ValidationError("Not a PDF.", code="not_a_pdf")
    call_service(page_request(), refuse(error), form=form, default_field="file")
    assert form.has_error("file", "not_a_pdf")
    other = valid_form()
    call_service(page_request(), refuse(error), form=other)
    assert other.has_error(NON_FIELD_ERRORS, "not_a_pdf")


def test_a_conflict_goes_above_the_form_and_the_page_answers_409():
    form = valid_form()
    conflict = Conflict(
        "The last owner cannot leave.", code=OrganizationErrorCode.LAST_OWNER, extra={"n": 1}
    )
    outcome = call_service(page_request(), refuse(conflict), form=form)
    assert outcome.status == 409 and outcome.code == OrganizationErrorCode.LAST_OWNER
    assert outcome.error.extra == {"n": 1}
    assert form.non_field_errors() == ["The last owner cannot leave."]
    assert form.has_error(NON_FIELD_ERRORS, OrganizationErrorCode.LAST_OWNER)
    assert form_status(form) == 409


def test_without_a_form_the_refusal_is_an_error_message():
    request = page_request()
    outcome = call_service(request, refuse(PermissionDenied("Owners only.")), success="Done.")
    assert outcome.status == 403
    outcome = call_service(request, refuse(ValidationError({"a": ["One."], "b": ["Two."]})))
    assert outcome.status == 400
    assert sent(request) == [("error", "Owners only."), ("error", "One. Two.")]


def test_a_refusal_as_not_found_is_the_404_page():
    form = valid_form()
    with pytest.raises(Http404):
        call_service(page_request(), refuse(NotFound("No such invitation.")), form=form)
    assert not form.errors


def test_other_exceptions_are_not_swallowed():
    with pytest.raises(RuntimeError):
        call_service(page_request(), refuse(RuntimeError("a bug")))


def test_the_older_helpers_are_thin_uses_of_it():
    request = page_request()
    assert run_service(request, lambda: None, "Done.") is True
    assert run_service(request, refuse(Conflict("Taken.")), "Done.") is False
    assert sent(request) == [("success", "Done."), ("error", "Taken.")]
    form = valid_form()
    apply_errors(form, Conflict("Taken.", code="taken"))
    assert form.has_error(NON_FIELD_ERRORS, "taken")
    assert form_status(form) == 400  # only call_service gives the refusal's own status
