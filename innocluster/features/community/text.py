"""Plain text with its links made clickable, safely: every character of the text is escaped,
and only http(s) addresses become links (linkify-it-py finds them, with "www.mos.ru" taken
as http://www.mos.ru); no HTML from a post ever reaches the page."""

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from linkify_it import LinkifyIt

_LINKIFY = LinkifyIt(options={"fuzzy_email": False})
SCHEMES = ("http://", "https://")


def linkify(text: str) -> SafeString:
    text = text or ""
    parts, start = [], 0
    for match in _LINKIFY.match(text) or []:
        if not match.url.startswith(SCHEMES):  # ftp:, mailto:, //host: left as text
            continue
        parts.append(escape(text[start : match.index]))
        parts.append(
            format_html(
                '<a href="{}" rel="nofollow noopener noreferrer ugc">{}</a>',
                match.url,
                text[match.index : match.last_index],
            )
        )
        start = match.last_index
    parts.append(escape(text[start:]))
    return mark_safe("".join(parts).replace("\n", "<br>"))  # noqa: S308 - each part escaped
