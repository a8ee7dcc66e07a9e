"""The availability calendar of a resource: days of hourly slots in Moscow time.

One query for the bookings and one for the blackouts of the whole window, then the slots are
worked out in memory, so a week costs the same few queries as a day.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from .models import Blackout, Booking, Resource
from .services.engine import peak_overlap
from .timeutil import at_moscow

SLOT = dt.timedelta(hours=1)
MAX_DAYS = 31


@dataclass(frozen=True)
class Slot:
    starts_at: dt.datetime
    ends_at: dt.datetime
    state: str  # free, taken, past, blackout
    places_left: int


@dataclass(frozen=True)
class Day:
    date: dt.date
    opens: dt.time | None
    closes: dt.time | None
    slots: list[Slot]

    @property
    def is_open(self) -> bool:
        return bool(self.slots)


def availability(
    *, resource: Resource, first_day: dt.date, days: int, now: dt.datetime | None = None
) -> list[Day]:
    now = now or timezone.now()
    window_start = at_moscow(first_day, dt.time())
    window_end = at_moscow(first_day + dt.timedelta(days=days), dt.time())
    taken = list(
        Booking.objects.holding()
        .overlapping(resource_id=resource.pk, starts_at=window_start, ends_at=window_end)
        .values_list("starts_at", "ends_at")
    )
    closed = list(
        Blackout.objects.filter(facility_id=resource.facility_id)
        .filter(Q(resource__isnull=True) | Q(resource_id=resource.pk))
        .filter(starts_at__lt=window_end, ends_at__gt=window_start)
        .values_list("starts_at", "ends_at")
    )
    hours = _hours(resource)
    return [
        _day(resource, first_day + dt.timedelta(days=n), hours, taken, closed, now)
        for n in range(days)
    ]


def _hours(resource: Resource) -> dict[int, tuple[dt.time, dt.time | None]]:
    if resource.facility.open_around_the_clock:
        return {weekday: (dt.time(), None) for weekday in range(7)}
    return {h.weekday: (h.opens, h.closes) for h in resource.facility.hours.all()}


def _day(resource, day, hours, taken, closed, now) -> Day:
    if day.weekday() not in hours:
        return Day(day, None, None, [])
    opens, closes = hours[day.weekday()]
    start = at_moscow(day, opens)
    end = at_moscow(day, closes) if closes else at_moscow(day + dt.timedelta(days=1), dt.time())
    slots = []
    while start + SLOT <= end:
        slots.append(_slot(resource, start, start + SLOT, taken, closed, now))
        start += SLOT
    return Day(day, opens, closes, slots)


def _slot(resource, start, end, taken, closed, now) -> Slot:
    used, _busiest = peak_overlap([(s, e) for s, e in taken if s < end and e > start], start, end)
    left = max(resource.capacity - used, 0)
    if start < now:
        state = "past"
    elif any(s < end and e > start for s, e in closed):
        state = "blackout"
    else:
        state = "free" if left else "taken"
    return Slot(start, end, state, left)
