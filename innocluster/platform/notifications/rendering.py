"""A notification in words and links, in the reader's language, rendered when it is read."""

import datetime as dt
import re
from decimal import Decimal
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.formats import date_format, number_format

from innocluster.core.calendar import MOSCOW

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
# core.calendar.moscow_iso writes them: "2026-12-18T15:00+03:00" (seconds and a "Z" read too)
ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?")
PLAIN_DECIMAL = re.compile(r"-?\d+(\.\d+)?")


def _readable(name: str, value):
    """A date kept as ISO text ("2026-12-18", so it stays a date in the stored context) is
    read in the reader's language ("18.12.2026", "12/18/2026"); so is a date and time
    ("2026-12-18T15:00+03:00": "18.12.2026 15:00", "12/18/2026 3 p.m."), in Moscow time,
    which is what the notifications say their times are in; and a sum of money kept as plain
    decimal text under a name ending in "amount" ("144000.00": "144 000,00",
    "144,000.00")."""
    if not isinstance(value, str):
        return value
    if name.endswith("amount") and PLAIN_DECIMAL.fullmatch(value):
        return number_format(Decimal(value), 2, use_l10n=True, force_grouping=True)
    try:
        if ISO_DATE.fullmatch(value):
            return date_format(dt.date.fromisoformat(value), "SHORT_DATE_FORMAT")
        if ISO_DATETIME.fullmatch(value):
            moment = _in_moscow(dt.datetime.fromisoformat(value))
            return date_format(moment, "SHORT_DATETIME_FORMAT")
    except ValueError:  # looks like one, is none: "2026-13-45"
        return value
    return value


def _in_moscow(moment: dt.datetime) -> dt.datetime:
    """An aware time as the clock in Moscow shows it; a naive one is taken as Moscow's."""
    return moment.astimezone(MOSCOW) if moment.tzinfo is not None else moment


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
