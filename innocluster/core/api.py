"""API plumbing shared by every app: pagination and RFC 9457 problem+json errors.

Every error an API view raises answers `application/problem+json` (`problem_exception_handler`):

    {"type": "https://innocluster.dev/problems/validation-error", "status": 400,
     "title": "The submitted data is not valid.", "detail": "Correct the fields listed in errors.",
     "code": "validation_error",
     "errors": {"inn": ["INN has a wrong check digit: …"], "role": ["Unknown role."]},
     "error_codes": {"inn": ["invalid"], "role": ["invalid_choice"]}}

`code` is always there and stable: a DomainError's own code (`last_owner`, `case_state`, …, the
codes of the apps' `errors.py` enums), `validation_error` for invalid input, or DRF's code for
the rest (`not_authenticated`, `throttled`, …). Invalid input adds two RFC 9457 extension
members with the same keys: `errors`, each field's messages for people, and `error_codes`, the
code of each of those messages in the same order (an app's code, or Django's and DRF's own:
`required`, `invalid`, `max_length`, …; a message from no field is under `non_field_errors`).
A DomainError's `extra` (e.g. `existing_organization`) is added as members of its own.
The OpenAPI schema documents this as the `Problem` component, its `code` as the `ErrorCode`
enum of every registered code: use `problem_responses(400, 409)` in `extend_schema`.
"""

import copy
from http import HTTPStatus

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.defaults import page_not_found
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler

from .errors import (
    DEFAULT_CODE,
    NO_FIELD,
    CoreErrorCode,
    DomainError,
    codes_by_field,
    messages_by_field,
    registered_codes,
)
from .listing import CachedCountPaginator
from .parsers import JsonTooDeep, RequestTooLarge

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_BASE = "https://innocluster.dev/problems/"
_STANDARD_MEMBERS = frozenset({"type", "title", "status", "status_code", "detail", "code"})


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100


class CachedCountPagination(Pagination):
    """For a public list that is the same for everyone: its total, a count of the whole list on
    every page, cached until a write changes it (core/querycache.py). Not for lists whose rows
    are written with bulk_create or update (a person's notifications): those would show a
    stale total for up to querycache.CACHE_SECONDS."""

    django_paginator_class = CachedCountPaginator


class FieldsBuiltOnce:
    """A ModelSerializer mixin: its fields are worked out from the model once per class, then
    copied for each use (DRF works them out anew for every list it serializes, a seventh of
    the organizations list's time). For read serializers whose fields depend only on the
    class, not on the request or the instance."""

    _fields_built: dict | None = None

    def get_fields(self):
        cls = type(self)
        if cls.__dict__.get("_fields_built") is None:
            cls._fields_built = super().get_fields()
        return copy.deepcopy(cls._fields_built)


def problem_response(*, status_code: int, code: str, title: str, detail: str, **extra) -> Response:
    # The standard members last: an error's extra fields can never overwrite them.
    code = str(code)
    body = {
        **extra,
        "type": PROBLEM_BASE + code.replace("_", "-"),
        "title": str(title),
        "status": status_code,
        "detail": str(detail),
        "code": code,
    }
    return Response(body, status=status_code, content_type=PROBLEM_CONTENT_TYPE)


def validation_problem(
    errors: dict[str, list[str]], error_codes: dict[str, list[str]], *, detail=None, **extra
) -> Response:
    """400 for invalid input: its messages and their codes by field (see the module's doc)."""
    return problem_response(
        status_code=400,
        code=CoreErrorCode.VALIDATION_ERROR,
        title=_("The submitted data is not valid."),
        detail=detail or _("Correct the fields listed in errors."),
        **extra,
        errors=errors,
        error_codes=error_codes,
    )


def _drf_errors(detail) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """DRF's error detail as messages and codes by field, one level deep."""
    if not isinstance(detail, dict):
        detail = {NO_FIELD: detail}
    errors, codes = {}, {}
    for field, value in detail.items():
        items = value if isinstance(value, list) else [value]
        errors[field] = [str(item) for item in items]
        codes[field] = [str(getattr(item, "code", None) or DEFAULT_CODE) for item in items]
    return errors, codes


def problem_exception_handler(exc, context):
    """Turn every error an API view raises into application/problem+json."""
    if isinstance(exc, DomainError):
        # Its extra members, never in place of the standard ones.
        extra = {k: v for k, v in exc.extra.items() if k not in _STANDARD_MEMBERS}
        return problem_response(
            status_code=exc.status, code=exc.code, title=exc.title, detail=exc.detail, **extra
        )
    if isinstance(exc, DjangoValidationError):
        return validation_problem(messages_by_field(exc), codes_by_field(exc))
    if isinstance(exc, RequestDataTooBig):
        # Django's own limits (DATA_UPLOAD_MAX_MEMORY_SIZE) would answer an HTML 400 page.
        exc = RequestTooLarge()
    elif isinstance(exc, RecursionError) and "JSON" in str(exc):
        # A view that names DRF's own JSONParser: the body nested past Python's recursion limit.
        exc = JsonTooDeep()
    elif isinstance(exc, TooManyFieldsSent):
        exc = exceptions.ParseError(str(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        problem = validation_problem(*_drf_errors(exc.detail))
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        problem = problem_response(
            status_code=response.status_code,
            code=getattr(exc, "default_code", CoreErrorCode.ERROR),
            title=status_phrase(response.status_code),
            detail=str(detail),
        )
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            problem[header] = response[header]
    return problem


def not_found(request, exception=None):
    """The site's handler404: a path under /api/ that matches no route (`/api/v1/bookings/x/`,
    an id that is not a number) is a problem+json 404 like any other, not the HTML page."""
    if not request.path_info.startswith("/api/"):
        return page_not_found(request, exception)
    body = {
        "type": PROBLEM_BASE + "not-found",
        "title": status_phrase(404),
        "status": 404,
        "detail": str(exceptions.NotFound.default_detail),
        "code": CoreErrorCode.NOT_FOUND.value,
    }
    return JsonResponse(body, status=404, content_type=PROBLEM_CONTENT_TYPE)


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


# --- The schema ----------------------------------------------------------------------------


class ErrorCodeField(serializers.CharField):
    """A problem's `code`: in the schema, the `ErrorCode` enum of every registered code."""


class ErrorCodeFieldExtension(OpenApiSerializerFieldExtension):
    target_class = ErrorCodeField

    def map_serializer_field(self, auto_schema, direction):
        component = ResolvedComponent(
            name="ErrorCode",
            type=ResolvedComponent.SCHEMA,
            object="ErrorCode",
            schema={
                "type": "string",
                "enum": list(registered_codes()),
                "description": "The stable codes of problems and of invalid fields: each app "
                "declares its own in its errors.py.",
            },
        )
        auto_schema.registry.register_on_missing(component)
        return component.ref


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details, as `problem_exception_handler` writes them."""

    type = serializers.CharField(help_text="A URI ending in the code, with dashes.")
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    code = ErrorCodeField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Invalid input only: each field's messages (`non_field_errors` for none).",
    )
    error_codes = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="The code of each message in `errors`, same keys and order: an ErrorCode, "
        "or Django's and DRF's own (`required`, `invalid`, `max_length`, …).",
    )


PROBLEM = OpenApiResponse(response=ProblemSerializer, description=PROBLEM_CONTENT_TYPE)


def problem_responses(*statuses: int) -> dict:
    """The error answers of an operation, for `extend_schema(responses={200: X, **…})`."""
    return {(status, PROBLEM_CONTENT_TYPE): PROBLEM for status in statuses}


def validated(serializer_class, data, **kwargs) -> dict:
    """The request body's values through `serializer_class`, or a 400 with every field's
    reasons (problem+json)."""
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def document_added(request, upload_serializer, add, document_serializer, **target) -> Response:
    """The answer of an action that attaches a document, the same in every app: the multipart
    body through `upload_serializer` (a 400 with every field's reasons), its `file` stored by
    the service `add(**target, actor=…, upload=file, …the upload's other fields)`, the stored
    document through `document_serializer`, 201. The caller finds `target` (its own object,
    or a 404) first; what the schema says stays on the action's own `extend_schema`."""
    data = validated(upload_serializer, request.data)
    document = add(**target, actor=request.user, upload=data.pop("file"), **data)
    return Response(document_serializer(document).data, status=HTTPStatus.CREATED)
