"""The register's rows, drawn in Python (issue 18).

The template language spends on each of the register's 20 rows two `{% url %}`s, three
`translate`s, two `date` filters and a dozen variable lookups: most of the page's rendering
(`scripts/profile_page.py`). This draws the same bytes (tests/status compare it with the loop
it replaces, in both languages, escaping included) with plain string work: the links reversed
as `{% url %}` reverses them, every value localized and escaped as a template does.
"""

from django import template
from django.template.defaultfilters import capfirst
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def register_rows(entries) -> str:
    """The `<tr>` of each register entry (a Status with its organization), each after the
    whitespace the template's loop put before it."""
    labels = {name: _escape(gettext(name)) for name in ("INN", "Status", "Region", "Since")}
    return mark_safe("".join(_row(entry, labels) for entry in entries))  # noqa: S308


def _row(entry, labels: dict) -> str:
    organization = entry.organization
    number = _escape(entry.register_number)
    entry_url = _escape(reverse("participation:entry", args=[entry.register_number]))
    organization_url = _escape(reverse("organizations:detail", args=[entry.organization_id]))
    state = ""
    if entry.state != "active":
        state = (
            f' <span class="badge status-{_escape(entry.state)}">'
            f"{_escape(entry.get_state_display())}</span>"
        )
    return (
        "\n      <tr>\n"
        f'        <td><a href="{entry_url}">{number}</a></td>\n'
        f'        <td><a href="{organization_url}">{_escape(organization.short_name)}</a><br>'
        f'<span class="meta">{labels["INN"]} {_escape(organization.inn)} · '
        f"{_escape(organization.get_org_type_display())}</span></td>\n"
        f'        <td data-label="{labels["Status"]}">'
        f"{_escape(capfirst(entry.get_kind_display()))}{state}</td>\n"
        f'        <td data-label="{labels["Region"]}">{_escape(organization.region_name)}</td>\n'
        f'        <td data-label="{labels["Since"]}"><time datetime="'
        f'{_escape(date_filter(entry.granted_on, "Y-m-d"))}">'
        f"{_escape(date_filter(entry.granted_on, 'SHORT_DATE_FORMAT'))}</time></td>\n"
        "      </tr>"
    )


def _escape(value) -> str:
    """A value as a template prints it: localized, then escaped."""
    return conditional_escape(localize(value))
