"""Lists on pages: one FilterSet, a page of its results, and the query to carry to other pages."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.db.models.query import ModelIterable
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property

from .facets import FilterPanel, facet_counts, facets_of
from .querycache import cached_count, cached_result


class CachedCountPaginator(Paginator):
    """A paginator whose total, a count of the whole list on every page, is cached until a
    write changes the data (core/querycache.py)."""

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, QuerySet):
            return cached_count(self.object_list)
        return super().count


class KeysFirstPaginator(CachedCountPaginator):
    """A catalogue's page read in two steps: the keys of the page's rows in the list's order,
    then those rows, joins and all, by their keys. A list sorted by a column no index gives in
    order (the job search's newest first) is sorted whole for each page; sorting the keys alone
    is sorting narrow rows, where the one query sorted every row's every column and its joins'
    (issue 18: 36 ms of CPU for the first 20 of 5,000 vacancies, 13 ms in two steps)."""

    def page(self, number):
        page = super().page(number)
        rows = page.object_list
        plain = isinstance(rows, QuerySet) and rows._iterable_class is ModelIterable
        if plain and not rows.query.combinator:  # a union cannot be filtered by keys
            keys = list(rows.values_list("pk", flat=True))
            found = {row.pk: row for row in self.object_list.order_by().filter(pk__in=keys)}
            page.object_list = [found[key] for key in keys if key in found]
        return page


def page_of(request, queryset, *, size: int, cached_count: bool = False) -> Page:
    """A page of `queryset`; a page number past the end shows the last page, never an error.
    With `cached_count` (the catalogues), its total is cached until a write changes it, and
    its rows are read keys first (KeysFirstPaginator)."""
    paginator = KeysFirstPaginator if cached_count else Paginator
    return paginator(queryset, size).get_page(request.GET.get("page"))


def _no_clock():
    return None


@dataclass(frozen=True)
class ListingCache:
    """A catalogue page read as one entry of the query cache (core/querycache.py): its rows
    (model instances, with their prefetches), its total and its facets' counts, for a catalogue
    whose every request otherwise compiled and sent half a dozen statements and cache reads for
    them (issue 18: 5 ms of the support catalogue's 11). The key is the query of the FilterSet's
    rows (so what the caller may see and every filter chosen), the page's number and size,
    `clock()`, and the versions of that query's tables and of the tables of `reads`, the models
    the rest reads (a prefetch, a method filter's subquery, a facet across a relation; a test
    checks that they are all there), so a write to any of them reads the page afresh."""

    reads: tuple = ()
    # What the FilterSet's methods read of the clock (today's date), when they do.
    clock: Callable[[], object] = _no_clock
    # What else the page shows of the same rows (the facilities' pins on their map): rows ->
    # plain values, kept in the same entry, in the context as `alongside`. It may read no table
    # but the rows' own and those of `reads`.
    alongside: Callable | None = None


def filtered_page(
    request,
    filterset_class,
    queryset,
    *,
    size: int,
    facets: bool = False,
    cached: ListingCache | None = None,
) -> tuple[dict, int]:
    """The template context of a filtered list, and its status: 400 when a filter is invalid
    (an unknown region, say), with the form showing why and no results. With `facets`, its
    `panel` draws the multiple-choice filters as checkboxes with counts (core/facets.py); the
    counts are of `queryset`, so of what the caller may see; they and the total are cached until a
    write changes the data (core/querycache.py); with `cached` too, the page's rows as well, all
    in one entry (ListingCache), and what `cached.alongside` reads of the same rows."""
    filterset = filterset_class(request.GET, queryset=queryset)
    valid = filterset.is_valid()
    number = request.GET.get("page")
    alongside = None
    if facets and cached and valid and _plain_number(number):
        page, counts, alongside = _cached_listing(filterset, number, size, cached)
    else:
        rows = filterset.qs if valid else queryset.none()
        # the facets first: counting them may count the page's total on the way (core/facets.py)
        counts = facet_counts(filterset) if facets else None
        page = page_of(request, rows, size=size, cached_count=facets)
        if cached and cached.alongside:
            alongside = cached.alongside(rows)
    query = request.GET.copy()
    query.pop("page", None)
    panel = FilterPanel(filterset.form, facets_of(filterset, counts) if facets else [])
    context = {"filter": filterset, "page": page, "query": query.urlencode(), "panel": panel}
    if cached and cached.alongside:
        context["alongside"] = alongside
    return context, 200 if valid else 400


def _plain_number(number) -> bool:
    """No page number, or a short one: what a cached page may be keyed by (any other text shows
    the first or the last page, read afresh, never a key of its own)."""
    return number is None or (number.isdigit() and len(number) <= 6)


def _cached_listing(
    filterset, number, size: int, cached: ListingCache
) -> tuple[Page, dict, object]:
    """(the page, the facets' counts, the `alongside`) of a valid `filterset`, read as one entry
    (ListingCache); the Page is made again around the cached rows and total."""
    rows = filterset.qs

    def listing() -> dict:
        counts = facet_counts(filterset)  # first: it may count the total on the way
        page = KeysFirstPaginator(rows, size).get_page(number)
        return {
            "rows": list(page.object_list),
            "number": page.number,
            "count": page.paginator.count,
            "counts": counts,
            "alongside": cached.alongside(rows) if cached.alongside else None,
        }

    cls = type(filterset)
    kind = f"listing:{cls.__module__}.{cls.__qualname__}:{size}:{number}:{cached.clock()}"
    entry = cached_result(kind, rows, listing, also_reads=cached.reads)
    paginator = Paginator(rows, size)
    paginator.count = entry["count"]  # what `count` (a cached_property) would have counted
    return Page(entry["rows"], entry["number"], paginator), entry["counts"], entry["alongside"]


def render_list(request, context: dict, *, page: str, results: str, status: int = 200):
    """The whole `page` template, or only its `results` part when htmx asks for it (a filter
    changed); caches keep the two apart by the HX-Request header."""
    partial = request.htmx and not request.htmx.history_restore_request
    response = render(request, results if partial else page, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


def render_catalogue(request, context: dict, *, page: str, results: str, status: int = 200):
    """A catalogue's `page`, whose template includes "includes/catalogue.html" (the search
    box, the filter panel and the `results` template beside it); htmx gets the panel and the
    results only, so that the counts follow the filters."""
    context = {"results_template": results, "list_url": request.path, **context}
    return render_list(
        request, context, page=page, results="includes/catalogue_area.html", status=status
    )
