"""The booking engine through its services: book, the rules, cancel, approve, repeat, remind."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from innocluster.core.calendar import moscow_date
from innocluster.core.errors import Conflict, NotFound, codes_by_field
from innocluster.features.facilities import services
from innocluster.features.facilities.errors import FacilityErrorCode as Code
from innocluster.features.facilities.models import Booking
from innocluster.features.facilities.services import engine
from innocluster.features.facilities.timeutil import at_moscow, moscow
from innocluster.platform.notifications.models import Notification
from tests.factories import UserFactory, member_of

from .helpers import make_resource, slot

pytestmark = pytest.mark.django_db


def book(resource, user, when=None, **kwargs):
    starts_at, ends_at = when or slot()
    return services.booking_create(
        resource=resource, user=user, starts_at=starts_at, ends_at=ends_at, **kwargs
    )


def test_an_instant_booking_is_confirmed_priced_and_notified(facility, operator, notified):
    resource = make_resource(
        facility, operator, price_unit="hour", price=Decimal("1500.00"), vat_rate="22"
    )
    person = UserFactory()
    [booking] = book(resource, person, slot(start=10, end=12))  # two hours
    assert booking.status == "confirmed"
    assert (booking.price_net, booking.vat, booking.price_total) == (
        Decimal("3000.00"),
        Decimal("660.00"),
        Decimal("3660.00"),
    )
    assert notified[0][:2] == ("facilities.booking_confirmed", [person.email])
    assert Notification.objects.filter(recipient=person).count() == 1


def test_a_daily_price_counts_every_started_day(facility, operator):
    resource = make_resource(
        facility,
        operator,
        price_unit="day",
        price=Decimal("999.99"),
        vat_rate="none",
        max_minutes=600,
    )
    [booking] = book(resource, UserFactory(), slot(start=9, end=19))
    assert booking.price_total == Decimal("999.99") and booking.vat == 0


def test_an_overlapping_booking_is_refused_naming_the_slot(room):
    book(room, UserFactory(), slot(start=10, end=12))
    with pytest.raises(Conflict) as refused:
        book(room, UserFactory(), slot(start=11, end=13))
    assert refused.value.code == Code.SLOT_TAKEN
    assert taken(refused.value) == ("10:00", "12:00")
    assert refused.value.extra["conflict"]["starts_at"].endswith("T10:00:00+03:00")
    assert Booking.objects.count() == 1


def taken(conflict: Conflict) -> tuple[str, str]:
    """The slot a Conflict names as taken, from its `conflict` member: (HH:MM, HH:MM) Moscow."""
    slot = conflict.extra["conflict"]
    return slot["starts_at"][11:16], slot["ends_at"][11:16]


def test_touching_slots_do_not_overlap(room):
    book(room, UserFactory(), slot(start=10, end=11))
    book(room, UserFactory(), slot(start=11, end=12))
    assert Booking.objects.count() == 2


def test_a_pool_takes_n_overlapping_bookings_and_counts_the_peak(facility, operator):
    pool = make_resource(facility, operator, kind="desk_pool", capacity=2, name="Столы")
    book(pool, UserFactory(), slot(start=9, end=10))
    book(pool, UserFactory(), slot(start=10, end=11))
    book(pool, UserFactory(), slot(start=9, end=11))  # at most two at any moment
    with pytest.raises(Conflict) as refused:
        book(pool, UserFactory(), slot(start=9, end=11))
    assert refused.value.code == Code.SLOT_TAKEN
    assert taken(refused.value) == ("09:00", "10:00")


def test_peak_overlap_finds_the_busiest_stretch():
    t = [timezone.now() + dt.timedelta(hours=h) for h in range(6)]
    count, busiest = engine.peak_overlap([(t[0], t[2]), (t[1], t[3]), (t[2], t[4])], t[0], t[5])
    assert count == 2 and busiest == (t[1], t[2])


def test_cancelled_and_declined_bookings_free_the_slot(room):
    person = UserFactory()
    [booking] = book(room, person)
    services.booking_cancel(booking=booking, actor=person)
    [again] = book(room, UserFactory())
    assert again.status == "confirmed"


class TestApproval:
    @pytest.fixture
    def lab(self, facility, operator):
        return make_resource(
            facility, operator, kind="equipment", name="Фрезер DMG", booking_mode="approval"
        )

    def test_an_approval_booking_waits_holding_its_slot(self, lab, operator, notified):
        [booking] = book(lab, UserFactory())
        assert booking.status == "pending"
        assert notified[-1][:2] == ("facilities.booking_requested", [operator.email])
        with pytest.raises(Conflict):
            book(lab, UserFactory())

    def test_the_operator_approves_and_the_person_is_told(self, lab, operator, notified):
        person = UserFactory()
        [booking] = book(lab, person)
        booking = services.booking_decide(booking=booking, actor=operator, approve=True)
        assert booking.status == "confirmed" and booking.decided_by == operator
        assert notified[-1][:2] == ("facilities.booking_confirmed", [person.email])
        with pytest.raises(Conflict):  # decided once, not twice
            services.booking_decide(booking=booking, actor=operator, approve=False)

    def test_a_decline_frees_the_slot(self, lab, operator, notified):
        [booking] = book(lab, UserFactory())
        services.booking_decide(booking=booking, actor=operator, approve=False, note="Ремонт")
        assert notified[-1][0] == "facilities.booking_declined"
        assert book(lab, UserFactory())[0].status == "pending"

    def test_only_the_operators_decide(self, lab, facility):
        [booking] = book(lab, UserFactory())
        viewer = member_of(facility.organization, "viewer")
        for outsider in (UserFactory(), viewer, booking.user):
            with pytest.raises(NotFound):
                services.booking_decide(booking=booking, actor=outsider, approve=True)
        booking.refresh_from_db()
        assert booking.status == "pending"


class TestCancel:
    def test_another_persons_booking_cannot_be_cancelled(self, room):
        [booking] = book(room, UserFactory())
        with pytest.raises(NotFound):
            services.booking_cancel(booking=booking, actor=UserFactory())
        booking.refresh_from_db()
        assert booking.status == "confirmed"

    def test_too_late_to_cancel_by_the_rules(self, facility, operator):
        resource = make_resource(facility, operator, cancel_hours=48)
        person = UserFactory()
        [booking] = book(resource, person, slot(days_ahead=1))
        with pytest.raises(Conflict) as refused:
            services.booking_cancel(booking=booking, actor=person)
        assert refused.value.code == Code.TOO_LATE_TO_CANCEL
        # the operator still can, and the person is told
        services.booking_cancel(booking=booking, actor=operator, note="Авария")
        booking.refresh_from_db()
        assert booking.status == "cancelled"

    def test_a_cancelled_booking_is_not_cancelled_twice(self, room):
        person = UserFactory()
        [booking] = book(room, person)
        services.booking_cancel(booking=booking, actor=person)
        with pytest.raises(Conflict):
            services.booking_cancel(booking=booking, actor=person)


class TestWeekly:
    def test_a_weekly_series_books_every_week(self, room):
        bookings = book(room, UserFactory(), repeat_weeks=4)
        assert len(bookings) == 4 and len({b.series for b in bookings}) == 1
        gaps = {b.starts_at - a.starts_at for a, b in zip(bookings, bookings[1:], strict=False)}
        assert gaps == {dt.timedelta(weeks=1)}

    def test_one_taken_week_refuses_the_whole_series(self, room):
        starts_at, ends_at = slot()
        week = dt.timedelta(weeks=2)
        book(room, UserFactory(), (starts_at + week, ends_at + week))
        with pytest.raises(Conflict) as refused:
            book(room, UserFactory(), (starts_at, ends_at), repeat_weeks=4)
        assert refused.value.extra["conflict"]["starts_at"] == moscow(starts_at + week).isoformat()
        assert Booking.objects.count() == 1

    def test_a_series_beyond_the_horizon_is_refused(self, room):
        with pytest.raises(ValidationError) as refused:
            book(room, UserFactory(), repeat_weeks=26)
        assert codes_by_field(refused.value) == {"starts_at": [Code.BEYOND_HORIZON]}
        assert Booking.objects.count() == 0


class TestRules:
    def check(self, resource, when, field, code):
        with pytest.raises(ValidationError) as refused:
            book(resource, UserFactory(), when)
        assert codes_by_field(refused.value) == {field: [code]}, refused.value.messages
        assert Booking.objects.count() == 0

    def test_end_before_start(self, room):
        starts_at, ends_at = slot()
        self.check(room, (ends_at, starts_at), "ends_at", Code.RANGE_INVERTED)

    def test_in_the_past(self, room):
        self.check(room, slot(days_ahead=-1), "starts_at", Code.SLOT_IN_PAST)

    def test_too_far_ahead(self, room):
        self.check(room, slot(days_ahead=90), "starts_at", Code.BEYOND_HORIZON)

    def test_too_short_and_too_long(self, facility, operator):
        resource = make_resource(facility, operator, min_minutes=60, max_minutes=120)
        starts_at, _ = slot(start=10)
        too_short = (starts_at, starts_at + dt.timedelta(minutes=30))
        self.check(resource, too_short, "ends_at", Code.BOOKING_LENGTH)
        self.check(resource, slot(start=10, end=14), "ends_at", Code.BOOKING_LENGTH)

    def test_outside_opening_hours(self, room):
        self.check(room, slot(start=21, end=23), "starts_at", Code.OUTSIDE_OPENING_HOURS)
        self.check(room, slot(start=6, end=9), "starts_at", Code.OUTSIDE_OPENING_HOURS)

    def test_a_closed_day(self, facility, operator, room):
        starts_at, ends_at = slot()
        services.facility_update(
            facility=facility,
            actor=operator,
            hours={d: (dt.time(9), dt.time(18)) for d in range(7) if d != starts_at.weekday()},
        )
        self.check(room, (starts_at, ends_at), "starts_at", Code.OUTSIDE_OPENING_HOURS)

    def test_in_a_blackout(self, facility, operator, room):
        starts_at, ends_at = slot()
        services.blackout_create(
            facility=facility,
            actor=operator,
            resource=room,
            starts_at=starts_at - dt.timedelta(hours=1),
            ends_at=ends_at,
            reason="Санитарный день",
        )
        self.check(room, (starts_at, ends_at), "starts_at", Code.CLOSED_PERIOD)

    def test_a_facility_wide_blackout_closes_every_resource(self, facility, operator, room):
        starts_at, ends_at = slot()
        services.blackout_create(
            facility=facility,
            actor=operator,
            starts_at=starts_at,
            ends_at=ends_at + dt.timedelta(days=1),
            reason="Переезд",
        )
        self.check(room, (starts_at, ends_at), "starts_at", Code.CLOSED_PERIOD)

    def test_an_inactive_resource(self, operator, room):
        services.resource_update(resource=room, actor=operator, is_active=False)
        self.check(room, slot(), "resource", Code.NOT_BOOKABLE)

    def test_around_the_clock_allows_night_slots(self, facility, operator, room):
        services.facility_update(facility=facility, actor=operator, open_around_the_clock=True)
        [booking] = book(room, UserFactory(), slot(start=1, end=3))
        assert booking.status == "confirmed"


def test_reminders_go_once_to_bookings_starting_soon(room, notified):
    soon, later = UserFactory(), UserFactory()
    book(room, soon, slot(days_ahead=1))
    book(room, later, slot(days_ahead=5))
    until = timezone.now() + dt.timedelta(days=2)
    assert services.booking_remind_due(until=until) == 1
    assert services.booking_remind_due(until=until) == 0
    assert [n[1] for n in notified if n[0] == "facilities.booking_reminder"] == [[soon.email]]


def test_the_daily_reminder_job_is_scheduled():
    from innocluster.core.schedule import jobs

    assert "facilities.booking_reminders" in [job.name for job in jobs()]


def test_the_scheduler_sends_the_reminders_at_nine_once_a_day(room, notified):
    """The daily job end to end: the scheduler's pass at 09:00 Moscow enqueues it (the tests'
    tasks run at once), tomorrow's booking is reminded, and a second pass that day is idle."""
    from innocluster.core.schedule import run_due

    person = UserFactory()
    book(room, person, slot(days_ahead=1))
    nine = at_moscow(moscow_date(), dt.time(9, 1))
    assert "facilities.booking_reminders" in run_due(now=nine)
    assert "facilities.booking_reminders" not in run_due(now=nine + dt.timedelta(hours=1))
    reminders = [n for n in notified if n[0] == "facilities.booking_reminder"]
    assert [n[1] for n in reminders] == [[person.email]]


def test_class_seats_are_not_reminded_as_bookings(facility, operator, notified):
    """A class seat is a booking of the whole term; its parent must not get a "booking"
    reminder pointing at "My bookings", which does not list it."""
    start = moscow_date() + dt.timedelta(days=1)
    course = services.course_create(
        facility=facility,
        actor=operator,
        seats=2,
        title="Физика",
        subject="physics",
        age_min=10,
        age_max=14,
        schedule="ср 15:00",
        starts_on=start,
        ends_on=start + dt.timedelta(days=30),
    )
    services.enrolment_create(
        course=course,
        parent=UserFactory(),
        child_name="Лёва",
        child_birth_date=start.replace(year=start.year - 12),
        guardian_consent=True,
    )
    assert services.booking_remind_due(until=timezone.now() + dt.timedelta(days=3)) == 0
    assert not [n for n in notified if n[0] == "facilities.booking_reminder"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own constraint")
class TestExclusionConstraint:
    def test_the_database_refuses_an_overlapping_row(self, room):
        [booking] = book(room, UserFactory(), slot(start=10, end=12))
        overlap = pytest.raises(IntegrityError, match="facilities_booking_no_overlap")
        with overlap, transaction.atomic():
            Booking.objects.create(
                resource=room,
                user=booking.user,
                status="confirmed",
                starts_at=booking.starts_at + dt.timedelta(hours=1),
                ends_at=booking.ends_at + dt.timedelta(hours=1),
            )

    def test_a_race_past_the_check_still_ends_in_a_409(self, room, monkeypatch):
        """When another transaction commits between the check and the insert, the constraint
        refuses the insert and the engine reports the slot it lost to."""
        [booking] = book(room, UserFactory(), slot(start=10, end=12))
        calls = []
        original = engine._refuse_if_taken
        monkeypatch.setattr(
            engine,
            "_refuse_if_taken",
            lambda b: calls.append(b) if len(calls) == 0 else original(b),
        )
        with pytest.raises(Conflict) as refused:
            book(room, UserFactory(), slot(start=11, end=13))
        assert refused.value.code == Code.SLOT_TAKEN and len(calls) == 1
        assert taken(refused.value) == ("10:00", "12:00")
        assert Booking.objects.filter(resource=room).count() == 1
        assert booking.pk


class _Deadlock(Exception):
    sqlstate = "40P01"


def test_an_insert_chosen_as_a_deadlock_victim_looks_again(room, monkeypatch):
    """PostgreSQL may fail one of two racing inserters with a deadlock; the engine then checks
    the slot again and retries, so the person still gets a booking or a 409, never a 500."""
    from django.db import OperationalError

    failures = []
    original = Booking.save

    def save_once_failing(self, *args, **kwargs):
        if not failures:
            failures.append(self)
            error = OperationalError("deadlock detected")
            error.__cause__ = _Deadlock()
            raise error
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Booking, "save", save_once_failing)
    [booking] = book(room, UserFactory())
    assert failures and booking.pk and Booking.objects.count() == 1
