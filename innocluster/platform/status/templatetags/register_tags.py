"""The register's rows, drawn in Python (issue 18).

The template language spends on each of the register's 20 rows two `{% url %}`s, three
`translate`s, two `date` filters and a dozen variable lookups: most of the page's rendering
(`scripts/profile_page.py`). This draws the same bytes (tests/status compare it with the loop
it replaces, in both languages, escaping included) with plain string work: the links reversed
as `{% url %}` reverses them, every value localized and escaped as a template does.
"""

from django import template
from django.template.defaultfilters import capfirst
from django.utils.formats import get_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from innocluster.core.markup import formatted, reverser, template_escape

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
        "entry": reverser("participation:entry"),
        "organization": reverser("organizations:detail"),
        "short_date": get_format("SHORT_DATE_FORMAT"),
    }
    return mark_safe("".join(_row(entry, labels, links) for entry in entries))  # noqa: S308


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
        f'{template_escape(formatted(entry.granted_on, "Y-m-d"))}">'
        f"{template_escape(formatted(entry.granted_on, links['short_date']))}</time></td>\n"
        "      </tr>"
    )
