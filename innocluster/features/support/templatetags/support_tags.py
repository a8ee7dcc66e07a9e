"""Filters of the support pages, and their cards drawn in Python (issue 18).

The catalogue's cards (`measure_cards`) cost the template language, per measure, a `{% url %}`,
an include of the application windows and two `date` filters and two `is_open` calls per
window: with the page's header and footer, half of the catalogue's CPU (`scripts/
profile_page.py`). "Measures for me" included a card and its criteria's list per measure
(`eligibility_cards`, `eligibility_checks`; the measure's page draws the same list). These
draw the same bytes (tests/support compare them with the loops and the includes they replace,
in both languages, escaping included) with plain string work: links reversed and dates
formatted once a page (core/markup.py), today read once.
"""

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext

from innocluster.core.calendar import moscow_date
from innocluster.core.markup import date_formatter, reverser, template_escape

from ..choices import CostCategory, Origin

register = template.Library()

WINDOW_DATE = "j E Y"  # as the pages write a window's days


@register.filter
def cost_category(code: str) -> str:
    """The label of a cost category kept as its code (in a saved computation)."""
    return CostCategory(code).label if code in CostCategory.values else code


@register.filter
def origin(code: str) -> str:
    return Origin(code).label if code in Origin.values else code


@register.simple_tag
def measure_cards(measures) -> str:
    """The catalogue's `<article>` of each measure (support/includes/catalogue_results.html),
    each after the whitespace the loop put before it; a line saying nothing matches when there
    are none. Each measure's calls must be prefetched in order (selectors.catalogue_list)."""
    link, day, today = reverser("support:measure"), date_formatter(WINDOW_DATE), moscow_date()
    cards = "".join(_card(measure, link, _windows(measure, day, today)) for measure in measures)
    if not cards:
        cards = f"<p>{template_escape(gettext('Nothing matches these filters.'))}</p>"
    return mark_safe(cards)  # noqa: S308 - every value is escaped


def _card(measure, link, windows: str) -> str:
    return (
        '\n  <article class="card">\n'
        f'    <h2><a href="{template_escape(link(measure.pk))}">'
        f"{template_escape(measure.title)}</a></h2>\n"
        f'    <p class="meta">{template_escape(capfirst(str(measure.get_level_display())))} · '
        f"{template_escape(measure.provider)}</p>\n"
        f"    <p>{template_escape(measure.summary)}</p>\n"
        f"    {windows}\n"
        "  </article>\n  "
    )


def _windows(measure, day, today) -> str:
    """What support/includes/calls.html draws: the measure's application windows, the open
    ones marked, or that none is announced."""
    calls = measure.calls.all()
    if not calls:
        none = gettext("No application window is announced yet.")
        return f'<p class="meta">{template_escape(none)}</p>\n'
    opened = gettext("open now")
    spans = []
    for call in calls:
        is_open = call.is_open(today)
        days = f"{template_escape(day(call.opens_on))} – {template_escape(day(call.closes_on))}"
        if is_open:
            spans.append(
                f'<span class="badge status-approved">{days} · {template_escape(opened)}</span>'
            )
        else:
            spans.append(f"<span>{days}</span>")
    title = template_escape(gettext("Application windows:"))
    return f'<p class="meta">{title} {"; ".join(spans)}</p>\n'


@register.simple_tag(takes_context=True)
def eligibility_cards(context, found_list, apply: bool = False) -> str:
    """A card for each of "measures for me"'s `found_list` (Eligibility, of the context's
    `organization`): the measure, its criteria met or not (`eligibility_checks`) and, with
    `apply`, the button that starts an application."""
    link, day = reverser("support:measure"), date_formatter(WINDOW_DATE)
    button = _apply_button(context) if apply else None
    cards = "".join(_eligibility_card(found, link, day, button) for found in found_list)
    return mark_safe(cards)  # noqa: S308 - every value is escaped


def _eligibility_card(found, link, day, button) -> str:
    measure = found.measure
    summary = Truncator(str(measure.summary)).words(30, truncate=" …")
    form = button(measure) if button else ""
    return (
        '<article class="card">\n'
        f'  <h3><a href="{template_escape(link(measure.pk))}">{template_escape(measure.title)}</a>'
        "</h3>\n"
        f'  <p class="meta">{template_escape(summary)}</p>\n'
        f"  {_checks(found, day)}\n"
        f"  {form}\n"
        "</article>\n"
    )


def _apply_button(context):
    """measure -> the form that starts the context's `organization`'s application to it."""
    organization, token = context["organization"], CsrfTokenNode().render(context)
    label = template_escape(gettext("Start an application"))

    def button(measure) -> str:
        action = template_escape(reverse("support:apply", args=[measure.pk, organization.pk]))
        return (
            f'<form method="post" action="{action}" class="inline">{token}'
            f'<button type="submit" class="button">{label}</button></form>'
        )

    return button


@register.simple_tag
def eligibility_checks(found) -> str:
    """One organization against one measure (an Eligibility): each criterion met or not, with
    the step to take, and whether applications are accepted."""
    checks = _checks(found, date_formatter(WINDOW_DATE))
    return mark_safe(checks)  # noqa: S308 - every value is escaped


def _checks(found, day) -> str:
    met, unmet = template_escape(gettext("met:")), template_escape(gettext("not met:"))
    items = "".join(_check(check, met, unmet) for check in found.checks)
    return (
        f'\n<ul class="plain checks">\n  {items}\n'
        f'  <li class="{"met" if found.open_call else "unmet"}">'
        f'<span aria-hidden="true">{"✓" if found.open_call else "✗"}</span>\n'
        f"    {_window_line(found, day)}\n"
        "  </li>\n</ul>\n"
    )


def _check(check, met: str, unmet: str) -> str:
    detail = f' <span class="meta">({template_escape(check.detail)})</span>' if check.detail else ""
    step = ""
    if not check.met and check.step:
        step = f' — <a href="{template_escape(check.step_url)}">{template_escape(check.step)}</a>'
    return (
        f'\n  <li class="{"met" if check.met else "unmet"}">'
        f'<span aria-hidden="true">{"✓" if check.met else "✗"}</span>\n'
        f'    <span class="visually-hidden">{met if check.met else unmet}</span>\n'
        f"    {template_escape(check.requirement)}{detail}\n"
        f"    {step}\n"
        "  </li>\n  "
    )


def _window_line(found, day) -> str:
    """Until when applications are accepted, or when the next window opens (with the
    whitespace the template's branches left)."""
    if found.open_call:
        closes = template_escape(day(found.open_call.closes_on))
        return gettext("Applications are accepted until %(closes)s") % {"closes": closes} + "\n    "
    if found.next_call:
        opens = template_escape(day(found.next_call.opens_on))
        text = gettext("Applications are not accepted now; the next window opens on %(opens)s")
        return text % {"opens": opens} + "\n    "
    return template_escape(gettext("Applications are not accepted now"))
