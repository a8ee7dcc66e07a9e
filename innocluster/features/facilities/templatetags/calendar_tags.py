"""A resource's week of slots, drawn in Python (issue 18).

The equipment page's calendar is a week of hourly slots (70–170 of them): the template language
spent on each a branch of `{% if %}`s, two or three `time` filters and a `translate`, most of
the page's CPU (`scripts/profile_page.py`). These tags draw the same bytes (tests/facilities
compare them with the loops they replace, in both languages) with plain string work: each
label translated once a page, each moment shown in the current time zone as a template shows it.
"""

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.safestring import mark_safe
from django.utils.timezone import get_current_timezone
from django.utils.translation import gettext, pgettext

from innocluster.core.markup import template_escape as _escape

register = template.Library()


@register.simple_tag
def day_tabs(days) -> str:
    """The phone's buttons, one a day, each after the whitespace the loop put before it."""
    return mark_safe(  # noqa: S308 (every value escaped)
        "".join(
            f'\n    <button type="button" data-day-tab aria-controls="calendar-day-{number}" '
            f'aria-pressed="false"><span>{_escape(date_filter(day.date, "D"))}</span> '
            f"{_escape(date_filter(day.date, 'd.m'))}</button>"
            for number, day in enumerate(days, start=1)
        )
    )


@register.simple_tag
def calendar_days(days, resource) -> str:
    """Each day's column of slots (availability.Day), or «Closed»."""
    labels = {
        "free": _escape(pgettext("a slot one may book", "open")),
        "taken": _escape(gettext("taken")),
        "blackout": _escape(gettext("closed")),
        "closed": _escape(gettext("Closed")),
    }
    places = resource.capacity > 1
    zone = get_current_timezone()
    return mark_safe(  # noqa: S308 (every value escaped)
        "".join(_day(number, day, labels, places, zone) for number, day in enumerate(days, start=1))
    )


def _day(number: int, day, labels: dict, places: bool, zone) -> str:
    if day.is_open:
        iso = _escape(date_filter(day.date, "Y-m-d"))
        slots = "".join(_slot(slot, iso, labels, places, zone) for slot in day.slots)
        body = f"<ul>{slots}</ul>"
    else:
        body = f'<p class="meta">{labels["closed"]}</p>'
    return (
        f'\n    <div class="day" id="calendar-day-{number}">'
        f"<h3>{_escape(date_filter(day.date, 'D d.m'))}</h3>\n      {body}\n    </div>"
    )


def _slot(slot, iso: str, labels: dict, places: bool, zone) -> str:
    start = _time(slot.starts_at, zone)
    if slot.state == "free":
        left = f" ({_escape(slot.places_left)})" if places else ""
        shown = (
            f'<button type="button" class="slot free" data-slot-day="{iso}" '
            f'data-slot-start="{start}" data-slot-end="{_time(slot.ends_at, zone)}">'
            f"{start} {labels['free']}{left}</button>\n        "
        )
    elif slot.state in ("taken", "blackout"):
        shown = f'<span class="slot {slot.state}">{start} {labels[slot.state]}</span>\n        '
    else:
        shown = f'<span class="slot past">{start}</span>'
    return f"<li>\n        {shown}\n      </li>"


def _time(moment, zone) -> str:
    """`{{ moment|time:"H:i" }}` of an aware moment (the slots'): in the current time zone
    `zone`, as a template converts it."""
    return moment.astimezone(zone).strftime("%H:%M")
