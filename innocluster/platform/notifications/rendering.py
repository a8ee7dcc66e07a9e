"""A notification in words and links, in the reader's language, rendered when it is read."""

import datetime as dt
import re
from decimal import Decimal
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.formats import date_format, number_format

from .kinds import kind_get

FORMAT_ERRORS = (KeyError, IndexError, ValueError, AttributeError, TypeError)


def render(code: str, context: dict) -> tuple[str, str]:
    """(title, body) in the active language.

    A notification outlives the code that sent it: a kind removed since, or a translation whose
    placeholders do not match, falls back to the source text or to the code itself rather than
    breaking the reader's page.
    """
    try:
        kind = kind_get(code)
    except LookupError:
        return code, ""
    context = {name: _readable(name, value) for name, value in context.items()}
    return _fill(kind.title, context) or code, _fill(kind.body, context)


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
PLAIN_DECIMAL = re.compile(r"-?\d+(\.\d+)?")


def _readable(name: str, value):
    """A date kept as ISO text ("2026-12-18", so it stays a date in the stored context) is
    read in the reader's language ("18.12.2026", "12/18/2026"); so is a sum of money kept
    as plain decimal text under a name ending in "amount" ("144000.00": "144 000,00",
    "144,000.00")."""
    if name.endswith("amount") and isinstance(value, str) and PLAIN_DECIMAL.fullmatch(value):
        return number_format(Decimal(value), 2, use_l10n=True, force_grouping=True)
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        try:
            return date_format(dt.date.fromisoformat(value), "SHORT_DATE_FORMAT")
        except ValueError:
            return value
    return value


def _fill(text, context: dict) -> str:
    if not text:
        return ""
    try:
        return str(text).format(**context)
    except FORMAT_ERRORS:
        with translation.override(None):
            try:
                return str(text).format(**context)
            except FORMAT_ERRORS:
                return str(text)


def is_local_path(url: str) -> bool:
    """A path on this site ("/reviews/12/"), never another host: "//evil", "/\\evil", "http:"."""
    if not url.startswith("/") or url.startswith(("//", "/\\")):
        return False
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and not any(c in url for c in "\r\n\t\\")


def localized_url(url: str, language: str) -> str:
    """The same page in `language` ("/en/x/" ⇄ "/x/"), whichever language it was stored in.

    Paths outside the translated part of the site (the API, say) come back unchanged.
    """
    if not url:
        return ""
    source = translation.get_language_from_path(url) or settings.LANGUAGE_CODE
    with translation.override(source):
        return translate_url(url, language)
