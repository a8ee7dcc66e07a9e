"""Lists cost the same few queries however long they are (query counts pinned)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innocluster.features.facilities import services
from tests.factories import UserFactory

from .helpers import make_facility, make_resource, slot

pytestmark = pytest.mark.django_db


def count_queries(call) -> int:
    """The queries of `call` with nothing cached: counts cached by an earlier call
    (core/querycache.py) would hide what a list costs."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = call()
    assert response.status_code == 200
    return len(queries)


def fill(n: int) -> UserFactory:
    person = UserFactory()
    for index in range(n):
        facility, operator = make_facility(name=f"Площадка {index}")
        room = make_resource(facility, operator)
        services.booking_create(resource=room, user=person, starts_at=slot()[0], ends_at=slot()[1])
    return person


@pytest.mark.parametrize(
    "url", ["/api/v1/facilities/", "/api/v1/resources/", "/en/facilities/", "/api/v1/bookings/"]
)
def test_lists_do_not_grow_with_their_length(api_as, url, client):
    person = fill(2)
    api = api_as(person)
    client.force_login(person)
    get = (lambda: client.get(url)) if url.startswith("/en/") else (lambda: api.get(url))
    get()  # the token's first use is recorded once; not part of the list
    few = count_queries(get)
    fill(4)
    assert count_queries(get) == few


def test_a_week_of_availability_is_a_handful_of_queries(api, room):
    queries = count_queries(
        lambda: api.get("/api/v1/bookings/availability/", {"resource": room.pk, "days": 7})
    )
    assert queries <= 5


def fill_operated(facility, operator, n: int) -> None:
    """n more of everything an operator's pages list: resources with pending bookings, classes,
    offers with requests, closed periods."""
    import datetime as dt

    for index in range(n):
        machine = make_resource(
            facility, operator, kind="equipment", name=f"Станок {index}", booking_mode="approval"
        )
        services.booking_create(
            resource=machine, user=UserFactory(), starts_at=slot()[0], ends_at=slot()[1]
        )
        services.course_create(
            facility=facility,
            actor=operator,
            seats=3,
            title=f"Класс {index}",
            subject="robotics",
            age_min=9,
            age_max=12,
            schedule="сб",
            starts_on=dt.date.today() + dt.timedelta(days=10),
            ends_on=dt.date.today() + dt.timedelta(days=40),
        )
        offer = services.offer_create(
            organization=facility.organization,
            actor=operator,
            kind="equipment",
            title=f"Предложение {index}",
            address="Москва",
            available_from=dt.date.today(),
            terms="Договорная",
            capabilities=["milling"],
        )
        services.capacity_request_create(offer=offer, requester=UserFactory(), message="Нужно")
        services.blackout_create(
            facility=facility,
            actor=operator,
            starts_at=slot(days_ahead=3 + index)[0],
            ends_at=slot(days_ahead=3 + index)[1],
            reason=f"Профилактика {index}",
        )
        make_facility(organization=facility.organization, operator=operator, name=f"Цех {index}")


@pytest.mark.parametrize(
    "page", ["mine", "detail", "resource_edit", "schedule"], ids=lambda page: page
)
def test_the_operators_pages_do_not_grow_with_their_length(client, facility, operator, page):
    room = make_resource(facility, operator, name="Переговорная")
    url = {
        "mine": "/en/facilities/mine/",
        "detail": f"/en/facilities/{facility.pk}/",
        "resource_edit": f"/en/facilities/resources/{room.pk}/edit/",
        "schedule": f"/en/facilities/{facility.pk}/schedule/",
    }[page]
    client.force_login(operator)
    fill_operated(facility, operator, 2)
    few = count_queries(lambda: client.get(url))
    fill_operated(facility, operator, 4)
    assert count_queries(lambda: client.get(url)) == few


def test_my_enrolments_count_places_in_line_in_one_query(client, facility, operator):
    """Each waiting child's place in line is counted in the list's own query, not one query
    per row; the places are those the service gives."""
    import datetime as dt

    from innocluster.features.facilities.services.classes import waiting_position

    parent = UserFactory()

    def enrol_in_full_classes(n: int) -> None:
        for index in range(n):
            course = services.course_create(
                facility=facility,
                actor=operator,
                seats=1,
                title=f"Класс {index}",
                subject="robotics",
                age_min=7,
                age_max=18,
                schedule="сб",
                starts_on=dt.date.today() + dt.timedelta(days=10),
                ends_on=dt.date.today() + dt.timedelta(days=40),
            )
            for name in ("Первый", "Второй", "Третий"):
                services.enrolment_create(
                    course=course,
                    parent=UserFactory() if name != "Третий" else parent,
                    child_name=f"{name} {index}",
                    child_birth_date=dt.date(2014, 5, 1),
                    guardian_consent=True,
                )

    client.force_login(parent)
    enrol_in_full_classes(2)
    few = count_queries(lambda: client.get("/en/facilities/classes/enrolments/"))
    enrol_in_full_classes(3)
    response = client.get("/en/facilities/classes/enrolments/")
    assert count_queries(lambda: client.get("/en/facilities/classes/enrolments/")) == few
    rows = response.context["rows"]
    assert len(rows) == 5 and {position for _e, position in rows} == {2}
    assert all(position == waiting_position(e) for e, position in rows)
    assert "number 2 in line" in response.content.decode()
