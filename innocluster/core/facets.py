"""The catalogue kit's filter panel: checkbox facets with counts, for every list page.

A list's FilterSet says what may be chosen; here each of its multiple-choice filters becomes a
facet: its values, each with how many rows of the list pass every *other* chosen filter and
have that value (choosing Moscow still shows how many there are in St Petersburg), as the
directory's search counts its own (features/directory/engine.py). The rows counted are the
FilterSet's queryset, which the page's selector has already cut to what the caller may see.

A facet whose filter reads a field (`field_name`, no `method`) is counted in one grouped query;
one whose filter has a method of its own (a booking kind through active resources, "open now")
is counted value by value through that method, so a count never disagrees with the list the
value would show. Several values of one facet mean any of them (MultipleChoiceFilter). The
counts are cached until a write changes the data (core/querycache.py): the field facets' all
together, under the query of the page's rows, and each facet's query under its own (`_counts`);
the same for every visitor who may see the same rows, never shown to one who may see fewer. A
facet's rows are the page's FilterSet's filters but its own, applied from the form the page
has validated (`_rows`), not through a FilterSet made again per facet.

`FilterPanel` is what the template (templates/includes/filter_panel.html) draws: the search
box, the other fields, the facets, and how many filters are chosen (the phone's «Filters (2)»
button). The directory builds its panel from its own engine's facets, which have the same
shape, so every catalogue page draws its filters with one template.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

import django_filters
from django.core.exceptions import EmptyResultSet, FieldDoesNotExist
from django.db import connections, models
from django.db.models import Count, F, Value
from django.db.models.lookups import In
from django.db.models.sql.where import AND, WhereNode
from django.http import QueryDict

from .filters import AnyOfFilter, WordsLastFilterSet
from .querycache import (
    cached_counts,
    cached_result,
    cached_rows,
    cached_statement,
    models_along,
    prime_count,
)


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


def facet_indexes(
    prefix: str, facets: Sequence[str], *, listed: Sequence[str], also: Sequence[str] = ()
) -> list[models.Index]:
    """Indexes from which a large catalogue's facets are counted without reading its rows: one
    per facet field, that field first (the counts are read in its order, with no sort), then
    the fields that say which rows are listed (`listed`: a status, an expiry), then every other
    facet's and `also`'s (another filter's, such as a salary): the count of one facet under any
    choice of the others' is a scan of its index alone. A catalogue's rows are wide (texts); its
    index entries are a few dozen bytes. The job search at 100,000 vacancies on SQLite: its ten
    facets' statements took 1.5 s without them, 80 ms with them (timed bare, on a loaded
    machine; issue 22). Index names are
    `{prefix}_{field}`, cut to the 30 characters Django allows. Their names are kept
    (`FACET_INDEXES`): SQLite must not skip-scan them (core/statistics.py).

    One more, `{prefix}_by_key`, holds the same by each row's key, for the rows found by their
    keys (a word index's, platform/search/wordindex.py): SQLite reads each one's facets there
    instead of in the row itself (a common word's 21,000 vacancies grouped by their facets:
    60 ms through the rows, 40 through this index, on a loaded machine; issue 22)."""
    indexes = [
        models.Index(
            fields=[facet, *listed, *(other for other in facets if other != facet), *also],
            name=f"{prefix}_{facet}"[:30],
        )
        for facet in facets
    ]
    FACET_INDEXES.update(index.name for index in indexes)
    by_key = models.Index(fields=["id", *listed, *facets], name=f"{prefix}_by_key"[:30])
    return [*indexes, by_key]


# The names of every index facet_indexes made.
FACET_INDEXES: set[str] = set()


def is_facet(filter_) -> bool:
    """Whether a FilterSet's filter is drawn as checkboxes with counts."""
    return isinstance(filter_, django_filters.MultipleChoiceFilter) and not isinstance(
        filter_, django_filters.ModelMultipleChoiceFilter
    )


def facets_of(filterset, counts: dict | None = None) -> list[Facet]:
    """The facets of a bound `filterset`, each value with its count (module docstring); a
    value nothing matches is left out unless it is chosen. Filters that are not valid are not
    counted: then every value is listed, without a count, beside the form's errors. `counts`:
    what `facet_counts` gave, when the caller has it already (core/listing.py caches it)."""
    data = _query(filterset.data)
    if counts is None:
        counts = facet_counts(filterset)
    return [_facet(filterset, name, data, counts.get(name)) for name in _facet_names(filterset)]


def facet_counts(filterset) -> dict[str, dict[str, int]]:
    """{facet: {value: count}} of a bound `filterset`; {} when its filters are not valid."""
    return _counts(filterset, _facet_names(filterset)) if filterset.is_valid() else {}


def _facet_names(filterset) -> list[str]:
    return [name for name, filter_ in filterset.filters.items() if is_facet(filter_)]


def _counts(filterset, names: list[str]) -> dict[str, dict[str, int]]:
    """{facet: {value: count}} of a valid `filterset`. The field facets' counts are a function
    of the query of the page's rows (the caller's rows and every chosen filter: a facet's counts
    are those filters but its own), so all of them are one entry of the query cache, keyed by
    that query: a page seen again reads them with one query compiled and one round trip, not
    a query built and compiled per facet. Missing, the facets with no value chosen are counted
    together (`_field_counts`), and each chosen one's counts are read through the cache under
    its own query (another choice of the same facet leaves its counts as they were). A method
    facet's
    values are counted as they always are, each under its own query: a method may read the
    clock (a challenge's stage), which the rows' query does not show."""
    cls = type(filterset)
    grouped = [name for name in names if filterset.filters[name].method is None]
    counts = {}
    if grouped:
        kind = f"facets:{cls.__module__}.{cls.__qualname__}:{','.join(grouped)}"
        model = filterset.queryset.model
        # A facet across a relation (a measure's costs) reads that relation's table too, which
        # the rows' query does not show unless its filter is chosen.
        joined = [
            other
            for name in grouped
            for other in models_along(model, filterset.filters[name].field_name) or []
        ]
        counts = dict(
            cached_result(
                kind, filterset.qs, lambda: _field_counts(filterset, grouped), also_reads=joined
            )
        )
    for name in names:
        if name not in counts:
            counts[name] = _one_by_one(filterset, name)
    return counts


def _facet(filterset, name: str, data: QueryDict, counts: dict[str, int] | None) -> Facet:
    """A facet of `filterset` with `counts` ({value: count}; None: not counted)."""
    filter_ = filterset.filters[name]
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


def _rows(filterset, name: str, chosen: list | None = None):
    """The rows of a valid `filterset` through every chosen filter but `name`'s (with `chosen`:
    and `name`'s filter at those values only), as the FilterSet of the other filters' data
    would give them, yet from the form the page has already validated: no FilterSet made and
    no form cleaned again for each facet (issue 18: that was a third of the job search's CPU).
    The form's cleaned data is swapped for the filtering and put back."""
    form = filterset.form
    cleaned = form.cleaned_data
    form.cleaned_data = {
        **cleaned,
        name: form.fields[name].clean([] if chosen is None else chosen),
    }
    filterset.counting = True  # every row is read, not the first few in an order (filters.py)
    try:
        return filterset.filter_queryset(filterset.queryset.all())
    finally:
        form.cleaned_data = cleaned
        filterset.counting = False


def _field_counts(filterset, names: list[str]) -> dict[str, dict[str, int]]:
    """The field facets' counts. Of the bare list, and of a facet whose own choice is the only
    one, from the totals the writes keep, where the list has them (`_kept_counts`). The facets
    with no value chosen all count the same rows (the page's: every chosen filter, none of
    theirs), together where the database can (`_grouped_at_once`); each other one under its
    own query."""
    chosen = [name for name in names if filterset.form.cleaned_data.get(name)]
    unchosen = [name for name in names if name not in chosen]
    counts = _kept_counts(filterset, names, chosen) or {}
    if len(unchosen) > 1 and not set(unchosen) <= set(counts):
        counts.update(_grouped_at_once(filterset, unchosen))
    counts = {name: counts[name] if name in counts else _grouped(filterset, name) for name in names}
    _total_of_a_choice(filterset, chosen, counts)
    return counts


def _total_of_a_choice(filterset, chosen: list[str], counts: dict[str, dict[str, int]]) -> None:
    """The page's total, where a chosen facet tells it (`prime_count`): the sum of its counts
    of the values chosen. A facet counts the rows that pass every other filter by the value
    of one column of theirs, and the page's rows are those with one of the chosen values:
    when the facet's filter is that column's `IN` and nothing more (`AnyOfFilter.condition`),
    the sum is the total, and the statement that would count it is saved (a job search with
    every facet chosen: one of eleven, issue 22)."""
    if getattr(filterset, "_facets_total_primed", False):  # counted on the way already
        return
    model = filterset.queryset.model
    data = filterset.form.cleaned_data
    for name in chosen:
        filter_ = filterset.filters[name]
        if not isinstance(filter_, AnyOfFilter) or not _plain_column(model, filter_.field_name):
            continue
        if filter_.condition(filterset.queryset, data[name]) is None:
            continue
        values = {str(value) for value in data[name]}
        _prime_total(filterset, sum(counts[name].get(value, 0) for value in values))
        return


def _prime_total(filterset, total: int) -> None:
    """Keep the page's total (`prime_count`), counted on the way by the facets' statements;
    once: each keeping compiles the page's query for its key."""
    prime_count(filterset.qs, total)
    filterset._facets_total_primed = True


def _kept_counts(filterset, names: list[str], chosen: list[str]) -> dict[str, dict[str, int]]:
    """What the totals the writes keep (core/facettotals.py) can say, where the FilterSet has
    them (`kept_totals`) and its rows are the list everybody sees: with nothing chosen, every
    facet's counts and the page's total; with one facet's values chosen and nothing else, that
    facet's counts (its own choice left out, they are the bare list's). Else {}."""
    kept = getattr(filterset, "kept_totals", None)
    if kept is None or len(chosen) > 1 or _chosen_besides(filterset, chosen):
        return {}
    if not _same_rows(filterset.queryset, kept.rows()):
        return {}
    model = filterset.queryset.model
    wanted = chosen or names
    columns = {
        name: model._meta.get_field(filterset.filters[name].field_name).column for name in wanted
    }
    if not set(columns.values()) <= set(kept.totals.columns):
        return {}
    found, total = kept.totals.counts(kept.since(), filterset.queryset.db)
    if not chosen:
        _prime_total(filterset, total)
    return {name: found[column] for name, column in columns.items()}


def _chosen_besides(filterset, names: list[str]) -> bool:
    """Whether a filter other than `names` is filled in (those that only order the rows
    aside)."""
    ordering = getattr(filterset, "ordering_filters", ())
    data = filterset.form.cleaned_data
    return any(value for name, value in data.items() if name not in (*ordering, *names))


def _same_rows(queryset, rows) -> bool:
    """Whether two querysets read the same rows (their keys' SQL and parameters)."""
    try:
        return _keys_sql(queryset) == _keys_sql(rows)
    except EmptyResultSet:
        return False


def _keys_sql(queryset) -> tuple:
    return queryset.order_by().values("pk").query.sql_with_params()


def _grouped_at_once(filterset, names: list[str]) -> dict[str, dict[str, int]]:
    """Facets that count the same rows (the page's), read from their own table, in one
    statement: the rows' query built and compiled once, not once per facet, and one round
    trip; the page's total counted on the way (`prime_count`). When a filter joins another
    table, {}: each facet counts in `_grouped`.

    On PostgreSQL one pass over the rows groups them by each facet's field (GROUPING SETS:
    the job search's bare page at 100,000 vacancies, ten index scans of 35-40 ms each became
    one). SQLite has no GROUPING SETS: when the rows are cut (words, a choice, a salary floor)
    they are read once into a materialized WITH and each facet grouped there (a common word
    at 100,000 vacancies: 4 s for ten statements that each tested it again, 0.4 s in one
    pass; the remote ones, 172 ms in nine scans of the facets' indexes, 33 ms through the
    chosen facet's; issue 22, a loaded machine); the whole list is better grouped facet by
    facet, a part of a UNION ALL each, through the facet's own index."""
    rows = _rows(filterset, names[0]).order_by()
    paths = [filterset.filters[name].field_name for name in names]
    columns = rows.values(*paths)
    if not _from_one_table(columns.query):
        return {}
    if connections[rows.db].vendor == "postgresql":
        found = _grouping_sets(columns)
    elif not all(_plain_column(rows.model, path) for path in paths):
        return {}
    elif _chosen_besides(filterset, []):
        found = _materialized_groupings(columns)
    else:
        found = _union_of_groupings(rows, paths)
    counts = {name: {} for name in names}
    for i, value, count in found:
        if i == ALL_ROWS:
            _prime_total(filterset, count)
        elif value is not None:
            counts[names[i]][str(value)] = count
    return counts


ALL_ROWS = -1  # the grouping of all the rows: the page's total


def _compiled(columns) -> tuple[str, list] | None:
    """The SQL and parameters of a `values()` queryset; None when no row can pass."""
    try:
        return columns.query.get_compiler(using=columns.db).as_sql()
    except EmptyResultSet:  # a filter nothing passes
        return None


def _grouping_sets(columns) -> list[tuple[int, object, int]]:
    """(which column, its value, how many rows) for every value of every column of `columns`
    (a `values()` queryset), and (ALL_ROWS, None, how many rows): one pass."""
    compiled = _compiled(columns)
    if compiled is None:
        return []
    inner, params = compiled
    keys = [f"c{i}" for i in range(len(columns.query.values_select))]
    listed = ", ".join(keys)
    flags = ", ".join(f"GROUPING({key})" for key in keys)
    sets = ", ".join(f"({key})" for key in keys)
    # S608: our own names around the ORM's compiled statement; every value is a parameter
    head = f"SELECT {listed}, {flags}, COUNT(*) FROM"  # noqa: S608
    sql = f"{head} ({inner}) AS counted({listed}) GROUP BY GROUPING SETS ({sets}, ())"
    with connections[columns.db].cursor() as cursor:
        cursor.execute(sql, params)
        found = []
        for row in cursor.fetchall():
            values, ungrouped, count = row[: len(keys)], row[len(keys) : -1], row[-1]
            if 0 not in ungrouped:  # the empty set: all the rows
                found.append((ALL_ROWS, None, count))
                continue
            i = ungrouped.index(0)  # GROUPING() is 0 for the one key this row's set groups by
            found.append((i, values[i], count))
        return found


def _materialized_groupings(columns) -> list[tuple[int, object, int]]:
    """The same, the rows read once into a materialized WITH and grouped there by each
    column in turn (SQLite)."""
    compiled = _compiled(columns)
    if compiled is None:
        return []
    inner, params = compiled
    keys = [f"c{i}" for i in range(len(columns.query.values_select))]
    # S608: our own names around the ORM's compiled statement; every value is a parameter
    parts = [f"SELECT {ALL_ROWS}, NULL, COUNT(*) FROM m"]  # noqa: S608
    for i, key in enumerate(keys):
        parts.append(f"SELECT {i}, {key}, COUNT(*) FROM m GROUP BY {key}")  # noqa: S608
    head = f"WITH m({', '.join(keys)}) AS MATERIALIZED ({inner}) "  # noqa: S608
    sql = head + " UNION ALL ".join(parts)
    with connections[columns.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _union_of_groupings(rows, paths: list[str]) -> list[tuple[int, object, int]]:
    """The same, as one statement of a grouping per path (UNION ALL), each through its
    column's index. Django converts a union's rows as its first part's: every path must be a
    plain column (`_plain_column`)."""
    parts = [
        rows.values(_facet_value=F(path)).annotate(_facet_rows=Count("*"), _facet=Value(i))
        for i, path in enumerate(paths)
    ]
    union = parts[0].union(*parts[1:], all=True)
    return [(row["_facet"], row["_facet_value"], row["_facet_rows"]) for row in union]


def _plain_column(model, path: str) -> bool:
    """Whether `path` names a column of `model`'s own table that the database hands back as
    Python reads it (text or a whole number, a key among them): no converter of its own."""
    try:
        field = model._meta.get_field(path)
    except FieldDoesNotExist:
        return False
    if field.is_relation:
        field = field.target_field if field.many_to_one else None
    plain = (models.CharField, models.TextField, models.IntegerField, models.AutoField)
    return field is not None and isinstance(field, plain)


def _grouped(filterset, name: str) -> dict[str, int]:
    """How many of the rows the other filters leave have each value of the facet's field: one
    query, grouping those rows themselves when they come from their own table alone (no join
    can repeat a row), else through a subquery of their keys, so that the filters' joins never
    multiply the rows counted. The direct form lets the database reach the rows through the
    other filters' indexes and count them without a DISTINCT (PostgreSQL sorts every group for
    one), instead of first gathering every key into a set (issue 22: the subquery's form took
    90-170 ms a facet at 100,000 vacancies on SQLite)."""
    path = filterset.filters[name].field_name
    others = _but_its_own(filterset, name)
    others = (others if others is not None else _rows(filterset, name)).order_by()
    # COUNT(*), not of the key: an index without the key (core/facets.facet_indexes) can then
    # answer alone on PostgreSQL too
    rows = others.values(path).annotate(n=Count("*"))
    if _from_one_table(rows.query) and _plain_column(rows.model, path):
        compiled = _compiled(rows)  # once: for the cache's key and to run it
        found = cached_statement(*compiled, rows.db) if compiled else []
        return {str(value): n for value, n in found if value is not None}
    if not _from_one_table(rows.query):
        rows = (
            others.model._default_manager.filter(pk__in=others.values("pk"))
            .order_by()
            .values(path)
            .annotate(n=Count("pk", distinct=True))
        )
    return {str(row[path]): row["n"] for row in cached_rows(rows) if row[path] is not None}


def _but_its_own(filterset, name: str):
    """The rows a chosen facet counts (`_rows`), made from one set of rows for every chosen
    facet: every chosen filter applied once (`_all_chosen`), then the facet's own condition
    taken out of the statement's conditions. Building and compiling the rows of each facet
    afresh, every filter applied again for each, was most of what a job search with every
    facet chosen spent made afresh (issue 22). Where it cannot be so, None (`_rows` then makes
    them): the FilterSet's filters may not be independent (only a WordsLastFilterSet's are
    known to be, its words' form set by `left_out_after`), the facet's filter is not one
    plain condition on a column of the rows' own table (`AnyOfFilter.condition`), or that
    condition is not found exactly once among the statement's conditions."""
    filter_ = filterset.filters[name]
    value = filterset.form.cleaned_data.get(name)
    if not isinstance(filterset, WordsLastFilterSet) or not isinstance(filter_, AnyOfFilter):
        return None
    model = filterset.queryset.model
    if not _plain_column(model, filter_.field_name):
        return None
    if filter_.condition(filterset.queryset, value) is None:
        return None
    rows = _all_chosen(filterset).all()  # a copy whose conditions may be replaced
    field = model._meta.get_field(filter_.field_name)
    where = rows.query.where
    if where.connector != AND or where.negated:
        return None
    conditions = where.children
    own = [c for c in conditions if getattr(getattr(c, "lhs", None), "target", None) is field]
    if len(own) != 1 or not isinstance(own[0], In):
        return None
    rows.query.where = WhereNode([c for c in conditions if c is not own[0]], AND)
    return rows


def _all_chosen(filterset):
    """Every chosen filter's rows, as the facets' counts read them (`_rows`): every row read,
    and the words in the form they take beside one filter fewer (`left_out_after`). Made once
    per FilterSet."""
    rows = getattr(filterset, "_facets_all_chosen", None)
    if rows is None:
        filterset.counting, filterset.left_out_after = True, 1
        try:
            rows = filterset.filter_queryset(filterset.queryset.all())
        finally:
            filterset.counting, filterset.left_out_after = False, 0
        filterset._facets_all_chosen = rows
    return rows


def _from_one_table(query) -> bool:
    """Whether `query` reads its model's table alone, each row once: no join (a filter across
    a relation, or a facet's field on a related row) and no DISTINCT."""
    return not query.distinct and len([a for a, n in query.alias_refcount.items() if n]) <= 1


def _one_by_one(filterset, name: str) -> dict[str, int]:
    """A method filter's counts: each value through the filter itself, a query per value (read
    from the cache together)."""
    querysets = {}
    for value, _label in filterset.form.fields[name].choices:
        if value in ("", None):
            continue
        querysets[str(value)] = _rows(filterset, name, [str(value)])
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
