# ruff: noqa: S608 - the SQL here is assembled from constants; values are always parameters
"""A search's page, count and facet counts, from the index: exact when the text matches few
organizations, estimated from a sample of the index when it matches many (PostgreSQL).

The index keeps, beside each organization's text, the values its facets read (type, region,
headcount band, industry and technology ids, the TRLs of its products, its name for sorting):
PostgreSQL in columns of `directory_searchdocument`, SQLite in `directory_facet`, both written
by the same triggers as the text. The exact statement is one pass over the matching entries:

    WITH m AS MATERIALIZED (the matches, each with its facet values and, for every selected
                            facet, whether it fails that facet's filter)
    SELECT the count | the page, ordered | each facet's counts     -- UNION ALL, one round trip

A facet's own selection is left out of its counts (choosing Moscow still shows how many there
are in St Petersburg): an entry counts for facet F when it passes every filter, or fails only
F's. Multi-valued facets (industries, technologies, TRLs) are counted by distinct combination
and split in Python; the two taxonomies come along in the same statement to name them.

That pass costs a few microseconds per match, and at a million organizations a broad word
matches 60,000-130,000 of them (PostgreSQL 15.20 on 2 cores, 128 MB of shared buffers: a
GIN bitmap of a broad prefix alone takes 25-85 ms, and visiting its matches, one page of the
1.4 GB index each, 300-500 ms; the index-only count of PostgreSQL 11-15 was switched off in
their 2024 releases). So on PostgreSQL a search runs in up to three statements:

1. The same statement, without the page, on `directory_searchsample` (1 organization in 64,
   chosen by a hash of its id, kept by the same triggers; for a search without text, 1 in
   512): how many entries of the sample match the text (`reach`), pass the filters, and the
   facet counts. About 2,000 rows at most at a million, in shared buffers.
2. If the text matches at most EXACT_LIMIT organizations by that estimate: the exact
   statement above, on the whole index. Everything it says is exact.
3. Otherwise the count and the facet counts are the sample's, scaled and rounded to two
   significant digits (`Found.approximate`, `facets_approximate`: the page says "About N
   organizations found", the API `count_approximate` and `approximate` on each facet; from
   ~1,300 sampled matches, a standard error of ~3%), and the page comes from a walk that tests
   entries one by one until it has enough, never from a bitmap of every match: the text is
   tested with `ts_match_vq()`, which the GIN index cannot answer, so the planner reads the
   entries in the order of the sort's btree (name, newest; by name within a selected type,
   region or headcount band), or in the table's own order, or through the facets' own indexes
   when the filters leave few (backends/postgres.py, WALK_INDEXES). By relevance it takes the
   first CANDIDATES matches that way (fewer when they are rare: about WALK_PROBES entries
   tested) and the first NAMED_CANDIDATES with the text in their name (weight A; fewer when
   those are rare: NAMED_PROBES), ranked by ts_rank_cd. So a broad search's relevance order is
   exact among those candidates, not over every match; with a word this common the ranks are
   mostly ties anyway (in 1% of the million, a single word's 200-950 matches took 2 to 28
   distinct ranks). When the walk runs out before it has enough, it has seen every match and the
   count is exact.
   A text whose every word is broad but which matches nothing together ("нейросети для
   медицины") is estimated at 0 and answered exactly, in step 2: the GIN index collects every
   entry of each broad prefix first (~40 ms at a million).

SQLite (35,000 organizations) always runs the exact statement: its broadest queries match
~5,000 entries, ~20 ms.

"The bare SQL full-text query it runs" (the issue's ratio, benchmarks/search.py): the SQL
statements that `search` sends for a request (the session settings, 1-3 above), replayed
bare on a cursor with nothing of Django around them; the endpoint's time over theirs is what
the view, the page's organizations, products and terms, and the serialization add.
"""

from contextlib import nullcontext
from dataclasses import dataclass, field

from django.db import transaction

from innocluster.platform.organizations.choices import HEADCOUNT_RANGES
from innocluster.platform.organizations.models import Industry, Organization, Technology

from . import status

# What each word a partial match holds adds to its rank: more than any rank of the text itself
# (PostgreSQL's is normalized below 1, SQLite's bm25 stays far below), so entries holding more
# of the words come first, ranked by the text among themselves.
PARTIAL_RANK = 1000
# part numbers of the result rows
COUNT, HIT, REACH, SIZE, NAMED = 0, 1, 30, 31, 32
# A search whose text matches at most this many organizations (as the sample estimates) reads
# them all: exact count, exact facet counts, exact relevance order.
EXACT_LIMIT = 2000
# A broad search's relevance page ranks at most this many matches, found by testing about
# WALK_PROBES entries in the table's order at most (docstring, 3), or as many as the page needs.
CANDIDATES = 200
WALK_PROBES = 10_000
# and up to NAMED_CANDIDATES of the matches with the text in their name (weight A), found the
# same way testing about NAMED_PROBES entries at most (fewer of them when they are rarer)
NAMED_CANDIDATES = 100
NAMED_PROBES = 3_000
SCALAR_FACETS = {
    "org_type": "org_type",
    "region": "region",
    "headcount": "band",
    "status": "status",
    "kind": "kind",
}
# Scalar facets read beside the index, not from it: an organization's active status (the
# status table, `s`) and its legal form (the organization's own row, `o`, by its key: the form
# is fixed by the INN and rarely asked for, not worth a column of the index and its triggers).
JOINED = {"status": "s.kind", "kind": "o.kind"}
# facet -> (array column of ids or values, taxonomy table or None)
ARRAY_FACETS = {
    "industry": ("industries", Industry._meta.db_table),
    "technology": ("technologies", Technology._meta.db_table),
    "trl": ("trls", None),
}
FACETS = ("org_type", "kind", "industry", "technology", "region", "status", "headcount", "trl")
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


@dataclass(frozen=True)
class QuerySyntax:
    """How a backend writes a text query, so that both build it from the same words
    (text.query_terms): a term as a prefix or whole, a name's word (typos), AND, OR."""

    prefix: str
    whole: str
    name_word: str
    both: str
    either: str

    def words(self, terms, neighbours: dict[str, set[str]]) -> list[str]:
        """Each word of the query as a query of its alternatives, or of a name's word one
        typo from its stem (`neighbours`)."""
        queries = []
        for group in terms:
            alternatives = [self.alternative(a) for a in group]
            near = sorted(neighbours.get(group[0][0][0], ()))
            alternatives += [self.name_word.format(t) for t in near]
            queries.append("(" + self.either.join(alternatives) + ")")
        return queries

    def any_phrase(self, phrases_terms) -> str:
        """A query matching any of several phrases, each with every one of its words (each
        phrase's text.query_terms), no typos: the exchange's matching asks the words of a
        category so, in one statement."""
        queries = [self.both.join(self.words(terms, {})) for terms in phrases_terms if terms]
        return self.either.join(f"({q})" for q in queries)

    def alternative(self, alternative) -> str:
        """One alternative of a word (text.Alternative): every one of its terms."""
        terms = [(self.prefix if prefix else self.whole).format(t) for t, prefix in alternative]
        return terms[0] if len(terms) == 1 else "(" + self.both.join(terms) + ")"


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
    # A partial match (no entry holds every word): `match` asks for any word, and these, each
    # word's own query, rank an entry by how many of them it holds (PARTIAL_RANK each).
    words: list[str] | None = None
    near: str | None = None  # the words close together, where the backend ranks by it apart


@dataclass
class Found:
    ids: list[int] = field(default_factory=list)
    ranks: dict[int, float] = field(default_factory=dict)
    count: int = 0
    # facet -> {value: count}; for taxonomy facets the value is the slug
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    labels: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    # True: `count` is an estimate from the sample (docstring, 3); `facets_approximate`: so are
    # `counts` (the count may still be exact: when the walk for the page saw every match)
    approximate: bool = False
    facets_approximate: bool = False
    reach: int = 0  # the sample's entries that match the text, filters aside
    named: int = 0  # the matches with the text in their name (scaled, as `count`)
    size: int = 0  # the index's entries, as PostgreSQL's statistics estimate them


ORDER = {
    "relevance": "rank DESC, id",
    "name": "name_key, id",
    "newest": "created_at DESC, id DESC",
}
# The same orders on the index's own btrees (backends/postgres.py, ORDER_INDEXES).
WALK_ORDER = {
    "name": "d.name_key, d.organization_id",
    "newest": "d.created_at DESC, d.organization_id DESC",
}
# Facet values every search carries; a sort's key only when the search sorts by it (the
# matches are held once in full: a column less is a copy less per match).
FACET_VALUES = ["org_type", "region", "band", "industries", "technologies", "trls"]
SORT_KEYS = {"relevance": [], "name": ["name_key"], "newest": ["created_at"]}


def search(engine, cursor, plan: Plan) -> Found:
    with _read_transaction(cursor):
        engine.prepare(cursor)
        if getattr(engine, "sample_table", None) is None:
            return _exact(engine, cursor, plan)
        fine = plan.match is None and not plan.identifier
        scale = engine.sample_rate * (engine.fine_rate if fine else 1)
        sample = Plan(**{**plan.__dict__, "limit": 0, "offset": 0})
        cursor.execute(*statement(engine, sample, sample=True, fine=fine))
        found = _read(cursor.fetchall(), sample)
        if found.reach * scale <= EXACT_LIMIT:
            return _exact(engine, cursor, plan)
        _scale(found, scale)
        _page(engine, cursor, plan, found)
        return found


def _read_transaction(cursor):
    """PostgreSQL: a transaction, for the settings `prepare` makes are local to one. SQLite:
    none (its one statement reads one snapshot anyway): SQLite's BEGIN here is IMMEDIATE
    (site/settings.py, for writers), which takes the database's write lock, so every search
    waited for every other one and for every write (issue 18: 8 clients, a search's BEGIN
    alone took up to 180 ms)."""
    if cursor.db.vendor == "sqlite":
        return nullcontext()
    return transaction.atomic(using=cursor.db.alias)


def _exact(engine, cursor, plan: Plan) -> Found:
    cursor.execute(*statement(engine, plan))
    return _read(cursor.fetchall(), plan)


def _scale(found: Found, scale: int) -> None:
    """The sample's counts as estimates for the whole index, to two significant digits (a
    sample of ~1,300 matches is within a few per cent: 84,032 would claim more)."""
    found.approximate = found.facets_approximate = True
    found.count = _rounded(found.count * scale)
    found.named *= scale
    for counts in found.counts.values():
        for value in counts:
            counts[value] = _rounded(counts[value] * scale)


def _rounded(n: int) -> int:
    return n if n < 100 else round(n, 2 - len(str(n)))


def _page(engine, cursor, plan: Plan, found: Found) -> None:
    """The page of a broad search, walking the index (docstring, 3); the count made exact when
    the walk saw every match."""
    join, conditions, params = _conditions(engine, plan, plan.match)
    source = f"FROM {engine.table} d {join} WHERE {' AND '.join(conditions) or 'true'}"
    ranked = plan.sort == "relevance" and plan.match is not None
    wanted = plan.offset + plan.limit
    if ranked:
        size = max(found.size, 1)
        candidates = max(wanted, min(CANDIDATES, int(WALK_PROBES * found.count / size)))
        named = min(max(wanted, NAMED_CANDIDATES), int(NAMED_PROBES * found.named / size))
        rank, rank_params = engine.rank_sql(plan.match, plan.words, plan.near)
        walk = f"SELECT d.organization_id AS id, {rank} AS rank"
        sql = f"WITH g AS ({walk} {source} LIMIT %s)"
        params = rank_params + params + [candidates]
        union = ""
        if named > 0:  # and the first of those named after the text, as many as that costs
            name_match = engine.name_match(plan.match)
            join, conditions, name_params = _conditions(engine, plan, name_match)
            sql += f", a AS ({walk} FROM {engine.table} d {join} WHERE"
            sql += f" {' AND '.join(conditions)} LIMIT %s)"
            params += rank_params + name_params + [named]
            union = " UNION SELECT * FROM a"
        # the number of the walk's candidates: fewer than asked, it saw every match
        sql += (
            f" SELECT id, rank, (SELECT count(*) FROM g) FROM (SELECT * FROM g{union}) AS c"
            " ORDER BY rank DESC, id LIMIT %s OFFSET %s"
        )
        params += [plan.limit, plan.offset]
    else:
        order = WALK_ORDER.get(plan.sort, WALK_ORDER["name"])
        sql = (
            f"SELECT d.organization_id, CAST(0 AS REAL), CAST(NULL AS BIGINT) {source}"
            f" ORDER BY {order} LIMIT %s OFFSET %s"
        )
        params += [plan.limit, plan.offset]
    engine.walk(cursor)
    cursor.execute(sql, params)
    rows = cursor.fetchall()
    found.ids = [row[0] for row in rows]
    found.ranks = {row[0]: row[1] for row in rows}
    if ranked:
        seen = rows[0][2] if rows else 0
        if seen < candidates and (rows or plan.offset == 0):
            found.count, found.approximate = seen, False  # the walk ran out: every match
        return
    if rows and len(rows) < plan.limit or not rows and plan.offset == 0:
        found.count, found.approximate = plan.offset + len(rows), False
    elif not rows:
        found.count = min(found.count, plan.offset)  # past the end of fewer than estimated


def _conditions(engine, plan: Plan, match: str | None) -> tuple[str, list[str], list]:
    """The join and the conditions an entry `d` of the index must meet for `plan`, its text
    matching `match`."""
    join, conditions, params = "", [], []
    if match is not None:
        condition, params = engine.match_sql(match)
        conditions.append(condition)
    if plan.identifier:
        organizations = Organization._meta.db_table
        conditions.append(
            f"d.organization_id IN (SELECT id FROM {organizations} "
            "WHERE inn LIKE %s OR ogrn LIKE %s)"
        )
        params += [plan.identifier + "%", plan.identifier + "%"]
    status_table = status.table()
    for name in FACETS:
        values = plan.filters.get(name)
        if not values:
            continue
        marks = ", ".join(["%s"] * len(values))
        if name == "status":
            if not status_table:
                conditions.append("false")
                continue
            join = f"JOIN {status_table} s ON s.organization_id = d.organization_id"
            conditions.append(f"s.state = %s AND s.kind IN ({marks})")
            params += [status.ACTIVE, *values]
        elif name == "kind":
            organizations = Organization._meta.db_table
            # tested entry by entry as the walk goes (a key lookup), never a set of every id
            conditions.append(
                f"EXISTS (SELECT 1 FROM {organizations} o WHERE o.id = d.organization_id"
                f" AND o.kind IN ({marks}))"
            )
            params += list(values)
        elif name in SCALAR_FACETS:
            conditions.append(f"d.{SCALAR_FACETS[name]} IN ({marks})")
            params += list(values)
        else:
            conditions.append(engine.array_overlaps(f"d.{ARRAY_FACETS[name][0]}", marks))
            params += list(values)
    return join, conditions, params


def statement(engine, plan: Plan, *, sample: bool = False, fine: bool = False):
    """The exact statement of `plan` (docstring); with `sample`, on the sample (`fine`: its
    finer part), without the page, with the number of entries the text matches (`reach`)
    and the size of the index."""
    options = {}
    if sample:
        named = plan.match is not None
        options = {"table": engine.sample_table, "rank": False, "fine": fine, "named": named}
    elif plan.match is not None:
        options = {"words": plan.words, "near": plan.near}
    columns = FACET_VALUES + ([] if sample else SORT_KEYS[plan.sort])
    source, params = engine.source_sql(plan.match, columns, **options)
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
    if plan.facets or "kind" in plan.filters:  # the legal form, when counted or chosen
        join += f" JOIN {Organization._meta.db_table} o ON o.id = src.id"
        kind_column = "o.kind"
    else:
        kind_column = "CAST(NULL AS TEXT)"
    miss_columns = "".join(f", {sql} AS x_{name}" for name, sql in misses)
    fails = " + ".join(f"x_{name}" for name, _sql in misses) or "0"
    parts = [
        f"SELECT {COUNT} AS part, CAST(NULL AS TEXT) AS k, count(*) AS n, CAST(NULL AS REAL) AS r,"
        " CAST(NULL AS TEXT) AS l1, CAST(NULL AS TEXT) AS l2 FROM m WHERE fails = 0",
    ]
    tail_params = []
    if sample:
        parts += [
            f"SELECT {REACH}, NULL, count(*), NULL, NULL, NULL FROM m",
            f"SELECT {SIZE}, NULL, CAST(reltuples AS BIGINT), NULL, NULL, NULL FROM pg_class"
            f" WHERE oid = CAST('{engine.table}' AS regclass)",
        ]
        if named:
            parts.append(
                f"SELECT {NAMED}, NULL, count(*), NULL, NULL, NULL FROM m WHERE fails = 0 AND named"
            )
    else:
        # The page, with each hit's place in it (a UNION ALL promises no order of its rows).
        parts.append(
            f"SELECT {HIT}, CAST(id AS TEXT), row_number() OVER (ORDER BY {ORDER[plan.sort]}),"
            " CAST(rank AS REAL), CAST(NULL AS TEXT), CAST(NULL AS TEXT) FROM"
            f" (SELECT {', '.join(['id', 'rank', *SORT_KEYS[plan.sort]])} FROM m WHERE fails = 0"
            f" ORDER BY {ORDER[plan.sort]} LIMIT %s OFFSET %s) AS h"
        )
        tail_params = [plan.limit, plan.offset]
    if plan.facets:
        active = {name for name, _sql in misses}
        parts += [_scalar_counts(name, active) for name in SCALAR_FACETS]
        parts += [_array_counts(name, active) for name in ARRAY_FACETS]
        parts += [_terms(name) for name in TERMS]
    sql = (
        f"WITH m0 AS (SELECT src.*, {status_column} AS status, {kind_column} AS kind{miss_columns} "
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
            column = JOINED.get(name, f"src.{SCALAR_FACETS[name]}")
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
        elif part == REACH:
            found.reach = n
        elif part == SIZE:
            found.size = n
        elif part == NAMED:
            found.named = n
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


# What a hit shows of its organization (the page and the API): not the rest of a wide row.
HIT_COLUMNS = (
    "id",
    "short_name",
    "full_name",
    "org_type",
    "region",
    "year_founded",
    "description_ru",
    "description_en",
)
# The parts of PAGE_SQL's rows: the page's organizations, their products, their industries
# and their technologies.
ORGANIZATION, PRODUCT, INDUSTRY, TECHNOLOGY = range(4)


def _page_sql() -> str:
    """One statement for everything a page of hits shows beside the index's ids (`{ids}`, four
    times): a round trip and an ORM query less for each of the four.

    Every row is (part, organization id, order within the part, then eight columns): an
    organization's HIT_COLUMNS; a product's id, name, and its TRL where an organization has
    year_founded (both whole numbers, as a union needs); a term's id, slug, Russian and
    English name. Products come by name, terms by Russian name, as the ORM's lists would."""
    organization = Organization._meta
    product = organization.get_field("products").related_model._meta
    p = {name: f"p.{product.get_field(name).column}" for name in ("organization", "name", "trl")}
    blank = ", NULL" * 4
    parts = [
        f"SELECT {ORGANIZATION}, o.id, NULL, "
        + ", ".join(f"o.{organization.get_field(name).column}" for name in HIT_COLUMNS)
        + f" FROM {organization.db_table} o WHERE o.id IN ({{ids}})",
        f"SELECT {PRODUCT}, {p['organization']}, {p['name']}, p.id, {p['name']}, NULL, NULL, "
        f"NULL, {p['trl']}, NULL, NULL FROM {product.db_table} p "
        f"WHERE {p['organization']} IN ({{ids}})",
    ]
    for part, name in ((INDUSTRY, "industries"), (TECHNOLOGY, "technologies")):
        field = organization.get_field(name)
        link, term = field.remote_field.through._meta.db_table, field.related_model._meta.db_table
        owner, term_id = f"l.{field.m2m_column_name()}", f"l.{field.m2m_reverse_name()}"
        parts.append(
            f"SELECT {part}, {owner}, t.name_ru, t.id, t.slug, t.name_ru, t.name_en{blank} "
            f"FROM {link} l JOIN {term} t ON t.id = {term_id} WHERE {owner} IN ({{ids}})"
        )
    return " UNION ALL ".join(parts) + " ORDER BY 1, 3, 4"


PAGE_SQL = _page_sql()
