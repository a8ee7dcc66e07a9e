"""The facilities catalogue read as one entry of the query cache (issue 18; core/listing.py
`ListingCache`): its rows, total, counts and the map's pins. The entry's key holds the version
of every table they are read from, whatever the filters, and a write to any of them shows on
the next request, in either language."""

import json

import pytest
from django.test import Client

from innocluster.features.facilities import selectors, services
from innocluster.features.facilities.filters import FacilityFilterSet
from innocluster.features.facilities.views.catalogue import CATALOGUE_CACHE, PAGE_SIZE
from tests.listing_cache import counts_shown, read_and_keyed

from .helpers import make_facility, make_resource

pytestmark = pytest.mark.django_db


def catalogue():
    return selectors.facility_list_public().select_related(None)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "kind=coworking",
        "resource_kind=room&region=77",
        "q=композит&equipment=фрезер",
        "q=лаборатория&resource_kind=equipment&kind=laboratory",
        "page=2",
    ],
)
def test_the_key_holds_every_table_the_page_reads(query, facility, operator):
    make_resource(facility, operator, kind="equipment", name="Фрезерный станок")
    make_facility(kind="coworking", name="Коворкинг «Старт»")
    read, keyed, context = read_and_keyed(
        query, FacilityFilterSet, catalogue, size=PAGE_SIZE, cached=CATALOGUE_CACHE
    )
    assert context["alongside"] is not None
    assert read and read <= keyed


def pins(response) -> list[dict]:
    html = response.content.decode()
    marker = '<script id="facility-markers" type="application/json">'
    start = html.index(marker) + len(marker)
    return json.loads(html[start : html.index("</script>", start)])


def booking_kinds(response) -> dict:
    return counts_shown(response, "resource_kind")


def test_a_write_shows_on_the_next_request(facility, operator):
    client = Client(HTTP_ACCEPT_LANGUAGE="ru")
    assert [pin["name"] for pin in pins(client.get("/facilities/"))] == [facility.name]
    assert booking_kinds(client.get("/facilities/")) == {}

    make_resource(facility, operator)  # a room to book: the facet counts it
    assert booking_kinds(client.get("/facilities/")) == {"room": 1}
    assert client.get("/facilities/", {"resource_kind": "room"}).context["page"].paginator.count

    other, other_operator = make_facility(name="Технопарк «Север»")
    response = client.get("/facilities/")
    assert {pin["name"] for pin in pins(response)} == {facility.name, other.name}
    assert response.context["page"].paginator.count == 2

    services.facility_update(facility=other, actor=other_operator, is_published=False)
    response = client.get("/facilities/")
    assert [pin["name"] for pin in pins(response)] == [facility.name]
    assert "Технопарк" not in response.content.decode()


def test_the_pins_follow_the_language_of_each_request(facility):
    russian = pins(Client(HTTP_ACCEPT_LANGUAGE="ru").get("/facilities/"))
    english = pins(Client().get("/en/facilities/"))  # the same entry, read in English
    assert russian[0]["url"] == f"/facilities/{facility.pk}/"
    assert english[0]["url"] == f"/en/facilities/{facility.pk}/"
    assert (russian[0]["kind"], english[0]["kind"]) == ("лаборатория", "laboratory")
