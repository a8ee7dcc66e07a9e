"""The register's rows, drawn in Python (issue 18).

The template language spends on each of the register's 20 rows two `{% url %}`s, three
`translate`s, two `date` filters and a dozen variable lookups: most of the page's rendering
(`scripts/profile_page.py`). This draws the same bytes (tests/status compare it with the loop
it replaces, in both languages, escaping included) with plain string work: the links reversed
as `{% url %}` reverses them, every value localized and escaped as a template does.
"""

from urllib.parse import quote

from django import template
from django.template.defaultfilters import capfirst
from django.urls import reverse
from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from innocluster.core.markup import template_escape

register = template.Library()


@register.simple_tag
def register_rows(entries) -> str:
    """The `<tr>` of each register entry (a Status with its organization), each after the
    whitespace the template's loop put before it."""
    # Written out, not looped over: makemessages finds only literal messages.
    labels = {
        "INN": template_escape(gettext("INN")),
        "Status": template_escape(gettext("Status")),
        "Region": template_escape(gettext("Region")),
        "Since": template_escape(gettext("Since")),
    }
    links = {
        "entry": _link("participation:entry"),
        "organization": _link("organizations:detail"),
        "short_date": get_format("SHORT_DATE_FORMAT"),
    }
    return mark_safe("".join(_row(entry, labels, links) for entry in entries))  # noqa: S308


# A key no register number or organization id is: where a link's key goes (`_link`).
_MARK = "9081726354"
_SAFE = RFC3986_SUBDELIMS + "/~:@"  # what `reverse` leaves unquoted in a path


def _link(name: str):
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


def _date(value, format_: str) -> str:
    """`value|date:format_` with the format already read (`get_format`)."""
    return "" if value in (None, "") else dateformat.format(value, format_)


def _row(entry, labels: dict, links: dict) -> str:
    organization = entry.organization
    number = template_escape(entry.register_number)
    entry_url = template_escape(links["entry"](entry.register_number))
    organization_url = template_escape(links["organization"](entry.organization_id))
    state = ""
    if entry.state != "active":
        state = (
            f' <span class="badge status-{template_escape(entry.state)}">'
            f"{template_escape(entry.get_state_display())}</span>"
        )
    return (
        "\n      <tr>\n"
        f'        <td><a href="{entry_url}">{number}</a></td>\n'
        f'        <td><a href="{organization_url}">'
        f"{template_escape(organization.short_name)}</a><br>"
        f'<span class="meta">{labels["INN"]} {template_escape(organization.inn)} · '
        f"{template_escape(organization.get_org_type_display())}</span></td>\n"
        f'        <td data-label="{labels["Status"]}">'
        f"{template_escape(capfirst(entry.get_kind_display()))}{state}</td>\n"
        f'        <td data-label="{labels["Region"]}">'
        f"{template_escape(organization.region_name)}</td>\n"
        f'        <td data-label="{labels["Since"]}"><time datetime="'
        f'{template_escape(_date(entry.granted_on, "Y-m-d"))}">'
        f"{template_escape(_date(entry.granted_on, links['short_date']))}</time></td>\n"
        "      </tr>"
    )
