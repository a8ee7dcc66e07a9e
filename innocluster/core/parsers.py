"""The API's JSON parser: bounded in size and depth, so a hostile body costs nothing.

DRF's own parser reads a body of any size (the stream bypasses DATA_UPLOAD_MAX_MEMORY_SIZE)
and hands it to `json.load`, whose C scanner recurses per level: 2 KB of `[` nested 1,000 deep
raised RecursionError, a 500 with a traceback logged per request. Here a body over
API_JSON_MAX_BYTES is a 413 (`request_too_large`) before it is decoded, and one nested deeper
than API_JSON_MAX_DEPTH a 400 (`json_too_deep`) before it is parsed; both problem+json. No
request of this API nests more than a few levels.
"""

import codecs
import json
import re
from itertools import accumulate

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.settings import api_settings
from rest_framework.utils import json as drf_json

from .errors import ErrorCode

DEFAULT_MAX_BYTES = 1024 * 1024
DEFAULT_MAX_DEPTH = 32

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_OPENING = frozenset("[{")


class ParserErrorCode(ErrorCode):
    REQUEST_TOO_LARGE = "request_too_large"
    JSON_TOO_DEEP = "json_too_deep"


class RequestTooLarge(exceptions.APIException):
    status_code = 413
    default_detail = _("The request is too large.")
    default_code = ParserErrorCode.REQUEST_TOO_LARGE


class JsonTooDeep(exceptions.ParseError):
    default_detail = _("The JSON body is nested too deeply.")
    default_code = ParserErrorCode.JSON_TOO_DEEP


def max_bytes() -> int:
    return getattr(settings, "API_JSON_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_depth() -> int:
    return getattr(settings, "API_JSON_MAX_DEPTH", DEFAULT_MAX_DEPTH)


def nesting_depth(text: str) -> int:
    """How deep arrays and objects nest in a JSON text (brackets inside strings ignored)."""
    brackets = [c for c in _STRING.sub("", text) if c in "[]{}"]
    if not brackets:
        return 0
    return max(accumulate(1 if c in _OPENING else -1 for c in brackets))


class BoundedJSONParser(JSONParser):
    """DRF's JSONParser with a limit on the body's size and on its depth."""

    def parse(self, stream, media_type=None, parser_context=None):
        if stream is None:
            return None
        limit = max_bytes()
        raw = stream.read(limit + 1)
        if len(raw) > limit:
            raise RequestTooLarge()
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = codecs.decode(raw, encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise exceptions.ParseError(f"JSON parse error - {exc}") from exc
        # Cheap first: fewer opening brackets than the limit cannot nest deeper than it.
        if text.count("[") + text.count("{") > max_depth() and nesting_depth(text) > max_depth():
            raise JsonTooDeep()
        parse_constant = drf_json.strict_constant if api_settings.STRICT_JSON else None
        try:
            return json.loads(text, parse_constant=parse_constant)
        except (ValueError, RecursionError) as exc:
            raise exceptions.ParseError(f"JSON parse error - {exc}") from exc


# For views that take files as well as JSON, in this order (the schema lists JSON first).
JSON_AND_FILES = [BoundedJSONParser, MultiPartParser, FormParser]
