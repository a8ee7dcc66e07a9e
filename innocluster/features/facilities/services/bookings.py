"""Bookings of resources: make (once or weekly), cancel, approve, decline, remind.

Every service runs in one transaction: the rule checks, the engine's hold, the audit record
and the notifications commit together or not at all.
"""

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.audit import audit_record, register_actions
from innocluster.core.errors import Conflict, NotFound

from .. import notifications as notify
from .. import pricing, rules
from ..choices import BOOKING_TRANSITIONS, BookingStatus, ResourceKind
from ..errors import FacilityErrorCode
from ..models import Booking, Resource
from ..permissions import can_operate, operators_of, require_operator
from ..timeutil import slot_text
from . import engine

# The history pages' words for what this module records (core.audit).
register_actions(
    {
        "booking.pending": gettext_lazy("asked to book"),
        "booking.confirmed": gettext_lazy("confirmed a booking"),
        "booking.declined": gettext_lazy("declined a booking"),
        "booking.cancelled": gettext_lazy("cancelled a booking"),
    }
)

WEEK = dt.timedelta(weeks=1)


def booking_create(
    *,
    resource: Resource,
    user,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    purpose: str = "",
    repeat_weeks: int = 1,
) -> list[Booking]:
    """Book a slot, or the same slot `repeat_weeks` weeks in a row (all or none).

    Every occurrence keeps the resource's rules (a 400 naming the rule) and finds its slot
    free (a 409 naming the slot taken). Instant resources confirm at once; the others wait
    for the operator, holding the slot meanwhile. Returns the bookings in time order.
    """
    rules.check_repeat(repeat_weeks)
    resource = _fresh(resource)
    rules.check_bookable(resource)
    now = timezone.now()
    slots = [(starts_at + k * WEEK, ends_at + k * WEEK) for k in range(repeat_weeks)]
    for start, end in slots:
        rules.check_slot(resource=resource, starts_at=start, ends_at=end, now=now)
    status = BookingStatus.PENDING if resource.needs_approval else BookingStatus.CONFIRMED
    series = uuid.uuid4() if repeat_weeks > 1 else None
    with transaction.atomic():
        bookings = [
            _hold(resource, user, start, end, status, purpose, series) for start, end in slots
        ]
        _announce(bookings)
    return bookings


def _fresh(resource: Resource) -> Resource:
    return (
        Resource.objects.select_related("facility__organization")
        .prefetch_related("facility__hours")
        .get(pk=resource.pk)
    )


def _hold(resource, user, start, end, status, purpose, series) -> Booking:
    price = pricing.quote(resource=resource, starts_at=start, ends_at=end)
    booking = engine.hold(
        resource=resource,
        user=user,
        starts_at=start,
        ends_at=end,
        status=status,
        purpose=purpose,
        series=series,
        price_net=price.net,
        vat=price.vat,
        price_total=price.total,
    )
    audit_record(
        actor=user,
        action=f"booking.{status}",
        target=booking,
        organization=resource.facility.organization,
        changes={"resource": resource.pk, "slot": slot_text(start, end)},
    )
    return booking


def _announce(bookings: list[Booking]) -> None:
    first = bookings[0]
    context = _context(first, extra=len(bookings))
    if first.status == BookingStatus.CONFIRMED:
        notify.send(
            recipients=[first.user],
            kind=notify.BOOKING_CONFIRMED,
            context=context,
            url=notify.url("facilities:my_bookings"),
        )
    else:
        facility = first.resource.facility
        notify.send(
            recipients=operators_of(facility.organization),
            kind=notify.BOOKING_REQUESTED,
            context=context,
            url=notify.url("facilities:schedule", pk=facility.pk),
        )


def _context(booking: Booking, *, extra: int = 1, note: str = "") -> dict:
    slot = slot_text(booking.starts_at, booking.ends_at)
    if extra > 1:
        slot = _("%(slot)s and weekly, %(count)s times") % {"slot": slot, "count": extra}
    facility = booking.resource.facility
    return {
        "resource": booking.resource.name,
        "facility": facility.name,
        "address": facility.address,
        "slot": slot,
        "person": booking.user.full_name or booking.user.email,
        "note": note,
    }


def _locked(booking: Booking) -> Booking:
    return (
        Booking.objects.select_for_update(of=("self",))
        .select_related("resource__facility__organization", "user")
        .get(pk=booking.pk)
    )


def _move(booking: Booking, status: str, actor, **fields) -> Booking:
    """One transition of the state machine, on a locked row; 409 if the state moved on."""
    if status not in BOOKING_TRANSITIONS[booking.status]:
        raise Conflict(
            _("This booking is %(status)s and can no longer be changed that way.")
            % {"status": booking.get_status_display()},
            code=FacilityErrorCode.BOOKING_STATE,
        )
    booking.status = status
    for name, value in fields.items():
        setattr(booking, name, value)
    booking.save(update_fields=["status", *fields])
    audit_record(
        actor=actor,
        action=f"booking.{status}",
        target=booking,
        organization=booking.resource.facility.organization,
        changes={"slot": slot_text(booking.starts_at, booking.ends_at), **_plain(fields)},
    )
    return booking


def _plain(fields: dict) -> dict:
    return {k: v for k, v in fields.items() if isinstance(v, str) and v}


@transaction.atomic
def booking_cancel(*, booking: Booking, actor, note: str = "") -> Booking:
    """Cancel a booking: its holder until `cancel_hours` before the start, its operator at any
    time before the end. Others get 404, as if the booking did not exist. The slot frees."""
    booking = _locked(booking)
    if booking.resource.kind == ResourceKind.CLASS_SEATS:
        raise ValidationError(
            _("A seat in a class is given up by cancelling the enrolment."),
            code=FacilityErrorCode.CLASS_SEATS,
        )
    organization = booking.resource.facility.organization
    operator = can_operate(user=actor, organization=organization)
    if booking.user_id != actor.pk and not operator:
        raise NotFound(_("Booking not found."))
    now = timezone.now()
    if booking.ends_at <= now:
        raise Conflict(
            _("This booking is over and cannot be cancelled."), code=FacilityErrorCode.BOOKING_OVER
        )
    deadline = booking.starts_at - dt.timedelta(hours=booking.resource.cancel_hours)
    if (
        booking.user_id == actor.pk
        and not operator
        and now > deadline
        and booking.status == BookingStatus.CONFIRMED
    ):
        raise Conflict(
            _("A booking of %(resource)s can be cancelled until %(hours)s hours before its start.")
            % {"resource": booking.resource, "hours": booking.resource.cancel_hours},
            code=FacilityErrorCode.TOO_LATE_TO_CANCEL,
        )
    _move(booking, BookingStatus.CANCELLED, actor, cancelled_at=now, note=note[:500])
    recipient = booking.user if actor.pk != booking.user_id else None
    notify.send(
        recipients=[recipient],
        kind=notify.BOOKING_CANCELLED,
        context=_context(booking, note=note),
        url=notify.url("facilities:my_bookings"),
    )
    return booking


@transaction.atomic
def booking_decide(*, booking: Booking, actor, approve: bool, note: str = "") -> Booking:
    """The operator approves (the held slot becomes the person's) or declines (the slot frees)
    a pending booking. 404 for anyone who does not run the facility; 409 if already decided."""
    booking = _locked(booking)
    require_operator(
        user=actor,
        organization=booking.resource.facility.organization,
        what=_("Booking not found."),
    )
    status = BookingStatus.CONFIRMED if approve else BookingStatus.DECLINED
    _move(booking, status, actor, decided_at=timezone.now(), decided_by=actor, note=note[:500])
    kind = notify.BOOKING_CONFIRMED if approve else notify.BOOKING_DECLINED
    notify.send(
        recipients=[booking.user],
        kind=kind,
        context=_context(booking, note=note),
        url=notify.url("facilities:my_bookings"),
    )
    return booking


def booking_remind_due(*, now: dt.datetime | None = None, until: dt.datetime) -> int:
    """Remind the holders of confirmed bookings that start between now and `until`, once each.
    Returns how many were reminded."""
    now = now or timezone.now()
    # A class seat is a booking for a whole term, not a slot to remind of: its parent hears
    # from the class, and "My bookings" (where the reminder points) does not list it.
    due = (
        Booking.objects.filter(
            status=BookingStatus.CONFIRMED,
            reminded_at__isnull=True,
            starts_at__gt=now,
            starts_at__lte=until,
        )
        .exclude(resource__kind=ResourceKind.CLASS_SEATS)
        .values_list("pk", flat=True)
    )
    count = 0
    for pk in list(due):
        with transaction.atomic():
            booking = _locked(Booking(pk=pk))
            if booking.reminded_at or booking.status != BookingStatus.CONFIRMED:
                continue
            booking.reminded_at = now
            booking.save(update_fields=["reminded_at"])
            notify.send(
                recipients=[booking.user],
                kind=notify.BOOKING_REMINDER,
                context=_context(booking),
                url=notify.url("facilities:my_bookings"),
            )
            count += 1
    return count
