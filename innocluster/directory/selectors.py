"""The search: one page of matching organizations, facet counts, highlights.

Every list the directory shows is public, so there are no per-user rules here; the cost is
fixed instead: a search runs the same queries whatever the page size (count, page, its
technologies, industries and products, one count per facet, the taxonomy names).
"""

import math
from dataclasses import dataclass, field

from django.db.models import Case, CharField, Count, Q, Value, When
from django.db.models.functions import Lower
from django.utils.translation import get_language

from innocluster.core.regions import region_name
from innocluster.organizations.choices import HEADCOUNT_RANGES, HeadcountBand, OrganizationType
from innocluster.organizations.models import Industry, Organization, Product, Technology

from . import status
from .backends import backend
from .filters import TRL_CHOICES, SearchFilterSet, Sort
from .text import highlight, query_stems, query_words

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
PRODUCTS_SHOWN = 3


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]


@dataclass
class Hit:
    organization: Organization
    name_html: str
    snippet_html: str
    products: list[dict]
    rank: float | None


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
    else. A page past the end is the last page with `clamp`, else an empty page.
    """
    filterset = SearchFilterSet(data, queryset=Organization.objects.all())
    result = SearchResult(filterset=filterset, page_size=page_size)
    if not filterset.is_valid():
        return result
    query = filterset.form.cleaned_data.get("q") or ""
    result.stems = query_stems(query)
    result.sort = _sort(filterset.form.cleaned_data.get("sort"), bool(result.stems))
    queryset = _ordered(filterset.qs, result.sort)
    result.count = queryset.count()
    result.number = _page_number(page, result.num_pages, clamp=clamp)
    start = (result.number - 1) * page_size
    organizations = list(queryset.with_public_relations()[start : start + page_size])
    result.hits = _hits(organizations, result.stems)
    if facets:
        result.facets = facet_counts(filterset)
    return result


def organization_search_queryset(*, data):
    """The ordered queryset of a valid search (for exports and saved searches), or None."""
    filterset = SearchFilterSet(data, queryset=Organization.objects.all())
    if not filterset.is_valid():
        return None
    has_query = bool(query_stems(filterset.form.cleaned_data.get("q") or ""))
    return _ordered(filterset.qs, _sort(filterset.form.cleaned_data.get("sort"), has_query))


def _sort(requested: str | None, has_query: bool) -> str:
    if requested == Sort.RELEVANCE and not has_query:
        return Sort.NAME
    return requested or (Sort.RELEVANCE if has_query else Sort.NAME)


def _ordered(queryset, sort: str):
    if sort == Sort.RELEVANCE:
        return queryset.order_by("-search_rank", "short_name", "pk")
    if sort == Sort.NEWEST:
        return queryset.order_by("-created_at", "-pk")
    return queryset.order_by(Lower("short_name"), "pk")


def _page_number(page, num_pages: int, *, clamp: bool) -> int:
    try:
        number = max(1, int(page))
    except (TypeError, ValueError):
        number = 1
    return min(number, num_pages) if clamp else number


def _hits(organizations: list[Organization], stems: list[str]) -> list[Hit]:
    products: dict[int, list[Product]] = {}
    ids = [o.pk for o in organizations]
    for product in Product.objects.filter(organization_id__in=ids).only(
        "id", "organization_id", "name", "trl"
    ):
        products.setdefault(product.organization_id, []).append(product)
    return [_hit(o, products.get(o.pk, []), stems) for o in organizations]


def _hit(organization: Organization, products: list[Product], stems: list[str]) -> Hit:
    names = [(p, highlight(p.name, stems)) for p in products]
    matching = [(p, html) for p, html in names if "<mark>" in html] if stems else names
    return Hit(
        organization=organization,
        name_html=highlight(organization.short_name, stems),
        snippet_html=highlight(organization.description, stems, limit=240),
        products=[
            {"id": p.pk, "name": p.name, "name_html": html, "trl": p.trl}
            for p, html in matching[:PRODUCTS_SHOWN]
        ],
        rank=getattr(organization, "search_rank", None),
    )


# --- Facets -----------------------------------------------------------------------------------


def facet_counts(filterset: SearchFilterSet) -> list[Facet]:
    """A count for each value of each facet. A facet's own selection is left out of its counts
    (choosing Moscow still shows how many there are in St Petersburg): one query per facet."""
    data = filterset.data
    selected = {name: set(_values(data, name)) for name in SearchFilterSet.FACETS}

    def queryset_for(facet):
        return filterset.without(facet).qs if selected[facet] else filterset.qs

    counts = {
        "org_type": _plain(queryset_for("org_type"), "org_type"),
        "industry": _linked(queryset_for("industry"), Organization.industries.through, "industry"),
        "technology": _linked(
            queryset_for("technology"), Organization.technologies.through, "technology"
        ),
        "region": _plain(queryset_for("region"), "region"),
        "status": status.counts(queryset_for("status")),
        "headcount": _bands(queryset_for("headcount")),
        "trl": _trl(queryset_for("trl")),
    }
    labels = _labels()
    return [_facet(name, counts[name], labels[name], selected[name]) for name in counts]


def _values(data, name: str) -> list[str]:
    if hasattr(data, "getlist"):
        return data.getlist(name)
    value = data.get(name)
    return value if isinstance(value, list) else [value] if value else []


def _labels() -> dict:
    return {
        "org_type": dict(OrganizationType.choices),
        "industry": _term_labels(Industry),
        "technology": _term_labels(Technology),
        "region": None,
        "status": dict(status.CHOICES),
        "headcount": dict(HeadcountBand.choices),
        "trl": dict(TRL_CHOICES),
    }


def _term_labels(model) -> dict:
    """Slug -> name in the language of the request, like TaxonomyTerm.name."""
    english = (get_language() or "ru").startswith("en")
    rows = model.objects.values_list("slug", "name_ru", "name_en")
    return {slug: en if english else ru for slug, ru, en in rows}


def _facet(name: str, counts: dict, labels: dict | None, selected: set) -> Facet:
    values = [
        FacetValue(
            value=str(value),
            label=str(labels.get(str(value), value)) if labels else region_name(value),
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


def _plain(queryset, column: str) -> dict:
    return dict(queryset.order_by().values_list(column).annotate(n=Count("pk")))


def _linked(queryset, through, field: str) -> dict:
    rows = (
        through.objects.filter(organization__in=queryset.order_by().values("pk"))
        .values_list(f"{field}__slug")
        .annotate(n=Count("organization_id"))
        .order_by()
    )
    return dict(rows)


def _bands(queryset) -> dict:
    whens = [
        When(
            Q(headcount__gte=low) & (Q(headcount__lte=high) if high is not None else Q()),
            then=Value(band.value),
        )
        for band, (low, high) in HEADCOUNT_RANGES.items()
    ]
    band = Case(*whens, default=Value(""), output_field=CharField())
    rows = (
        queryset.filter(headcount__isnull=False)
        .order_by()
        .annotate(band=band)
        .values_list("band")
        .annotate(n=Count("pk"))
    )
    return {b: n for b, n in rows if b}


def _trl(queryset) -> dict:
    rows = (
        Product.objects.filter(organization__in=queryset.order_by().values("pk"))
        .values_list("trl")
        .annotate(n=Count("organization_id", distinct=True))
        .order_by("trl")
    )
    return {str(trl): n for trl, n in rows}


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
