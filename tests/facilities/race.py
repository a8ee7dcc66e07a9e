"""Races on the booking engine: many threads, each with its own database connection, ask for
the same slot at the same moment (a barrier releases them together), through the API.

Used in-process on PostgreSQL (test_concurrency.py) and, on SQLite, in a subprocess with a
database file of its own (race_sqlite.py): pytest's in-memory SQLite is shared between
threads through a shared cache, whose table locks fail at once instead of waiting.
"""

import datetime as dt
import threading
from collections import Counter

from django.db import connections
from rest_framework.test import APIClient

from innocluster.features.facilities import services
from innocluster.features.facilities.models import Booking, Course, Enrolment
from tests.factories import UserFactory

from .helpers import make_facility, make_resource, slot


def race(count: int, attempt) -> list:
    """Run attempt(i) in `count` threads released at once; return their results in order."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = attempt(index)
        except Exception as error:  # noqa: BLE001 - reported to the test, never swallowed
            results[index] = ("error", repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def _client(user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client


def booking_race(*, kind: str, capacity: int, count: int) -> dict:
    """`count` people book the same slot of one resource at once."""
    facility, operator = make_facility()
    resource = make_resource(facility, operator, kind=kind, capacity=capacity, name=kind)
    people = [UserFactory() for _ in range(count)]
    starts_at, ends_at = slot(days_ahead=3, start=12, end=14)
    body = {
        "resource": resource.pk,
        "starts_at": starts_at.isoformat(),
        "ends_at": ends_at.isoformat(),
    }

    def attempt(index):
        response = _client(people[index]).post("/api/v1/bookings/", body, format="json")
        return response.status_code, response.json()

    results = race(count, attempt)
    held = Booking.objects.holding().filter(resource=resource)
    return {
        "statuses": Counter(str(r[0]) for r in results),
        "errors": [r for r in results if r[0] == "error"],
        "conflicts": [r[1] for r in results if r[0] == 409],
        "held": held.count(),
        "slot": [starts_at.isoformat(), ends_at.isoformat()],
        "overlapping_pairs": _overlapping_pairs(held),
    }


def _overlapping_pairs(bookings) -> int:
    rows = list(bookings.values_list("starts_at", "ends_at"))
    return sum(1 for i, a in enumerate(rows) for b in rows[i + 1 :] if a[0] < b[1] and b[0] < a[1])


def enrolment_race(*, seats: int, count: int, same_child: bool = False) -> dict:
    """`count` parents enrol children in a class of `seats` seats at once (or, with
    `same_child`, the same child again and again)."""
    facility, operator = make_facility(kind="youth_centre")
    today = dt.date.today()
    course = services.course_create(
        facility=facility,
        actor=operator,
        seats=seats,
        title="Робототехника",
        subject="robotics",
        age_min=7,
        age_max=18,
        schedule="вт, чт 16:00",
        starts_on=today + dt.timedelta(days=10),
        ends_on=today + dt.timedelta(days=100),
    )
    parents = [UserFactory() for _ in range(count)]

    def attempt(index):
        name = "Иван Петров" if same_child else f"Ребёнок {index}"
        response = _client(parents[index]).post(
            f"/api/v1/classes/{course.pk}/enrolments/",
            {"child_name": name, "child_birth_date": "2015-03-01", "guardian_consent": True},
            format="json",
        )
        return response.status_code, response.json()

    results = race(count, attempt)
    enrolments = Enrolment.objects.filter(course=course)
    return {
        "statuses": Counter(str(r[0]) for r in results),
        "errors": [r for r in results if r[0] == "error"],
        "enrolled": enrolments.filter(status="enrolled").count(),
        "waiting": enrolments.filter(status="waiting").count(),
        "seat_bookings": Booking.objects.holding().filter(resource=course.resource).count(),
        "course": course.pk,
    }


def cancel_race(*, seats: int, waiting: int, leaving: int) -> dict:
    """A full class with `waiting` children in line: every seated child and the first
    `leaving` children in line are withdrawn at once. Each freed seat must go to a different
    child still in line, and the withdrawals must queue, not deadlock."""
    outcome = enrolment_race(seats=seats, count=seats + waiting)
    course = Course.objects.get(pk=outcome["course"])
    enrolments = course.enrolments.select_related("parent").order_by("created_at", "id")
    seated = list(enrolments.filter(status="enrolled"))
    first_in_line = list(enrolments.filter(status="waiting")[:leaving])
    withdrawn = seated + first_in_line

    def attempt(index):
        enrolment = withdrawn[index]
        url = f"/api/v1/classes/{course.pk}/enrolments/{enrolment.pk}/cancel/"
        return _client(enrolment.parent).post(url).status_code, None

    results = race(len(withdrawn), attempt)
    seats_held = Booking.objects.holding().filter(resource=course.resource)
    holders = Counter(seats_held.values_list("enrolment__id", flat=True))
    return {
        "before": (outcome["enrolled"], outcome["waiting"]),
        "statuses": Counter(str(r[0]) for r in results),
        "errors": [r for r in results if r[0] == "error"],
        "enrolled": course.enrolments.filter(status="enrolled").count(),
        "waiting": course.enrolments.filter(status="waiting").count(),
        "seat_bookings": seats_held.count(),
        "most_seats_of_one_child": max(holders.values(), default=0),
        "seats_of_no_child": holders.get(None, 0),
    }


SCENARIOS = {
    "single": lambda: booking_race(kind="room", capacity=1, count=50),
    "pool": lambda: booking_race(kind="desk_pool", capacity=5, count=50),
    "class": lambda: enrolment_race(seats=5, count=50),
    "same_child": lambda: enrolment_race(seats=5, count=10, same_child=True),
    "cancel": lambda: cancel_race(seats=5, waiting=7, leaving=2),
}
