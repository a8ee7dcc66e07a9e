"""The search: one page of matching organizations, facet counts, highlights.

Every list the directory shows is public, so there are no per-user rules here; the cost is
fixed instead: a search runs the same queries whatever the page size (one statement for the
page, the count and the facets; then the page's organizations, their technologies,
industries and products).
"""

import math
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import get_language

from innocluster.core.facets import Facet, FacetValue  # the catalogues' one shape of a facet
from innocluster.core.querycache import cached_value
from innocluster.core.regions import region_name
from innocluster.platform.organizations.choices import (
    HeadcountBand,
    OrganizationKind,
    OrganizationType,
)
from innocluster.platform.organizations.models import Industry, Organization, Technology
from innocluster.platform.search import sources
from innocluster.platform.search.text import highlight, query_prefixes, query_stems, query_words

from . import engine, status
from .backends import backend
from .filters import TRL_CHOICES, SearchFilterSet, Sort

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
PRODUCTS_SHOWN = 3


@dataclass
class Hit:
    organization: Organization
    name_html: str
    snippet_html: str
    products: list[dict]
    rank: float | None
    industries: list = field(default_factory=list)  # TaxonomyTerm instances, by Russian name
    technologies: list = field(default_factory=list)
    matched_words: int = 0  # in a partial match: how many of the query's words it holds


@dataclass
class SearchResult:
    filterset: SearchFilterSet
    hits: list[Hit] = field(default_factory=list)
    count: int = 0
    number: int = 1
    page_size: int = PAGE_SIZE
    facets: list[Facet] = field(default_factory=list)
    sort: str = Sort.NAME
    stems: list[str] = field(default_factory=list)
    approximate: bool = False  # `count` is an estimate (engine.py): "About N …"
    # No organization holds every word of the query: these hold some, most words first.
    partial: bool = False
    words: list[str] = field(default_factory=list)  # the query's words, as it reads them

    @property
    def valid(self) -> bool:
        return not self.filterset.errors

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.count / self.page_size))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages


def organization_search(
    *, data, page=1, page_size: int = PAGE_SIZE, facets: bool = True, clamp: bool = True
) -> SearchResult:
    """Search organizations by `data` (the query string: q, facets, sort).

    Invalid filters give a result with `valid` false and the filterset's errors, and nothing
    else. A page past the end is the last page with `clamp`, else an empty page. The page, the
    count and the facet counts come from the index (engine.py: one statement, or up to three
    on PostgreSQL, where a broad search's count and facet counts are estimates and `approximate`
    is true); then the page's organizations, their technologies, industries and products: the
    same queries whatever the page size.
    """
    filterset = SearchFilterSet(data, queryset=Organization.objects.all())
    result = SearchResult(filterset=filterset, page_size=page_size)
    if not filterset.is_valid():
        return result
    cleaned = filterset.form.cleaned_data
    query = (cleaned.get("q") or "").strip()
    result.stems = query_stems(query)
    result.sort = _sort(cleaned.get("sort"), bool(result.stems))
    number = _page_number(page)
    plan = _plan(query, cleaned, result.sort, number, page_size, facets)
    found = _run(plan)
    result.words = query_words(query)
    if not found.count and plan.match is not None and len(result.words) > 1:
        plan = _partial(plan, query)
        found, result.partial = _run(plan), True
    result.count, result.approximate = found.count, found.approximate
    result.number = min(number, result.num_pages) if clamp else number
    if result.number != number:  # past the end: the last page instead
        plan.offset, plan.facets = (result.number - 1) * page_size, False
        found.ids, found.ranks = (last := _run(plan)).ids, last.ranks
    result.hits = _hits(found, query_prefixes(query))  # «станка» marks «станок» too
    if result.partial:
        for hit in result.hits:
            hit.matched_words = min(len(result.words), int((hit.rank or 0) // engine.PARTIAL_RANK))
    if facets:
        result.facets = _facets(found, data, cleaned)
    return result


def search_plan(*, data, page_size: int = PAGE_SIZE) -> engine.Plan | None:
    """The index query that `organization_search` runs for the first page of `data` (None if
    invalid): what the benchmark times bare, on the cursor, to compare the endpoint with."""
    filterset = SearchFilterSet(data, queryset=Organization.objects.none())
    if not filterset.is_valid():
        return None
    cleaned = filterset.form.cleaned_data
    query = (cleaned.get("q") or "").strip()
    sort = _sort(cleaned.get("sort"), bool(query_stems(query)))
    return _plan(query, cleaned, sort, 1, page_size, True)


def _plan(query: str, cleaned: dict, sort: str, number: int, size: int, facets: bool):
    identifier = query if query.isdigit() and len(query) >= 4 else ""
    text = not identifier and bool(query)
    return engine.Plan(
        match=backend().plan_match(query) if text else None,
        near=backend().near_query(query) if text else None,
        identifier=identifier,
        filters=_filters(cleaned),
        sort=sort,
        offset=(number - 1) * size,
        limit=size,
        facets=facets,
    )


def _partial(plan: engine.Plan, query: str) -> engine.Plan:
    """`plan` asking for any of the query's words instead of all, ranked by how many an entry
    holds (engine.PARTIAL_RANK): when nothing holds them all, the nearest, never nothing."""
    search = backend()
    words = search.word_queries(query)
    return engine.Plan(**{**plan.__dict__, "match": search.any_of(words), "words": words})


def _filters(cleaned: dict) -> dict[str, list]:
    """The selected facet values as the index stores them: taxonomy terms by id, TRL as int."""
    filters = {name: list(cleaned.get(name) or []) for name in engine.FACETS}
    filters["industry"] = [term.pk for term in filters["industry"]]
    filters["technology"] = [term.pk for term in filters["technology"]]
    filters["trl"] = [int(value) for value in filters["trl"]]
    return {name: values for name, values in filters.items() if values}


def _run(plan) -> engine.Found:
    """What the index finds for `plan`, from the query cache when the same search was made
    since the last write (core/querycache.py: a write through the ORM shows at once, one that
    bypasses it within CACHE_SECONDS). Every list here is public (module docstring), so one
    search's result is everyone's. Issue 18: at 35,000 organizations the index's statement was
    three quarters of the search API's CPU, and people ask the same few searches again and
    again. SEARCH_CACHE off (benchmarks/search.py times the engine) reads afresh."""
    if not settings.SEARCH_CACHE:
        return _search(plan)
    key = (connection.alias, connection.vendor, plan)
    return cached_value("directory:search", key, lambda: _search(plan))


def _search(plan) -> engine.Found:
    with connection.cursor() as cursor:
        return engine.search(backend(), cursor, plan)


def organization_search_queryset(*, data, partial: bool = False):
    """The ordered queryset of a valid search (for exports and saved searches), or None.
    With `partial`, what the page shows when nothing holds every word of the text: the
    organizations holding some of them, most first (organization_search)."""
    filterset = SearchFilterSet(data, queryset=Organization.objects.all())
    if not filterset.is_valid():
        return None
    cleaned = filterset.form.cleaned_data
    queryset = filterset.qs
    if partial and len(query_words(cleaned.get("q") or "")) > 1 and not queryset.exists():
        filterset = SearchFilterSet(data, queryset=Organization.objects.all())
        filterset.any_word = True
        queryset = filterset.qs
    has_query = bool(query_stems(cleaned.get("q") or ""))
    return _ordered(queryset, _sort(cleaned.get("sort"), has_query))


def sections_beside(result: SearchResult) -> list[sources.Section]:
    """What the other services' sources found, shown above the organizations of a search: on
    its first page only, when it is valid, by its words and its regions."""
    if not result.valid or result.number != 1:
        return []
    cleaned = result.filterset.form.cleaned_data
    return sources.sections(query=cleaned.get("q") or "", regions=cleaned.get("region") or ())


def _sort(requested: str | None, has_query: bool) -> str:
    if requested == Sort.RELEVANCE and not has_query:
        return Sort.NAME
    return requested or (Sort.RELEVANCE if has_query else Sort.NAME)


def _ordered(queryset, sort: str):
    if sort == Sort.RELEVANCE:
        return queryset.order_by("-search_rank", "pk")  # as the page (engine.ORDER)
    if sort == Sort.NEWEST:
        return queryset.order_by("-created_at", "-pk")
    return queryset.order_by(Lower("short_name"), "pk")


# Past the last page is clamped once the count is known; this bound keeps the offset inside a
# 64-bit integer before then (?page=10**23 was SQLite's OverflowError, PostgreSQL's DataError).
PAGE_NUMBER_MAX = 10**9


def _page_number(page) -> int:
    try:
        number = max(1, int(page))
    except (TypeError, ValueError):
        number = 1
    return min(number, PAGE_NUMBER_MAX)


def _hits(found: engine.Found, stems: list[str]) -> list[Hit]:
    """The page's hits in the page's order, with highlights, products, technologies and
    industries: one statement (engine.PAGE_SQL), plain rows, whatever the page size."""
    organizations: dict[int, Organization] = {}
    products: dict[int, list[tuple]] = {}
    terms: dict[int, tuple[list, list]] = {}
    for part, org_id, _order, *values in _page_rows(found.ids):
        if part == engine.ORGANIZATION:
            organizations[org_id] = _organization(values)
        elif part == engine.PRODUCT:
            pk, name, trl = values[0], values[1], values[5]  # as id, short_name, year_founded
            products.setdefault(org_id, []).append((pk, name, trl))
        else:
            kind = part - engine.INDUSTRY  # 0 industries, 1 technologies
            model = (Industry, Technology)[kind]
            term = model.from_db(connection.alias, None, values[:4])
            terms.setdefault(org_id, ([], []))[kind].append(term)
    hits = []
    for pk in found.ids:
        if (organization := organizations.get(pk)) is None:
            continue  # deleted since the index was read
        organization.search_rank = found.ranks.get(pk)
        hits.append(_hit(organization, products.get(pk, []), terms.get(pk, ([], [])), stems))
    return hits


def _page_rows(ids: list[int]) -> list[tuple]:
    if not ids:
        return []
    # The index's own integer keys, written into the SQL: as 80 parameters (a page of 20, four
    # times) the statement took 2.1 ms on PostgreSQL, written in 1.8 ms.
    listed = ", ".join(str(int(pk)) for pk in ids)
    with connection.cursor() as cursor:
        cursor.execute(engine.PAGE_SQL.format(ids=listed))
        return cursor.fetchall()


# HIT_COLUMNS in the model's order of fields, as Model.from_db takes a partial row
_LOADED = [f.attname for f in Organization._meta.concrete_fields if f.attname in engine.HIT_COLUMNS]


def _organization(values: list) -> Organization:
    row = dict(zip(engine.HIT_COLUMNS, values, strict=True))
    return Organization.from_db(connection.alias, _LOADED, [row[name] for name in _LOADED])


def _hit(organization: Organization, products: list[tuple], terms, stems: list[str]) -> Hit:
    names = [(pk, name, trl, highlight(name, stems)) for pk, name, trl in products]
    matching = [p for p in names if "<mark>" in p[3]] if stems else names
    return Hit(
        organization=organization,
        name_html=highlight(organization.short_name, stems),
        snippet_html=highlight(organization.description, stems, limit=240),
        products=[
            {"id": pk, "name": name, "name_html": html, "trl": trl}
            for pk, name, trl, html in matching[:PRODUCTS_SHOWN]
        ],
        rank=getattr(organization, "search_rank", None),
        industries=terms[0],
        technologies=terms[1],
    )


# --- Facets -----------------------------------------------------------------------------------


def _facets(found: engine.Found, data, cleaned: dict) -> list[Facet]:
    """Each facet's values with their counts (engine.py leaves a facet's own selection out of
    its counts), labelled in the request's language; a selected value that nothing matches
    is still listed, with 0."""
    english = (get_language() or "ru").startswith("en")
    facets = []
    for name in engine.FACETS:
        labels = _labels(name, found, cleaned, english)
        selected = set(_values(data, name))
        facet = _facet(name, found.counts.get(name, {}), labels, selected)
        facet.approximate = found.facets_approximate
        facets.append(facet)
    return facets


def _labels(name: str, found: engine.Found, cleaned: dict, english: bool) -> dict | None:
    if name in ("industry", "technology"):
        names = {slug: pair for slug, pair in found.labels.get(name, {}).items()}
        names |= {t.slug: (t.name_ru, t.name_en) for t in cleaned.get(name) or []}
        return {slug: en if english else ru for slug, (ru, en) in names.items()}
    return {
        "org_type": dict(OrganizationType.choices),
        "kind": dict(OrganizationKind.choices),
        "region": None,
        "status": dict(status.CHOICES),
        "headcount": dict(HeadcountBand.choices),
        "trl": dict(TRL_CHOICES),
    }[name]


def _values(data, name: str) -> list[str]:
    if hasattr(data, "getlist"):
        return data.getlist(name)
    value = data.get(name)
    return value if isinstance(value, list) else [value] if value else []


def _facet(name: str, counts: dict, labels: dict | None, selected: set) -> Facet:
    values = [
        FacetValue(
            value=str(value),
            label=str(labels.get(str(value), value)) if labels is not None else region_name(value),
            count=count,
            selected=str(value) in selected,
        )
        for value, count in counts.items()
    ]
    values += [
        FacetValue(value=v, label=str((labels or {}).get(v, v)), count=0, selected=True)
        for v in selected - {str(k) for k in counts}
    ]
    values.sort(key=lambda v: (-v.count, v.label))
    label = SearchFilterSet.base_filters[name].label
    return Facet(name=name, label=str(label), values=values)


# --- Autocomplete -------------------------------------------------------------------------------

SUGGESTIONS = 8
TECHNOLOGY_SUGGESTIONS = 3


@dataclass
class Suggestion:
    kind: str  # "organization" | "technology"
    label: str
    value: str  # an organization's id, a technology's slug
    label_html: str


def suggestions(*, query: str) -> list[Suggestion]:
    """Up to eight: a few technologies whose name contains the typed text, then organizations
    whose name has a word starting with it. Two queries, however many match."""
    stems = query_stems(query)
    text = " ".join(query_words(query))
    if not stems or len(text) < 2:
        return []
    technologies = [
        Suggestion("technology", t.name, t.slug, highlight(t.name, stems))
        for t in Technology.objects.filter(
            Q(name_ru__ulower__contains=text) | Q(name_en__ulower__contains=text)
        )[:TECHNOLOGY_SUGGESTIONS]
    ]
    names = backend().name_prefix_ids(query, limit=SUGGESTION_CANDIDATES)
    organizations = Organization.objects.filter(pk__in=names).only("id", "short_name")
    ranked = sorted(organizations, key=lambda o: (len(o.short_name), o.short_name))
    room = SUGGESTIONS - len(technologies)
    return technologies + [
        Suggestion("organization", o.short_name, str(o.pk), highlight(o.short_name, stems))
        for o in ranked[:room]
    ]


SUGGESTION_CANDIDATES = 40


def organizations_matching_any(phrases: list[str], *, queryset=None):
    """The organizations whose profile (names, technologies, industries, products,
    descriptions) holds every word of one of `phrases`, best first: the index's own ranking.
    One statement, whatever the number of phrases (the exchange's matching)."""
    queryset = Organization.objects.all() if queryset is None else queryset
    return backend().match_phrases(queryset, phrases).order_by("-search_rank", "pk")
