"""The catalogue kit's filter panel: checkbox facets with counts, for every list page.

A list's FilterSet says what may be chosen; here each of its multiple-choice filters becomes a
facet: its values, each with how many rows of the list pass every *other* chosen filter and
have that value (choosing Moscow still shows how many there are in St Petersburg), as the
directory's search counts its own (features/directory/engine.py). The rows counted are the
FilterSet's queryset, which the page's selector has already cut to what the caller may see.

A facet whose filter reads a field (`field_name`, no `method`) is counted in one grouped query;
one whose filter has a method of its own (a booking kind through active resources, "open now")
is counted value by value through that method, so a count never disagrees with the list the
value would show. Several values of one facet mean any of them (MultipleChoiceFilter). Each
count's query is cached until a write changes the data (core/querycache.py): the same for every
visitor who may see the same rows, and never shown to one who may see fewer.

`FilterPanel` is what the template (templates/includes/filter_panel.html) draws: the search
box, the other fields, the facets, and how many filters are chosen (the phone's «Filters (2)»
button). The directory builds its panel from its own engine's facets, which have the same
shape, so every catalogue page draws its filters with one template.
"""

from dataclasses import dataclass, field

import django_filters
from django.db.models import Count
from django.http import QueryDict

from .querycache import cached_counts, cached_rows


@dataclass
class FacetValue:
    value: str
    label: str
    count: int | None  # None: not counted (the filters are not valid)
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]
    approximate: bool = False  # counted on a sample (the directory's broad searches)


@dataclass
class FilterPanel:
    """A list's filters as the page shows them: `form` the FilterSet's form, `facets` its
    checkbox facets, `search` the name of its free-text field (shown outside the panel)."""

    form: object
    facets: list = field(default_factory=list)
    search: str = "q"
    # a template drawn at the top of the panel (the directory's sort order), and the names of
    # the fields it draws, which the panel leaves out
    extra_template: str = ""
    extra_fields: tuple[str, ...] = ()
    # False where the results say why the filters are not valid (the directory's)
    show_errors: bool = True

    @property
    def search_field(self):
        return self.form[self.search] if self.search in self.form.fields else None

    @property
    def fields(self) -> list:
        """The form's fields that are neither the search box nor a facet."""
        drawn = {facet.name for facet in self.facets} | {self.search, *self.extra_fields}
        return [bound for bound in self.form.visible_fields() if bound.name not in drawn]

    @property
    def chosen(self) -> int:
        """How many filters are chosen: each checked value, each filled field (not the text)."""
        data = self.form.data
        names = [f.name for f in self.fields] + [facet.name for facet in self.facets]
        return sum(len([v for v in _values(data, name) if v]) for name in names)


def is_facet(filter_) -> bool:
    """Whether a FilterSet's filter is drawn as checkboxes with counts."""
    return isinstance(filter_, django_filters.MultipleChoiceFilter) and not isinstance(
        filter_, django_filters.ModelMultipleChoiceFilter
    )


def facets_of(filterset) -> list[Facet]:
    """The facets of a bound `filterset`, each value with its count (module docstring); a
    value nothing matches is left out unless it is chosen. Filters that are not valid are not
    counted: then every value is listed, without a count, beside the form's errors."""
    data = _query(filterset.data)
    valid = filterset.is_valid()
    return [
        _facet(filterset, name, data, counted=valid)
        for name, filter_ in filterset.filters.items()
        if is_facet(filter_)
    ]


def _facet(filterset, name: str, data: QueryDict, *, counted: bool) -> Facet:
    filter_ = filterset.filters[name]
    others = data.copy()
    others.pop(name, None)
    if not counted:
        counts = None
    elif filter_.method is None:
        counts = _grouped(type(filterset)(others, queryset=filterset.queryset), filter_.field_name)
    else:
        counts = _one_by_one(filterset, name, others)
    selected = set(data.getlist(name))
    choices = [(str(value), str(label)) for value, label in filterset.form.fields[name].choices]
    values = [
        FacetValue(
            value=value,
            label=label,
            count=None if counts is None else counts.get(value, 0),
            selected=value in selected,
        )
        for value, label in choices
        if value and (counts is None or counts.get(value) or value in selected)
    ]
    if counts is not None:
        values.sort(key=lambda v: (-v.count, v.label))
    return Facet(name=name, label=str(filter_.label), values=values)


def _grouped(others, path: str) -> dict[str, int]:
    """How many of `others`' rows have each value of `path`: one query. Through a subquery of
    their keys, so that the filters' joins never multiply the rows counted."""
    model = others.queryset.model
    rows = (
        model._default_manager.filter(pk__in=others.qs.order_by().values("pk"))
        .order_by()
        .values(path)
        .annotate(n=Count("pk", distinct=True))
    )
    return {str(row[path]): row["n"] for row in cached_rows(rows) if row[path] is not None}


def _one_by_one(filterset, name: str, others: QueryDict) -> dict[str, int]:
    """A method filter's counts: each value through the filter itself, a query per value (read
    from the cache together)."""
    querysets = {}
    for value, _label in filterset.form.fields[name].choices:
        if value in ("", None):
            continue
        data = others.copy()
        data.setlist(name, [str(value)])
        querysets[str(value)] = type(filterset)(data, queryset=filterset.queryset).qs
    return cached_counts(querysets)


def _query(data) -> QueryDict:
    """The filters' data as a QueryDict (a test may give a dict)."""
    if isinstance(data, QueryDict):
        return data
    query = QueryDict(mutable=True)
    for name, value in (data or {}).items():
        query.setlist(name, [str(v) for v in value] if isinstance(value, list | tuple) else [value])
    return query


def _values(data, name: str) -> list:
    if hasattr(data, "getlist"):
        return data.getlist(name)
    value = (data or {}).get(name)
    return list(value) if isinstance(value, list | tuple) else [value] if value else []
