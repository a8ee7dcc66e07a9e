"""The filter panel's checkboxes (templates/includes/filter_panel.html), drawn in Python.

A catalogue's panel has a hundred checkboxes or more (the register's 106), and the template
language spends about eight variable lookups, two `slugify` and an `intcomma` on each: a tenth
of the register's CPU time (issue 18's profiles). This draws the same markup with plain string
work: each value escaped as the template would (core/markup.py), its id worked out once.
"""

from collections.abc import Callable
from functools import lru_cache

from django import template
from django.utils.formats import get_format, number_format
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language

from innocluster.core.markup import template_escape

register = template.Library()


@register.filter
def facet_options(facet) -> str:
    """The `<li>` of each value of a facet (core/facets.py `Facet`): its checkbox, label and
    count (none when the filters are not valid)."""
    name, grouped = template_escape(facet.name), _grouping()
    return mark_safe("".join(_option(name, value, grouped) for value in facet.values))  # noqa: S308


def _grouping():
    """`number_format(n, force_grouping=True)` (what `intcomma` wrote) for this call's
    language, its formats read once, not for each of a hundred counts (issue 18: a fifth of
    the directory page's rendering): Python's own grouping by threes for a whole number where
    the language groups by threes, Django's otherwise."""
    language = get_language()
    separator = get_format("THOUSAND_SEPARATOR", language)
    if get_format("NUMBER_GROUPING", language) != 3:
        return lambda count: number_format(count, force_grouping=True)
    return lambda count: (
        f"{count:,}".replace(",", separator)
        if type(count) is int
        else number_format(count, force_grouping=True)
    )


@lru_cache(maxsize=4096)
def _element_suffix(value: str) -> str:
    # A facet's values are few and the same on every page: slugify's regexes once per value.
    return template_escape(slugify(value))


def _option(name: str, value, grouped: Callable[[int], str]) -> str:
    element_id = f"facet-{name}-{_element_suffix(str(value.value))}"
    checked = " checked" if value.selected else ""
    count = ""
    if value.count is not None:
        count = f' <span class="count">{template_escape(grouped(value.count))}</span>'
    return (
        f'\n        <li><input type="checkbox" name="{name}" value="{template_escape(value.value)}"'
        f' id="{element_id}"{checked}>\n'
        f'          <label for="{element_id}">{template_escape(value.label)}{count}'
        "</label></li>\n      "
    )
