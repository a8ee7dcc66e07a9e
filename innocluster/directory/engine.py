# ruff: noqa: S608 - the SQL here is assembled from constants; values are always parameters
"""One statement per search: the page of hits, the count and every facet's counts together.

The index keeps, beside each organization's text, the values its facets read (type, region,
headcount band, industry and technology ids, the TRLs of its products, its name for sorting):
PostgreSQL in columns of `directory_searchdocument`, SQLite in `directory_facet`, both written
by the same triggers as the text. A search is then one pass over the matching entries:

    WITH m AS MATERIALIZED (the matches, each with its facet values and, for every selected
                            facet, whether it fails that facet's filter)
    SELECT the count | the page, ordered | each facet's counts     -- UNION ALL, one round trip

A facet's own selection is left out of its counts (choosing Moscow still shows how many there
are in St Petersburg): an entry counts for facet F when it passes every filter, or fails only
F's. The full-text match runs once, not once per facet; nothing is joined per match but the
status (a small table). Multi-valued facets (industries, technologies, TRLs) are counted by
distinct combination and split in Python (a few hundred rows, not one per value of every
match); the two taxonomies come along in the same statement to name them.

What it costs (benchmarks/search.py): at 35,000 organizations on SQLite a query matching 4,600
of them takes ~20 ms for everything; the bare top 20 by rank ~7 ms. At 1,000,000 on
PostgreSQL a query matching 80,000 spends most of its time fetching the matching heap rows
(the entries are ~1.3 KB, too wide to stay in a small shared_buffers) and in the GIN scan of
a broad prefix ('робот':*), not in the facets: see the README's figures.
"""

from dataclasses import dataclass, field

from django.db import transaction

from innocluster.organizations.choices import HEADCOUNT_RANGES
from innocluster.organizations.models import Industry, Organization, Technology

from . import status

# part numbers of the result rows
COUNT, HIT = 0, 1
SCALAR_FACETS = {
    "org_type": "org_type",
    "region": "region",
    "headcount": "band",
    "status": "status",
}
# facet -> (array column of ids or values, taxonomy table or None)
ARRAY_FACETS = {
    "industry": ("industries", Industry._meta.db_table),
    "technology": ("technologies", Technology._meta.db_table),
    "trl": ("trls", None),
}
FACETS = ("org_type", "industry", "technology", "region", "status", "headcount", "trl")
PART = {name: 2 + n for n, name in enumerate(FACETS)}
TERMS = {"industry": 20, "technology": 21}  # the part numbers of the taxonomies' rows


def band_sql(column: str) -> str:
    """The headcount band of `column`, as the filter defines them (choices.HEADCOUNT_RANGES)."""
    whens = " ".join(
        f"WHEN {column} >= {low}"
        + (f" AND {column} <= {high}" if high is not None else "")
        + f" THEN '{band.value}'"
        for band, (low, high) in HEADCOUNT_RANGES.items()
    )
    return f"CASE {whens} END"


@dataclass
class Plan:
    """What one search asks the index: `match` is the backend's own query (None: everything)."""

    match: str | None
    identifier: str = ""  # digits: organizations whose INN or OGRN starts with them, instead
    filters: dict[str, list] = field(default_factory=dict)  # facet -> values (ids for terms)
    sort: str = "name"
    offset: int = 0
    limit: int = 20
    facets: bool = True


@dataclass
class Found:
    ids: list[int] = field(default_factory=list)
    ranks: dict[int, float] = field(default_factory=dict)
    count: int = 0
    # facet -> {value: count}; for taxonomy facets the value is the slug
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    labels: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)


ORDER = {
    "relevance": "rank DESC, id",
    "name": "name_key, id",
    "newest": "created_at DESC, id DESC",
}
# Facet values every search carries; a sort's key only when the search sorts by it (the
# matches are held once in full: a column less is a copy less per match).
FACET_VALUES = ["org_type", "region", "band", "industries", "technologies", "trls"]
SORT_KEYS = {"relevance": [], "name": ["name_key"], "newest": ["created_at"]}


def search(engine, cursor, plan: Plan) -> Found:
    sql, params = statement(engine, plan)
    with transaction.atomic(using=cursor.db.alias):
        engine.prepare(cursor)
        cursor.execute(sql, params)
        return _read(cursor.fetchall(), plan)


def statement(engine, plan: Plan) -> tuple[str, list]:
    source, params = engine.source_sql(plan.match, FACET_VALUES + SORT_KEYS[plan.sort])
    if plan.identifier:
        organizations = Organization._meta.db_table
        source = (
            f"SELECT * FROM ({source}) AS a WHERE a.id IN "
            f"(SELECT id FROM {organizations} WHERE inn LIKE %s OR ogrn LIKE %s)"
        )
        params += [plan.identifier + "%", plan.identifier + "%"]
    status_table = status.table()
    misses, miss_params = _misses(engine, plan.filters, with_status=bool(status_table))
    if status_table:
        join = f"LEFT JOIN {status_table} s ON s.organization_id = src.id AND s.state = %s"
        params.append(status.ACTIVE)  # after the source's: the join follows it
        status_column = "s.kind"
    else:
        join, status_column = "", "CAST(NULL AS TEXT)"
    miss_columns = "".join(f", {sql} AS x_{name}" for name, sql in misses)
    fails = " + ".join(f"x_{name}" for name, _sql in misses) or "0"
    parts = [
        f"SELECT {COUNT} AS part, CAST(NULL AS TEXT) AS k, count(*) AS n, CAST(NULL AS REAL) AS r,"
        " CAST(NULL AS TEXT) AS l1, CAST(NULL AS TEXT) AS l2 FROM m WHERE fails = 0",
        # The page, with each hit's place in it (a UNION ALL promises no order of its rows).
        f"SELECT {HIT}, CAST(id AS TEXT), row_number() OVER (ORDER BY {ORDER[plan.sort]}),"
        " CAST(rank AS REAL), CAST(NULL AS TEXT), CAST(NULL AS TEXT) FROM"
        f" (SELECT {', '.join(['id', 'rank', *SORT_KEYS[plan.sort]])} FROM m WHERE fails = 0"
        f" ORDER BY {ORDER[plan.sort]} LIMIT %s OFFSET %s) AS h",
    ]
    tail_params = [plan.limit, plan.offset]
    if plan.facets:
        active = {name for name, _sql in misses}
        parts += [_scalar_counts(name, active) for name in SCALAR_FACETS]
        parts += [_array_counts(name, active) for name in ARRAY_FACETS]
        parts += [_terms(name) for name in TERMS]
    sql = (
        f"WITH m0 AS (SELECT src.*, {status_column} AS status{miss_columns} "
        f"FROM ({source}) AS src {join}), "
        f"m AS {engine.materialized} (SELECT m0.*, {fails} AS fails FROM m0) "
        + " UNION ALL ".join(parts)
    )
    # In the order of the text: the miss columns come first, in m0's select list.
    return sql, miss_params + params + tail_params


def _misses(engine, filters: dict, *, with_status: bool) -> tuple[list[tuple[str, str]], list]:
    """(facet, SQL that is 1 when an entry fails the facet's filter), for selected facets."""
    misses, params = [], []
    for name in FACETS:
        values = filters.get(name)
        if not values:
            continue
        marks = ", ".join(["%s"] * len(values))
        if name == "status" and not with_status:
            condition = f"CAST(NULL AS TEXT) IN ({marks})"  # no statuses: nobody passes
        elif name in SCALAR_FACETS:
            column = "s.kind" if name == "status" else f"src.{SCALAR_FACETS[name]}"
            condition = f"{column} IN ({marks})"
        else:
            condition = engine.array_overlaps(f"src.{ARRAY_FACETS[name][0]}", marks)
        misses.append((name, f"CASE WHEN {condition} THEN 0 ELSE 1 END"))
        params += list(values)
    return misses, params


def _visible(name: str, active: set) -> str:
    return f"(fails = 0 OR (fails = 1 AND x_{name} = 1))" if name in active else "fails = 0"


def _scalar_counts(name: str, active: set) -> str:
    column = SCALAR_FACETS[name]
    return (
        f"SELECT {PART[name]}, CAST({column} AS TEXT), count(*), CAST(NULL AS REAL),"
        f" CAST(NULL AS TEXT), CAST(NULL AS TEXT) FROM m"
        f" WHERE {_visible(name, active)} AND {column} IS NOT NULL GROUP BY {column}"
    )


def _array_counts(name: str, active: set) -> str:
    """Counted by distinct combination ('[3,7]' on SQLite, '{3,7}' on PostgreSQL: a few
    hundred of them however many matches), split into values by _read: cheaper than
    unnesting every match's values in SQL."""
    column = ARRAY_FACETS[name][0]
    return (
        f"SELECT {PART[name]}, CAST({column} AS TEXT), count(*), CAST(NULL AS REAL),"
        f" CAST(NULL AS TEXT), CAST(NULL AS TEXT) FROM m WHERE {_visible(name, active)}"
        f" GROUP BY {column}"
    )


def _terms(name: str) -> str:
    """The taxonomy behind a facet: id (as `n`), slug and names, to name its counts."""
    table = ARRAY_FACETS[name][1]
    return f"SELECT {TERMS[name]}, slug, id, CAST(NULL AS REAL), name_ru, name_en FROM {table}"


def _read(rows, plan: Plan) -> Found:
    found = Found(counts={name: {} for name in FACETS} if plan.facets else {})
    names = {number: name for name, number in PART.items()}
    taxonomies = {number: name for name, number in TERMS.items()}
    places, combinations, terms = {}, [], {name: {} for name in TERMS}
    for part, key, n, rank, label_ru, label_en in rows:
        if part == COUNT:
            found.count = n
        elif part == HIT:
            places[int(key)] = n
            found.ranks[int(key)] = rank
        elif part in taxonomies:
            terms[taxonomies[part]][n] = (key, label_ru, label_en)
        elif names[part] in ARRAY_FACETS:
            combinations.append((names[part], key, n))
        else:
            found.counts[names[part]][key] = n
    found.ids = sorted(places, key=places.get)
    _split(found, combinations, terms)
    return found


def _split(found: Found, combinations, terms) -> None:
    """Each combination's count to each of its values; taxonomy ids to slugs and names."""
    tallies: dict[str, dict[str, int]] = {name: {} for name in ARRAY_FACETS}
    for name, combination, n in combinations:
        tally = tallies[name]
        for value in combination.strip("[]{}").split(","):
            tally[value] = tally.get(value, 0) + n
    for name, tally in tallies.items():
        tally.pop("", None)  # an empty combination
        if not tally:
            continue
        if name not in terms:
            found.counts[name].update(tally)
            continue
        for value, n in tally.items():
            term = terms[name].get(int(value))
            if term is None:
                continue  # a term deleted since: its links and entries go with it
            slug, name_ru, name_en = term
            found.counts[name][slug] = n
            found.labels.setdefault(name, {})[slug] = (name_ru, name_en)


def _terms_sql(kind: int, field) -> str:
    link, term = field.remote_field.through._meta.db_table, field.related_model._meta.db_table
    column = field.m2m_reverse_name()
    return (
        f"SELECT l.organization_id, {kind}, t.slug, t.name_ru, t.name_en FROM {link} l "
        f"JOIN {term} t ON t.id = l.{column} WHERE l.organization_id IN ({{ids}})"
    )


# The industries (0) and technologies (1) of a page of organizations, by Russian name.
TERMS_SQL = (
    _terms_sql(0, Organization._meta.get_field("industries"))
    + " UNION ALL "
    + _terms_sql(1, Organization._meta.get_field("technologies"))
    + " ORDER BY 4"
)
