"""The support catalogue read as one entry of the query cache (issue 18; core/listing.py
`ListingCache`): the entry's key holds the version of every table its rows, total and counts
are read from, whatever the filters, and a write to any of them shows on the next request."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from innocluster.core.listing import filtered_page
from innocluster.core.querycache import _READ_TABLES, _tables_written
from innocluster.features.support import selectors
from innocluster.features.support.filters import MeasureFilterSet
from innocluster.features.support.models import Measure
from innocluster.features.support.views import CATALOGUE_CACHE, PAGE_SIZE

from .helpers import D, a_measure, open_call

pytestmark = pytest.mark.django_db

LEASING = [("leasing", "any", "share", D("20"), None)]


def tables(sql: str) -> set[str]:
    return set(_READ_TABLES.findall(sql))


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
    request = RequestFactory().get(f"/support/?{query}")
    with CaptureQueriesContext(connection) as statements:
        filtered_page(
            request, MeasureFilterSet, selectors.catalogue_list(), size=PAGE_SIZE, facets=True,
            cached=CATALOGUE_CACHE,
        )  # fmt: skip
    read = set().union(*(tables(statement["sql"]) for statement in statements))
    rows = MeasureFilterSet(QueryDict(query), queryset=selectors.catalogue_list()).qs
    keyed = tables(str(rows.query)) | {
        table for model in CATALOGUE_CACHE.reads for table in _tables_written(model)
    }
    assert read and read <= keyed


def open_now_counts(client) -> dict:
    response = client.get("/support/")
    facet = next(f for f in response.context["panel"].facets if f.name == "open_now")
    return {value.value: value.count for value in facet.values}


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
    category = next(f for f in response.context["panel"].facets if f.name == "category")
    assert "patent_ru" in [value.value for value in category.values]

    Measure.objects.filter(pk=closed.pk).get().delete()
    assert client.get("/support/").context["page"].paginator.count == 1
