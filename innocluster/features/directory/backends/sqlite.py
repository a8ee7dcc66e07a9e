# ruff: noqa: S608 - the SQL here is assembled from constants; values are always parameters
"""SQLite: an FTS5 table of stemmed text, and a table of one-typo neighbours of name words.

SQLite has no Russian stemmer, so the triggers call `directory_stem()`, Python's Snowball
stemmers (text.stem_text) registered on every connection, and queries go through the same
function: «роботов» becomes «робот»* at query time and «робототехника» «робототехник» in the
index, and the prefix finds it. FTS5 cannot fuzzy-match, so `directory_fuzzy` holds every name
word's stem with each of its one-letter deletions (the SymSpell idea): a query word one typo
away from a name word shares one of these strings with it.

The triggers are row-level (SQLite has no other kind) and skip their work while
`directory_deferred()` is true, which `deferred()` sets for a bulk load on this thread.
"""

import json
import threading
from contextlib import contextmanager

from django.db import connection
from django.db.models import FloatField
from django.db.models.expressions import RawSQL

from innocluster.platform.search.text import (
    MIN_FUZZY_CHARS,
    deletions,
    name_variants,
    query_stems,
    query_terms,
    stem_text,
    typo_neighbours,
)

from ..engine import PARTIAL_RANK, QuerySyntax, band_sql

SYNTAX = QuerySyntax('"{}"*', '"{}"', 'name:"{}"', " AND ", " OR ")  # text queries

FTS_TABLE = "directory_fts"
# bm25 weights of the columns: name, tags (technologies, industries, products), description,
# product descriptions.
BM25_WEIGHTS = "10.0, 4.0, 2.0, 1.0"

_TERMS = "(SELECT group_concat(x.name_ru || ' ' || x.name_en, ' ') FROM {link} l JOIN {table} x"
TECHNOLOGIES = (
    _TERMS.format(link="organizations_organization_technologies", table="organizations_technology")
    + " ON x.id = l.technology_id WHERE l.organization_id = o.id)"
)
INDUSTRIES = (
    _TERMS.format(link="organizations_organization_industries", table="organizations_industry")
    + " ON x.id = l.industry_id WHERE l.organization_id = o.id)"
)
PRODUCTS = (
    "(SELECT group_concat(p.{field}, ' ') FROM organizations_product p "
    "WHERE p.organization_id = o.id)"
)

FACET_TABLE = "directory_facet"
# JSON arrays: json_each() unnests them (engine.py).
FACET_COLUMNS = "org_type, region, band, industries, technologies, trls, name_key, created_at"


def _ids_array(link: str, column: str) -> str:
    return (
        f"(SELECT json_group_array({column}) FROM (SELECT l.{column} FROM {link} l "
        f"WHERE l.organization_id = o.id ORDER BY l.{column}))"
    )


# The statements that remove, then rewrite, the entries of the organizations `{ids}` selects.
REMOVE = [
    f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({{ids}})",
    f"DELETE FROM {FACET_TABLE} WHERE organization_id IN ({{ids}})",
]
REFRESH = REMOVE + [
    f"""INSERT INTO {FTS_TABLE} (rowid, name, tags, body, extra)
    SELECT o.id, directory_stem(o.short_name || ' ' || o.full_name),
      directory_stem(coalesce({TECHNOLOGIES}, '') || ' ' || coalesce({INDUSTRIES}, '') || ' '
                     || coalesce({PRODUCTS.format(field="name")}, '')),
      directory_stem(o.description_ru || ' ' || o.description_en),
      directory_stem(coalesce({PRODUCTS.format(field="description")}, ''))
    FROM organizations_organization o WHERE o.id IN ({{ids}})""",
    f"""INSERT INTO {FACET_TABLE} (organization_id, {FACET_COLUMNS})
    SELECT o.id, o.org_type, o.region, {band_sql("o.headcount")},
      {_ids_array("organizations_organization_industries", "industry_id")},
      {_ids_array("organizations_organization_technologies", "technology_id")},
      (SELECT json_group_array(DISTINCT p.trl) FROM organizations_product p
       WHERE p.organization_id = o.id),
      lower(o.short_name), o.created_at
    FROM organizations_organization o WHERE o.id IN ({{ids}})""",
    """INSERT OR IGNORE INTO directory_fuzzy (variant, term)
    SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]')
    FROM organizations_organization o, json_each(directory_name_variants(o.short_name)) j
    WHERE o.id IN ({ids})""",
]

# table, event, the ids it touches
TRIGGERS = [
    ("organizations_organization", "INSERT", "NEW.id"),
    ("organizations_organization", "UPDATE", "NEW.id"),
    ("organizations_organization", "DELETE", "OLD.id"),
    ("organizations_product", "INSERT", "NEW.organization_id"),
    ("organizations_product", "UPDATE", "NEW.organization_id, OLD.organization_id"),
    ("organizations_product", "DELETE", "OLD.organization_id"),
    ("organizations_organization_technologies", "INSERT", "NEW.organization_id"),
    ("organizations_organization_technologies", "DELETE", "OLD.organization_id"),
    ("organizations_organization_industries", "INSERT", "NEW.organization_id"),
    ("organizations_organization_industries", "DELETE", "OLD.organization_id"),
    (
        "organizations_technology",
        "UPDATE",
        "SELECT organization_id FROM organizations_organization_technologies "
        "WHERE technology_id = NEW.id",
    ),
    (
        "organizations_industry",
        "UPDATE",
        "SELECT organization_id FROM organizations_organization_industries "
        "WHERE industry_id = NEW.id",
    ),
]

_state = threading.local()


def _deferred() -> int:
    return 1 if getattr(_state, "deferred", False) else 0


def _variants(name):
    return json.dumps(name_variants(name or ""), ensure_ascii=False)


def add_functions(sqlite_connection) -> None:
    """What the triggers and queries call; registered on every new connection (apps.py)."""
    sqlite_connection.create_function("directory_stem", 1, stem_text, deterministic=True)
    sqlite_connection.create_function("directory_name_variants", 1, _variants, deterministic=True)
    sqlite_connection.create_function("directory_deferred", 0, _deferred)


def _trigger_name(table: str, event: str) -> str:
    return f"directory_{table.removeprefix('organizations_')}_{event.lower()}"


def install_sql() -> list[str]:
    statements = [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
        "name, tags, body, extra, tokenize = 'unicode61 remove_diacritics 0', prefix = '3')",
        "CREATE TABLE IF NOT EXISTS directory_fuzzy (variant TEXT NOT NULL, term TEXT NOT NULL, "
        "PRIMARY KEY (variant, term)) WITHOUT ROWID",
        f"CREATE TABLE IF NOT EXISTS {FACET_TABLE} (organization_id INTEGER PRIMARY KEY, "
        "org_type TEXT, region TEXT, band TEXT, industries TEXT, technologies TEXT, trls TEXT, "
        "name_key TEXT, created_at TEXT)",
    ]
    for table, event, ids in TRIGGERS:
        name = _trigger_name(table, event)
        deleted = table == "organizations_organization" and event == "DELETE"
        body = "; ".join(s.format(ids=ids) for s in (REMOVE if deleted else REFRESH))
        statements += [
            f"DROP TRIGGER IF EXISTS {name}",
            f"CREATE TRIGGER {name} AFTER {event} ON {table} "
            f"WHEN NOT directory_deferred() BEGIN {body}; END",
        ]
    return statements


def uninstall_sql() -> list[str]:
    statements = [f"DROP TRIGGER IF EXISTS {_trigger_name(t, e)}" for t, e, _ in TRIGGERS]
    return statements + [
        f"DROP TABLE IF EXISTS {FTS_TABLE}",
        "DROP TABLE IF EXISTS directory_fuzzy",
        f"DROP TABLE IF EXISTS {FACET_TABLE}",
    ]


NEAR_TOKENS = 2  # «3D-печать металлом»: adjacent; «печать изделий из металла»: close
_MATCHING = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"


def _quote(term: str) -> str:
    return f'"{term}"'  # terms are letters and digits only (text.words)


class SQLiteBackend:
    vendor = "sqlite"
    materialized = "MATERIALIZED"

    def source_sql(
        self,
        match: str | None,
        columns: list[str],
        *,
        words: list[str] | None = None,
        near: str | None = None,
    ) -> tuple[str, list]:
        """`columns` of the entries matching `match` (an FTS5 query, see `fts_query`; None:
        all), with `id` and `rank` (bm25, higher is better; `words`: a partial match's words,
        see rank_sql)."""
        columns = ", ".join(["f.organization_id AS id", *(f"f.{c}" for c in columns)])
        if match is None:
            return f"SELECT {columns}, 0.0 AS rank FROM {FACET_TABLE} f", []
        rank, params = self.rank_sql(match, words, near)
        return (
            f"SELECT {columns}, {rank} AS rank FROM {FTS_TABLE} "
            f"JOIN {FACET_TABLE} f ON f.organization_id = {FTS_TABLE}.rowid "
            f"WHERE {FTS_TABLE} MATCH %s",
            [*params, match],
        )

    def rank_sql(
        self, match: str, words: list[str] | None = None, near: str | None = None
    ) -> tuple[str, list]:
        """bm25 (names weigh most), doubled where the query's words stand close together
        (`near`, see near_query: bm25 alone does not see where the words are); with `words`
        (a partial match), PARTIAL_RANK for each of them the entry holds. In a statement
        whose FTS5 table matches `match`."""
        sql, params = f"-bm25({FTS_TABLE}, {BM25_WEIGHTS})", []
        if near:
            sql += f" * (1 + ({FTS_TABLE}.rowid IN ({_MATCHING})))"
            params.append(near)
        for word in words or ():
            sql += f" + CASE WHEN {FTS_TABLE}.rowid IN ({_MATCHING}) THEN {PARTIAL_RANK} ELSE 0 END"
            params.append(word)
        return sql, params

    @staticmethod
    def near_query(query: str) -> str | None:
        """The query's words (their stems) within NEAR_TOKENS of each other in one column,
        in any order; None for a single word."""
        stems = [group[0][0][0] for group in query_terms(query)]
        if len(stems) < 2:
            return None
        return f"NEAR({' '.join(_quote(s) + '*' for s in stems)}, {NEAR_TOKENS})"

    def array_overlaps(self, column: str, marks: str) -> str:
        return f"EXISTS (SELECT 1 FROM json_each({column}) WHERE value IN ({marks}))"

    def plan_match(self, query: str, *, any_word: bool = False) -> str | None:
        return self.fts_query(query, any_word=any_word) or None

    def match_phrases(self, queryset, phrases: list[str]):
        """`queryset` narrowed to the organizations matching any of `phrases` (every word of
        one of them; no typos), with `search_rank`; none when no phrase has a word."""
        expression = SYNTAX.any_phrase([query_terms(phrase) for phrase in phrases])
        if not expression:
            return queryset.none()
        rank_sql, params = self.rank_sql(expression)
        rank = RawSQL(rank_sql, params, FloatField())  # noqa: S611 - constants and parameters
        matching = queryset.filter(search_fts__document__fts_match=expression)
        return matching.annotate(search_rank=rank)

    def match(self, queryset, query: str, *, any_word: bool = False):
        """`queryset` narrowed to the organizations matching `query` (`any_word`: some of its
        words, ranked by how many), with `search_rank`."""
        words = self.word_queries(query)
        if not words:
            return queryset
        expression = (SYNTAX.either if any_word else SYNTAX.both).join(words)
        rank_sql, params = self.rank_sql(
            expression, words if any_word else None, self.near_query(query)
        )
        rank = RawSQL(rank_sql, params, FloatField())  # noqa: S611 - constants and parameters
        return queryset.filter(search_fts__document__fts_match=expression).annotate(
            search_rank=rank
        )

    def fts_query(self, query: str, *, any_word: bool = False) -> str:
        """Every word of the query (`any_word`: any of them), each as word_queries says."""
        return (SYNTAX.either if any_word else SYNTAX.both).join(self.word_queries(query))

    @staticmethod
    def any_of(words: list[str]) -> str:
        """A query matching any of `words` (word_queries): a partial match."""
        return SYNTAX.either.join(words)

    def word_queries(self, query: str) -> list[str]:
        """Each word of the query as an FTS5 query of its alternatives (text.query_terms): a
        stem prefix, or the vowel Russian drops put back (text.fleeting_vowel: «станк»* OR
        «станок»* OR «станек»*), the root of its family, its other layout, its equivalents;
        a word of four letters or more may also be a name word one typo away: («робтех»* OR
        name:«роботех»)."""
        terms = query_terms(query)
        return SYNTAX.words(terms, self.name_neighbours([group[0][0][0] for group in terms]))

    @staticmethod
    def name_neighbours(stems: list[str]) -> dict[str, set[str]]:
        """Name terms one typo from each stem (not the stem itself), in one query."""
        stems = [s for s in stems if len(s) >= MIN_FUZZY_CHARS]
        if not stems:
            return {}
        variants = {v: s for s in stems for v in deletions(s)}
        marks = ", ".join(["%s"] * len(variants))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT variant, term FROM directory_fuzzy WHERE variant IN ({marks})",
                list(variants),
            )
            rows = cursor.fetchall()
        return typo_neighbours((variants[variant], term) for variant, term in rows)

    def name_prefix_ids(self, query: str, *, limit: int) -> list[int]:
        """Organizations whose name has words starting with the query's."""
        stems = query_stems(query)
        if not stems:
            return []
        expression = "name : (" + " AND ".join(_quote(s) + "*" for s in stems) + ")"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT %s",
                [expression, limit],
            )
            return [row[0] for row in cursor.fetchall()]

    def prepare(self, cursor) -> None:
        pass

    def refresh(self, ids: list[int]) -> None:
        if not ids:
            return
        marks = ", ".join(str(int(i)) for i in ids)
        with connection.cursor() as cursor:
            for statement in REFRESH:
                cursor.execute(statement.format(ids=marks))

    @contextmanager
    def deferred(self):
        """Triggers stand aside on this thread until the block ends."""
        previous = getattr(_state, "deferred", False)
        _state.deferred = True
        try:
            yield
        finally:
            _state.deferred = previous

    def indexed_ids_sql(self) -> str:
        return f"SELECT rowid FROM {FTS_TABLE}"
