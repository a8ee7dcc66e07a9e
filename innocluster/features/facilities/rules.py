"""The rules a booking of a resource must keep, each refusal a clear message on its field.

Pure checks on the resource, its facility and the slot; they read blackouts and opening hours
and write nothing. Times are judged in Moscow, where the facilities are.
"""

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext as _

from .errors import FacilityErrorCode as Code
from .errors import refused
from .models import Blackout, Resource
from .timeutil import at_moscow, moscow, slot_text

MAX_REPEAT_WEEKS = 26


def check_slot(
    *, resource: Resource, starts_at: dt.datetime, ends_at: dt.datetime, now: dt.datetime
) -> None:
    """ValidationError naming the first rule the slot breaks; nothing when it keeps them all."""
    if ends_at <= starts_at:
        raise refused("ends_at", _("The end must be after the start."), Code.RANGE_INVERTED)
    if starts_at < now:
        raise refused("starts_at", _("The start is in the past."), Code.SLOT_IN_PAST)
    _check_horizon(resource, starts_at, now)
    _check_duration(resource, ends_at - starts_at)
    _check_opening_hours(resource, starts_at, ends_at)
    _check_blackouts(resource, starts_at, ends_at)


def _check_horizon(resource: Resource, starts_at, now) -> None:
    last = now + dt.timedelta(days=resource.horizon_days)
    if starts_at > last:
        message = _("%(resource)s can be booked at most %(days)s days ahead, until %(last)s.") % {
            "resource": resource,
            "days": resource.horizon_days,
            "last": f"{moscow(last):%d.%m.%Y}",
        }
        raise refused("starts_at", message, Code.BEYOND_HORIZON)


def _check_duration(resource: Resource, length: dt.timedelta) -> None:
    minutes = length.total_seconds() / 60
    if minutes < resource.min_minutes or minutes > resource.max_minutes:
        message = _(
            "A booking of %(resource)s lasts from %(min)s to %(max)s minutes; "
            "this one lasts %(length)s."
        ) % {
            "resource": resource,
            "min": resource.min_minutes,
            "max": resource.max_minutes,
            "length": f"{minutes:g}",
        }
        raise refused("ends_at", message, Code.BOOKING_LENGTH)


def _check_opening_hours(resource: Resource, starts_at, ends_at) -> None:
    facility = resource.facility
    if facility.open_around_the_clock:
        return
    start, end = moscow(starts_at), moscow(ends_at)
    hours = {h.weekday: h for h in facility.hours.all()}
    today = hours.get(start.weekday())
    fits = (
        today is not None
        and start.time() >= today.opens
        and ends_at <= at_moscow(start.date(), today.closes)
    )
    if not fits:
        opening = (
            _("on that day it is open %(opens)s–%(closes)s")
            % {"opens": f"{today.opens:%H:%M}", "closes": f"{today.closes:%H:%M}"}
            if today
            else _("it is closed on that day")
        )
        message = _("%(slot)s is outside the opening hours of %(facility)s: %(opening)s.") % {
            "slot": slot_text(start, end),
            "facility": facility,
            "opening": opening,
        }
        raise refused("starts_at", message, Code.OUTSIDE_OPENING_HOURS)


def _check_blackouts(resource: Resource, starts_at, ends_at) -> None:
    blackout = (
        Blackout.objects.filter(facility_id=resource.facility_id)
        .filter(Q(resource__isnull=True) | Q(resource_id=resource.pk))
        .filter(starts_at__lt=ends_at, ends_at__gt=starts_at)
        .first()
    )
    if blackout:
        message = _("%(resource)s cannot be booked on %(slot)s: %(reason)s.") % {
            "resource": resource,
            "slot": slot_text(blackout.starts_at, blackout.ends_at),
            "reason": blackout.reason,
        }
        raise refused("starts_at", message, Code.CLOSED_PERIOD)


def check_bookable(resource: Resource) -> None:
    if not (resource.is_active and resource.facility.is_published):
        message = _("This resource is not open for booking.")
        raise refused("resource", message, Code.NOT_BOOKABLE)


def check_repeat(weeks: int) -> None:
    if not 1 <= weeks <= MAX_REPEAT_WEEKS:
        message = _("Repeat for 1 to %(max)s weeks.") % {"max": MAX_REPEAT_WEEKS}
        # Django's own codes, as an IntegerField with these limits would give them.
        raise refused("repeat_weeks", message, "min_value" if weeks < 1 else "max_value")
