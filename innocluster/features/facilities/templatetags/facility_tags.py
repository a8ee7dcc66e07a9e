"""The facilities catalogue's cards, drawn in Python (issue 18).

A page of 30 cards cost the template language a `{% url %}`, a display lookup and a dozen
variable lookups each: a tenth of the catalogue's CPU (`scripts/profile_page.py`). This draws
the same bytes (tests/facilities compare it with the loop it replaces, in both languages,
escaping included) with plain string work: the link reversed once a page (core/markup.py).
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from innocluster.core.markup import reverser, template_escape

register = template.Library()


@register.simple_tag
def facility_cards(facilities) -> str:
    """The `<li>` of each facility, each after the whitespace the loop put before it; one
    saying nothing matches when there are none."""
    link = reverser("facilities:detail")
    cards = "".join(_card(facility, link) for facility in facilities)
    if not cards:
        cards = f"<li>{template_escape(gettext('Nothing matches these filters.'))}</li>"
    return mark_safe(cards)  # noqa: S308 - every value is escaped


def _card(facility, link) -> str:
    return (
        '\n    <li class="card">\n'
        f'      <a class="card-link" href="{template_escape(link(facility.pk))}">'
        f"{template_escape(facility.name)}</a>\n"
        f'      <p class="meta">{template_escape(facility.get_kind_display())} · '
        f"{template_escape(facility.region_name)}</p>\n"
        f'      <p class="meta">{template_escape(facility.address)}</p>\n'
        "    </li>\n  "
    )
