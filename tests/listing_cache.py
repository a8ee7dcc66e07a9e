"""The tables a catalogue page read as one entry of the query cache (core/listing.py
`ListingCache`) reads, against those the entry's key holds: the tests of each catalogue that
is cached so assert that the first are among the second, whatever the filters."""

from django.db import connection
from django.http import QueryDict
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from innocluster.core.listing import filtered_page
from innocluster.core.querycache import _READ_TABLES, _tables_written


def tables(sql: str) -> set[str]:
    return set(_READ_TABLES.findall(sql))


def read_and_keyed(query: str, filterset_class, queryset, *, size: int, cached) -> tuple:
    """(the tables every statement of the page `?query` reads, the tables of its entry's key:
    those of the FilterSet's rows and of `cached.reads`), and the page's context."""
    request = RequestFactory().get(f"/?{query}")
    with CaptureQueriesContext(connection) as statements:
        context, _status = filtered_page(
            request, filterset_class, queryset(), size=size, facets=True, cached=cached
        )
    read = set().union(*(tables(statement["sql"]) for statement in statements))
    rows = filterset_class(QueryDict(query), queryset=queryset()).qs
    keyed = tables(str(rows.query)) | {
        table for model in cached.reads for table in _tables_written(model)
    }
    return read, keyed, context


def counts_shown(response, facet: str) -> dict:
    """{value: count} of a facet as a catalogue page shows it."""
    found = next(f for f in response.context["panel"].facets if f.name == facet)
    return {value.value: value.count for value in found.values}
