"""Values printed into HTML drawn in Python, byte for byte as a template prints them.

Template tags that draw their markup with plain string work, because the template language
cost too much on a long page (issue 18: the register's rows, the reviewers' queue, the filter
panel), print each value through `template_escape`, so their output stays what the
template drew; their links come from `reverser` (one `reverse` a page, not one a row) and
their dates from `formatted` (the format read once a page), or from `date_formatter` where a
page shows the same few dates many times.
"""

import functools
import html
from urllib.parse import quote

from django.urls import reverse
from django.utils import dateformat
from django.utils.formats import localize
from django.utils.http import RFC3986_SUBDELIMS


def template_escape(value) -> str:
    """`{{ value }}` with autoescape on: numbers and dates localized, text already marked safe
    as it is, the rest escaped. Django's `conditional_escape(localize(value))`, with
    `html.escape` (what Django's `escape` does) called directly: without `escape`'s checks for
    lazy strings, which a hundred values a page pay for."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(localize(value)))


# A key no register number or id is: where a link's key goes (`reverser`).
_MARK = "9081726354"
_SAFE = RFC3986_SUBDELIMS + "/~:@"  # what `reverse` leaves unquoted in a path


def reverser(name: str):
    """value -> `reverse(name, args=[value])`, reversed once for the page (a reverse costs as
    much as the rest of a row): the address around a mark, the value quoted as `reverse`
    quotes it. A value that could not be put in so (a slash) is reversed on its own."""
    address = reverse(name, args=[_MARK])
    if address.count(_MARK) != 1:
        return lambda value: reverse(name, args=[value])
    head, tail = address.split(_MARK)

    def link(value) -> str:
        text = str(value)
        if not text or "/" in text:
            return reverse(name, args=[value])
        return f"{head}{quote(text, safe=_SAFE)}{tail}"

    return link


def formatted(value, format_: str) -> str:
    """`value|date:format_` with the format already read (`get_format`), for a date or a
    moment already in the current time zone (`template_localtime`)."""
    return "" if value in (None, "") else dateformat.format(value, format_)


def date_formatter(format_: str):
    """value -> `formatted(value, format_)`, each distinct value formatted once (for one page:
    the language must not change between calls). A date with its month's name costs 20 µs,
    and the support catalogue's application windows share a dozen days among 60 dates."""
    return functools.cache(lambda value: formatted(value, format_))
