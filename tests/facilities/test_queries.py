"""Lists cost the same few queries however long they are (query counts pinned)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innocluster.facilities import services
from tests.factories import UserFactory

from .helpers import make_facility, make_resource, slot

pytestmark = pytest.mark.django_db


def count_queries(call) -> int:
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
