"""The support catalogue read as one entry of the query cache (issue 18; core/listing.py
`ListingCache`): the entry's key holds the version of every table its rows, total and counts
are read from, whatever the filters, and a write to any of them shows on the next request."""

import pytest

from innocluster.features.support import selectors
from innocluster.features.support.filters import MeasureFilterSet
from innocluster.features.support.models import Measure
from innocluster.features.support.views import CATALOGUE_CACHE, PAGE_SIZE
from tests.listing_cache import counts_shown, read_and_keyed

from .helpers import D, a_measure, open_call

pytestmark = pytest.mark.django_db

LEASING = [("leasing", "any", "share", D("20"), None)]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "open_now=true",
        "open_now=false&level=city",
        "category=leasing",
        "q=обор&category=equipment&open_now=true&required_status=participant",
        "page=2",
    ],
)
def test_the_key_holds_every_table_the_page_reads(query):
    a_measure()
    closed = a_measure(level="federal", rules=LEASING)
    closed.calls.all().delete()
    read, keyed, _context = read_and_keyed(
        query, MeasureFilterSet, selectors.catalogue_list, size=PAGE_SIZE, cached=CATALOGUE_CACHE
    )
    assert read and read <= keyed


def open_now_counts(client) -> dict:
    return counts_shown(client.get("/support/"), "open_now")


def test_a_write_shows_on_the_next_request(client):
    Measure.objects.all().delete()  # the catalogue the migrations load
    a_measure()
    closed = a_measure(level="federal", rules=LEASING)
    closed.calls.all().delete()
    assert open_now_counts(client) == {"true": 1, "false": 1}
    assert open_now_counts(client) == {"true": 1, "false": 1}  # read from the cache

    open_call(closed)  # a call: the cards' windows and "open now"
    assert open_now_counts(client) == {"true": 2}
    assert client.get("/support/").content.decode().count("status-approved") == 2

    closed.cost_rules.create(category="patent_ru", origin="any", mode="share", percent=D("10"))
    response = client.get("/support/")
    assert "patent_ru" in counts_shown(response, "category")

    Measure.objects.filter(pk=closed.pk).get().delete()
    assert client.get("/support/").context["page"].paginator.count == 1
