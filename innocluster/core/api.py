"""API plumbing shared by every app: pagination and RFC 9457 problem+json errors."""

from http import HTTPStatus

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler

from .errors import DomainError

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_BASE = "https://innocluster.dev/problems/"


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100


def problem_response(*, status_code: int, code: str, title: str, detail: str, **extra) -> Response:
    # The standard members last: an error's extra fields can never overwrite them.
    body = {
        **extra,
        "type": PROBLEM_BASE + code.replace("_", "-"),
        "title": str(title),
        "status": status_code,
        "detail": str(detail),
        "code": code,
    }
    return Response(body, status=status_code, content_type=PROBLEM_CONTENT_TYPE)


def validation_errors(error: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {field: [str(m) for m in msgs] for field, msgs in error.message_dict.items()}
    return {"non_field_errors": [str(m) for m in error.messages]}


def _drf_errors(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {k: [str(m) for m in (v if isinstance(v, list) else [v])] for k, v in detail.items()}
    return {
        "non_field_errors": [str(m) for m in (detail if isinstance(detail, list) else [detail])]
    }


def problem_exception_handler(exc, context):
    """Turn every error an API view raises into application/problem+json."""
    if isinstance(exc, DomainError):
        return problem_response(
            status_code=exc.status, code=exc.code, title=exc.title, detail=exc.detail, **exc.extra
        )
    if isinstance(exc, DjangoValidationError):
        return problem_response(
            status_code=400,
            code="validation_error",
            title=_("The submitted data is not valid."),
            detail=_("Correct the fields listed in errors."),
            errors=validation_errors(exc),
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        problem = problem_response(
            status_code=400,
            code="validation_error",
            title=_("The submitted data is not valid."),
            detail=_("Correct the fields listed in errors."),
            errors=_drf_errors(exc.detail),
        )
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        problem = problem_response(
            status_code=response.status_code,
            code=getattr(exc, "default_code", "error"),
            title=status_phrase(response.status_code),
            detail=str(detail),
        )
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            problem[header] = response[header]
    return problem


STATUS_TITLES = {
    400: gettext_lazy("Bad request."),
    401: gettext_lazy("Authentication is needed."),
    403: gettext_lazy("You do not have permission to do this."),
    404: gettext_lazy("Not found."),
    405: gettext_lazy("This method is not allowed here."),
    409: gettext_lazy("Conflict with the current state."),
    413: gettext_lazy("The request is too large."),
    415: gettext_lazy("Unsupported media type."),
    429: gettext_lazy("Too many requests."),
    500: gettext_lazy("Server error."),
}


def status_phrase(code: int) -> str:
    """A title in the language of the response, like its detail."""
    return str(STATUS_TITLES.get(code, HTTPStatus(code).phrase))
