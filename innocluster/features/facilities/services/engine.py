"""The one booking engine's core: hold a slot of a resource, never beyond its capacity.

Rooms, machines, desk pools and class seats all come here. Two ways to the same guarantee:

- A single unit (a room, a machine): an overlap check for a clear message, then the insert.
  On PostgreSQL two racing inserts cannot both land: the exclusion constraint (migration 0002)
  makes the second wait for the first and fail; that failure becomes the same 409.
- A pool of N (desks, class seats): the resource row is locked (SELECT … FOR UPDATE) and the
  peak number of overlapping bookings counted; below N, the insert happens under the lock.

On SQLite every transaction starts IMMEDIATE (settings), taking the database's write lock at
BEGIN, so the check and the insert of one booking never interleave with another's.
"""

import datetime as dt

from django.db import IntegrityError, OperationalError, transaction
from django.utils.translation import gettext as _

from innocluster.core.errors import Conflict

from ..errors import FacilityErrorCode
from ..models import NO_OVERLAP_CONSTRAINT, Booking, Resource
from ..timeutil import moscow, slot_text

DEADLOCK_DETECTED = "40P01"  # PostgreSQL's SQLSTATE
DEADLOCK_RETRIES = 5


def hold(
    *, resource: Resource, user, starts_at: dt.datetime, ends_at: dt.datetime, status: str, **fields
) -> Booking:
    """Insert a booking of [starts_at, ends_at) in `status` (a holding one), or raise Conflict
    (409, code "slot_taken") naming the slot that is taken. Nothing is written on refusal."""
    booking = Booking(
        resource=resource,
        user=user,
        starts_at=starts_at,
        ends_at=ends_at,
        status=status,
        exclusive=resource.is_exclusive,
        **fields,
    )
    with transaction.atomic():
        if resource.is_exclusive:
            _insert_exclusive(booking)
        else:
            _insert_in_pool(booking)
    return booking


def _insert_exclusive(booking: Booking) -> None:
    """Check, then insert. Two transactions inserting overlapping rows at the same moment can
    each find the other's row in the constraint's index and wait for it: PostgreSQL breaks
    that two-way wait (after deadlock_timeout, 1 s by default) by failing one of them. The
    failed one looks again: the other's booking now stands in its way, or it tries again."""
    for _attempt in range(DEADLOCK_RETRIES):
        _refuse_if_taken(booking)
        try:
            with transaction.atomic():  # a savepoint: the outer transaction survives a refusal
                booking.save(force_insert=True)
            return
        except IntegrityError as error:
            if _constraint_of(error) != NO_OVERLAP_CONSTRAINT:
                raise
            # Another transaction took the slot between our check and our insert, and committed.
            _refuse_if_taken(booking)
            raise _taken(booking.resource, booking.starts_at, booking.ends_at) from None
        except OperationalError as error:
            if _sqlstate(error) != DEADLOCK_DETECTED:
                raise
    raise Conflict(
        _("Many people are booking %(resource)s right now. Try again in a moment.")
        % {"resource": booking.resource},
        code=FacilityErrorCode.SLOT_BUSY,
    )


def _refuse_if_taken(booking: Booking) -> None:
    other = (
        Booking.objects.holding()
        .overlapping(
            resource_id=booking.resource_id, starts_at=booking.starts_at, ends_at=booking.ends_at
        )
        .order_by("starts_at")
        .values_list("starts_at", "ends_at")
        .first()
    )
    if other:
        raise _taken(booking.resource, *other)


def _insert_in_pool(booking: Booking) -> None:
    capacity = (
        Resource.objects.select_for_update()
        .filter(pk=booking.resource_id)
        .values_list("capacity", flat=True)
        .get()
    )
    taken = (
        Booking.objects.holding()
        .overlapping(
            resource_id=booking.resource_id, starts_at=booking.starts_at, ends_at=booking.ends_at
        )
        .values_list("starts_at", "ends_at")
    )
    count, busiest = peak_overlap(list(taken), booking.starts_at, booking.ends_at)
    if count >= capacity:
        raise Conflict(
            _("All %(places)s places of %(resource)s are taken on %(slot)s (Moscow time).")
            % {"places": capacity, "resource": booking.resource, "slot": slot_text(*busiest)},
            code=FacilityErrorCode.SLOT_TAKEN,
            extra=_conflict_extra(*busiest),
        )
    booking.save(force_insert=True)


def peak_overlap(intervals, starts_at, ends_at) -> tuple[int, tuple[dt.datetime, dt.datetime]]:
    """The largest number of `intervals` in force at once within [starts_at, ends_at), and the
    first stretch where that many are in force."""
    events = []
    for start, end in intervals:
        events.append((max(start, starts_at), 1))
        events.append((min(end, ends_at), -1))
    events.sort(key=lambda event: (event[0], event[1]))  # an end before a start at one moment
    count = best = 0
    busiest = (starts_at, ends_at)
    for index, (moment, step) in enumerate(events):
        count += step
        if count > best:
            best = count
            following = events[index + 1][0] if index + 1 < len(events) else ends_at
            busiest = (moment, following)
    return best, busiest


def _taken(resource, starts_at, ends_at) -> Conflict:
    return Conflict(
        _("%(resource)s is already booked on %(slot)s (Moscow time). Choose another time.")
        % {"resource": resource, "slot": slot_text(starts_at, ends_at)},
        code=FacilityErrorCode.SLOT_TAKEN,
        extra=_conflict_extra(starts_at, ends_at),
    )


def _conflict_extra(starts_at, ends_at) -> dict:
    """The taken slot, in Moscow time like the message, for clients to show or skip."""
    return {
        "conflict": {
            "starts_at": moscow(starts_at).isoformat(),
            "ends_at": moscow(ends_at).isoformat(),
        }
    }


def _sqlstate(error: Exception) -> str | None:
    return getattr(error.__cause__, "sqlstate", None)


def _constraint_of(error: IntegrityError) -> str | None:
    diag = getattr(error.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None)
