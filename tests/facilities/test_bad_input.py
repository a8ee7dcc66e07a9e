"""Every "bad input" of the facilities issue, on the API and on the page: a clear error on the
field it concerns, and nothing changed.

End before start; a slot outside opening hours or in a blackout; a duration beyond the limits;
a booking in the past or too far ahead; a child outside the age range; the same child twice;
cancelling another user's booking (404)."""

import datetime as dt

import pytest
from django.core.exceptions import NON_FIELD_ERRORS

from innocluster.features.facilities import services
from innocluster.features.facilities.errors import FacilityErrorCode as Code
from innocluster.features.facilities.models import Booking, Enrolment
from innocluster.features.facilities.timeutil import moscow
from tests.factories import UserFactory

from .helpers import refusal_shown, slot
from .test_classes import born
from .test_views import client_for

pytestmark = pytest.mark.django_db


def blackout_on_the_slot(room, operator):
    starts_at, ends_at = slot(start=12, end=15)
    services.blackout_create(
        facility=room.facility,
        actor=operator,
        starts_at=starts_at,
        ends_at=ends_at,
        reason="Дезинфекция",
    )


# (name, slot, page field, code). The room: 30 to 240 minutes, 60 days ahead, open every day
# 08:00–22:00 (tests/facilities/helpers.py).
BAD_SLOTS = [
    ("end-before-start", lambda: slot(start=14, end=13), "end", Code.RANGE_INVERTED),
    ("outside-hours", lambda: slot(start=22, end=23), "start", Code.OUTSIDE_OPENING_HOURS),
    ("blackout", lambda: slot(start=13, end=14), "start", Code.CLOSED_PERIOD),
    ("too-long", lambda: slot(start=8, end=13), "end", Code.BOOKING_LENGTH),
    (
        "too-short",
        lambda: (slot()[0], slot()[0] + dt.timedelta(minutes=15)),
        "end",
        Code.BOOKING_LENGTH,
    ),
    ("past", lambda: slot(days_ahead=-1), "start", Code.SLOT_IN_PAST),
    ("too-far-ahead", lambda: slot(days_ahead=61), "start", Code.BEYOND_HORIZON),
]
# The API takes the slot's moments; the page a day and two times.
API_FIELDS = {"start": "starts_at", "end": "ends_at"}


@pytest.fixture(params=BAD_SLOTS, ids=[case[0] for case in BAD_SLOTS])
def bad_slot(request, room, operator):
    name, when, field, code = request.param
    if name == "blackout":
        blackout_on_the_slot(room, operator)
    return when(), field, code


def test_a_bad_slot_through_the_api(api_as, room, bad_slot):
    (starts_at, ends_at), field, code = bad_slot
    body = {"resource": room.pk, "starts_at": starts_at.isoformat(), "ends_at": ends_at.isoformat()}
    response = api_as(UserFactory()).post("/api/v1/bookings/", body, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["error_codes"] == {API_FIELDS[field]: [code]}
    assert not Booking.objects.exists()


def test_a_bad_slot_on_the_page(room, bad_slot):
    (starts_at, ends_at), field, code = bad_slot
    moscow_start, moscow_end = moscow(starts_at), moscow(ends_at)
    response = client_for(UserFactory()).post(
        f"/en/facilities/resources/{room.pk}/",
        {
            "day": moscow_start.date().isoformat(),
            "start": f"{moscow_start:%H:%M}",
            "end": f"{moscow_end:%H:%M}",
            "repeat_weeks": 1,
        },
    )
    assert response.status_code == 400
    # The refusal is shown beside the field it concerns, not only at the top of the form.
    assert response.context["form"].has_error(field, code)
    assert not Booking.objects.exists()


@pytest.fixture
def course(facility, operator):
    start = dt.date.today() + dt.timedelta(days=30)
    return services.course_create(
        facility=facility,
        actor=operator,
        seats=3,
        title="Электроника",
        subject="electronics",
        age_min=9,
        age_max=12,
        schedule="пт 15:00",
        starts_on=start,
        ends_on=start + dt.timedelta(days=60),
    )


def child(age: int, name: str = "Костя") -> dict:
    return {"child_name": name, "child_birth_date": born(age).isoformat(), "guardian_consent": True}


@pytest.mark.parametrize("age", [6, 8, 13, 19])
def test_a_child_outside_the_age_range(api_as, course, age):
    response = api_as(UserFactory()).post(
        f"/api/v1/classes/{course.pk}/enrolments/", child(age), format="json"
    )
    assert response.status_code == 400
    assert response.json()["error_codes"] == {"child_birth_date": [Code.AGE_OUT_OF_RANGE]}
    page = client_for(UserFactory()).post(f"/en/facilities/classes/{course.pk}/", child(age))
    assert page.status_code == 400
    assert page.context["form"].has_error("child_birth_date", Code.AGE_OUT_OF_RANGE)
    assert not Enrolment.objects.exists()


def test_the_same_child_twice(api_as, course):
    parent = UserFactory()
    url = f"/api/v1/classes/{course.pk}/enrolments/"
    assert api_as(parent).post(url, child(10), format="json").status_code == 201
    # However the name is typed, the same name and birth date are the same child.
    again = api_as(parent).post(url, child(10, name="  костя "), format="json")
    assert again.status_code == 409 and again.json()["code"] == Code.ALREADY_ENROLLED
    page = client_for(parent).post(f"/en/facilities/classes/{course.pk}/", child(10))
    assert page.status_code == 409
    assert refusal_shown(page, NON_FIELD_ERRORS, Code.ALREADY_ENROLLED)
    assert Enrolment.objects.count() == 1


def test_cancelling_another_users_booking_is_404(api_as, room):
    [booking] = services.booking_create(
        resource=room, user=UserFactory(), starts_at=slot()[0], ends_at=slot()[1]
    )
    stranger = UserFactory()
    assert api_as(stranger).post(f"/api/v1/bookings/{booking.pk}/cancel/").status_code == 404
    page = client_for(stranger).post(f"/en/facilities/bookings/{booking.pk}/cancel/")
    assert page.status_code == 404
    booking.refresh_from_db()
    assert booking.status == "confirmed" and booking.cancelled_at is None
