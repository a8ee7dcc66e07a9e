"""The OpenAPI schema tells every error an operation can give, from one place.

An operation's own `extend_schema(responses=...)` names its successes and the errors of its
domain (409 for a taken slot, 400 for a refused field). The errors that come from the
machinery around every view are added here, each a `Problem` in application/problem+json,
unless the operation documents that status itself:

- 400 with a body or query parameters: invalid input, a malformed body, an invalid filter;
- 401 everywhere: a token that is wrong, expired or revoked is refused on any operation;
- 403 where a permission can refuse (an unsafe method, or a view whose permissions are more
  than "anyone may read"), e.g. GET /reviews/ for someone who is not a reviewer;
- 404 with path parameters (what does not exist or may not be seen), and on paginated lists
  (a page past the end);
- 413 and 415 with a body: over the size limits (core.parsers), or a media type not read;
- 429 where the view throttles (sign-up, tokens, invitations, membership requests, …);
- 414 with query parameters: a request line longer than the server in front of Django reads
  (gunicorn's 4,094 bytes, or the proxy's) is refused there, as its own HTML page.

And two kinds of fields say what they really hold (the field extensions below): a time of
day is "09:00:00", which JSON Schema's `format: time` refuses (it wants an offset); a URL
that may be left empty is "" as often as a URI.
"""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework.permissions import SAFE_METHODS, AllowAny, IsAuthenticatedOrReadOnly

from .api import PROBLEM, PROBLEM_CONTENT_TYPE

URI_TOO_LONG = {
    "content": {"text/html": {"schema": {"type": "string"}}},
    "description": (
        "The request line is longer than the server in front of the application reads."
    ),
}
_READ_FOR_ANYONE = (AllowAny, IsAuthenticatedOrReadOnly)
_NOT_FILTERS = frozenset({"page", "page_size"})


class AutoSchema(SpectacularAutoSchema):
    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        responses = operation["responses"]
        for status in sorted(self.error_statuses(operation)):
            if str(status) not in responses:
                responses[str(status)] = self._get_response_for_code(
                    PROBLEM, str(status), (PROBLEM_CONTENT_TYPE,)
                )
        if any(p["in"] == "query" for p in operation.get("parameters", [])):
            responses.setdefault("414", URI_TOO_LONG)
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def _get_paginator(self):
        # Only a GET of a list answers a page: POST /bookings/ answers the bookings it made as
        # a plain list (drf-spectacular documented a page for any `many=True` answer).
        return super()._get_paginator() if self.method == "GET" else None

    def error_statuses(self, operation: dict) -> set[int]:
        """The statuses the machinery around this operation's view can answer with."""
        parameters = operation.get("parameters", [])
        has_body = "requestBody" in operation
        statuses = {401}
        if has_body or any(
            p["in"] == "query" and p["name"] not in _NOT_FILTERS for p in parameters
        ):
            statuses.add(400)
        if self.method not in SAFE_METHODS or not all(
            isinstance(permission, _READ_FOR_ANYONE) for permission in self.view.get_permissions()
        ):
            statuses.add(403)
        if any(p["in"] == "path" for p in parameters) or (
            self._is_list_view() and self._get_paginator() is not None
        ):
            statuses.add(404)
        if has_body:
            statuses |= {413, 415}
        if self.view.get_throttles():
            statuses.add(429)
        return statuses


class TimeOfDayExtension(OpenApiSerializerFieldExtension):
    """A time of day without an offset, as it is written: "09:00:00" (or "09:00" in)."""

    target_class = "rest_framework.fields.TimeField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        return {
            "type": "string",
            "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$",
            "example": "09:00:00",
        }


class UrlOrBlankExtension(OpenApiSerializerFieldExtension):
    """A URL that may be empty: "" when none is given. A read-only one comes from a model
    field that is blank when left empty (DRF drops allow_blank from read-only fields)."""

    target_class = "rest_framework.fields.URLField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        if self.target.max_length is not None:  # in the URI's branch, where the check applies
            schema["maxLength"] = self.target.max_length
        if not (self.target.allow_blank or self.target.read_only):
            return schema
        return {"anyOf": [schema, {"type": "string", "maxLength": 0}]}
