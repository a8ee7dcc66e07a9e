# ruff: noqa: S608 - the SQL here is assembled from constants; values are always parameters
"""PostgreSQL: `russian` full-text search on a weighted vector with a GIN index, and pg_trgm on
names for typos.

The vector lives in `directory_searchdocument` and is written by `directory_refresh(ids)`, a SQL
function that statement-level triggers call with the ids a statement touched: a bulk insert of
2,000 products refreshes their organizations in one set-based statement, not 2,000 times.
A bulk load may set `innocluster.search_deferred` to `on` (see `deferred()`) and refresh once
at the end instead.

Beside it, the same function keeps `directory_searchsample`: the entries of one organization in
SAMPLE_RATE, chosen by a hash of the id, with their own GIN index. A search whose text matches
many organizations reads its count and facet counts from the sample and scales them
(engine.py): 1/64 of the rows, small enough to stay in shared buffers. `fine` subdivides the
sample once more (FINE_RATE) for searches without text, which match every organization.
"""

import re
from contextlib import contextmanager

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import FloatField
from django.db.models.expressions import RawSQL

from innocluster.platform.search.text import (
    MIN_FUZZY_CHARS,
    query_stems,
    query_terms,
    typo_neighbours,
)

from ..engine import PARTIAL_RANK, QuerySyntax, band_sql

SYNTAX = QuerySyntax("'{}':*", "'{}'", "'{}':A", " & ", " | ")  # text queries

# The entry's vector as the ORM's queries name it (`match`): rank_sql's `d.vector`
_VECTOR = "directory_searchdocument.vector"


SEARCH_WORK_MEM = "64MB"
# Weights of D, C, B, A (ts_rank_cd's order): names far above everything else.
RANK_WEIGHTS = [0.05, 0.2, 0.4, 1.0]

TERM_TEXT = "string_agg(x.name_ru || ' ' || x.name_en, ' ')"
# Beside the vector, each entry keeps what the facets and the sorts read (engine.py), so a
# search never joins the organizations it matched.
FACET_COLUMNS = [
    ("org_type", "varchar(32)"),
    ("region", "varchar(2)"),
    ("band", "varchar(8)"),
    ("industries", "integer[]"),
    ("technologies", "integer[]"),
    ("trls", "integer[]"),
    ("name_key", "text"),
    ("created_at", "timestamptz"),
]
COLUMNS = ["organization_id", "vector"] + [name for name, _type in FACET_COLUMNS]

_OPERAND = re.compile(r"('[^']*')(:\*)?(:A)?")  # a word of a tsquery (see `tsquery`)

SAMPLE_TABLE = "directory_searchsample"
SAMPLE_RATE = 64  # one organization in 64: hashint8(id) & 63 = 0
FINE_RATE = 8  # and one sample entry in 8 of those: the next three bits of the hash are 0
SAMPLE_WHERE = "hashint8({id}) & 63 = 0"
FINE_SQL = "(hashint8({id}) >> 6) & 7 = 0"
SAMPLE_COLUMNS = COLUMNS + ["fine"]
# The sample of the organizations `{ids}` selects, rewritten from their entries.
SAMPLE_REFRESH = [
    f"DELETE FROM {SAMPLE_TABLE} WHERE organization_id {{ids}}",
    f"INSERT INTO {SAMPLE_TABLE} ({', '.join(SAMPLE_COLUMNS)}) "
    f"SELECT {', '.join(COLUMNS)}, {FINE_SQL.format(id='organization_id')} "
    f"FROM directory_searchdocument WHERE organization_id {{ids}} "
    f"AND {SAMPLE_WHERE.format(id='organization_id')}",
]
# Indexes of directory_searchdocument beside its GIN, for a broad search's page (engine.py):
# it walks the entries of a btree in order, or of the facets' own indexes, testing each until
# it has enough. The bulk fill drops them and builds them again at the end.
WALK_INDEXES = {
    "directory_searchdocument_name": "(name_key, organization_id)",
    "directory_searchdocument_created": "(created_at, organization_id)",
    # by name within one value of a scalar facet: a walk by name alone would test every
    # entry whose name sorts before the first that passes (names correlate with the type)
    "directory_searchdocument_type_name": "(org_type, name_key, organization_id)",
    "directory_searchdocument_region_name": "(region, name_key, organization_id)",
    "directory_searchdocument_band_name": "(band, name_key, organization_id)",
    # the entries with some technology, industry, TRL: when the filters leave few entries
    "directory_searchdocument_technologies": "USING gin (technologies)",
    "directory_searchdocument_industries": "USING gin (industries)",
    "directory_searchdocument_trls": "USING gin (trls)",
}


def document_select(ids: str) -> str:
    """The index entries of the organizations whose id satisfies `id {ids}` (e.g. `= ANY(x)`,
    `BETWEEN 1 AND 50000`): set-based, each link table aggregated once for all of them."""
    return f"""
  SELECT o.id,
       setweight(to_tsvector('russian', o.short_name || ' ' || o.full_name), 'A')
    || setweight(to_tsvector('russian', coalesce(t.names, '') || ' ' || coalesce(i.names, '')
                                        || ' ' || coalesce(p.names, '')), 'B')
    || setweight(to_tsvector('russian', o.description_ru || ' ' || o.description_en), 'C')
    || setweight(to_tsvector('russian', coalesce(p.descriptions, '')), 'D'),
    o.org_type, o.region, {band_sql("o.headcount")},
    coalesce(i.id_list, '{{}}'), coalesce(t.id_list, '{{}}'), coalesce(p.trls, '{{}}'),
    lower(o.short_name), o.created_at
  FROM organizations_organization o
  LEFT JOIN ({_terms_select("technology", ids)}
  ) t ON t.organization_id = o.id
  LEFT JOIN ({_terms_select("industry", ids)}
  ) i ON i.organization_id = o.id
  LEFT JOIN (
    SELECT pr.organization_id, string_agg(pr.name, ' ') AS names,
      string_agg(pr.description, ' ') AS descriptions, array_agg(DISTINCT pr.trl) AS trls
    FROM organizations_product pr WHERE pr.organization_id {ids} GROUP BY pr.organization_id
  ) p ON p.organization_id = o.id
  WHERE o.id {ids}"""


def _terms_select(taxonomy: str, ids: str) -> str:
    """An organization's terms of one taxonomy ("technology", "industry"): their names, for
    the text, and their ids, for the facet."""
    return f"""
    SELECT l.organization_id, {TERM_TEXT} AS names, array_agg(x.id ORDER BY x.id) AS id_list
    FROM organizations_organization_{_PLURAL[taxonomy]} l
    JOIN organizations_{taxonomy} x ON x.id = l.{taxonomy}_id
    WHERE l.organization_id {ids} GROUP BY l.organization_id"""


_PLURAL = {"technology": "technologies", "industry": "industries"}


def name_terms_select(ids: str) -> str:
    return f"""
  SELECT DISTINCT u.lexeme FROM organizations_organization o,
    unnest(to_tsvector('russian', o.short_name)) u
  WHERE o.id {ids} AND length(u.lexeme) >= 4"""


UPSERT = (
    f"INSERT INTO directory_searchdocument ({', '.join(COLUMNS)}) {{select}} "
    "ON CONFLICT (organization_id) DO UPDATE SET "
    + ", ".join(f"{c} = EXCLUDED.{c}" for c in COLUMNS[1:])
)
SAMPLE_REFRESH_SQL = ";\n  ".join(st.format(ids="= ANY(ids)") for st in SAMPLE_REFRESH)
REFRESH_FUNCTION = f"""
CREATE OR REPLACE FUNCTION directory_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM directory_searchdocument d WHERE d.organization_id = ANY(ids)
    AND NOT EXISTS (SELECT 1 FROM organizations_organization o WHERE o.id = d.organization_id);
  {UPSERT.format(select=document_select("= ANY(ids)"))};
  INSERT INTO directory_nameterm (term) {name_terms_select("= ANY(ids)")}
  ON CONFLICT DO NOTHING;
  {SAMPLE_REFRESH_SQL};
$$;
"""

# One trigger function per way of finding the organizations a statement touched.
TRIGGER_FUNCTION = """
CREATE OR REPLACE FUNCTION directory_{name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('innocluster.search_deferred', true), '') = 'on' THEN
    RETURN NULL;
  END IF;
  PERFORM directory_refresh(ARRAY({ids}));
  RETURN NULL;
END $$;
"""
TRIGGER_IDS = {
    "org_new": "SELECT id FROM new_rows",
    "org_old": "SELECT id FROM old_rows",
    "fk_new": "SELECT DISTINCT organization_id FROM new_rows",
    "fk_old": "SELECT DISTINCT organization_id FROM old_rows",
    "fk_both": "SELECT organization_id FROM new_rows UNION SELECT organization_id FROM old_rows",
    "technology": "SELECT DISTINCT l.organization_id FROM new_rows n "
    "JOIN organizations_organization_technologies l ON l.technology_id = n.id",
    "industry": "SELECT DISTINCT l.organization_id FROM new_rows n "
    "JOIN organizations_organization_industries l ON l.industry_id = n.id",
}
# table, event, transition tables, function
TRIGGERS = [
    ("organizations_organization", "INSERT", "NEW TABLE AS new_rows", "org_new"),
    ("organizations_organization", "UPDATE", "NEW TABLE AS new_rows", "org_new"),
    ("organizations_organization", "DELETE", "OLD TABLE AS old_rows", "org_old"),
    ("organizations_product", "INSERT", "NEW TABLE AS new_rows", "fk_new"),
    ("organizations_product", "UPDATE", "NEW TABLE AS new_rows OLD TABLE AS old_rows", "fk_both"),
    ("organizations_product", "DELETE", "OLD TABLE AS old_rows", "fk_old"),
    ("organizations_organization_technologies", "INSERT", "NEW TABLE AS new_rows", "fk_new"),
    ("organizations_organization_technologies", "DELETE", "OLD TABLE AS old_rows", "fk_old"),
    ("organizations_organization_industries", "INSERT", "NEW TABLE AS new_rows", "fk_new"),
    ("organizations_organization_industries", "DELETE", "OLD TABLE AS old_rows", "fk_old"),
    ("organizations_technology", "UPDATE", "NEW TABLE AS new_rows", "technology"),
    ("organizations_industry", "UPDATE", "NEW TABLE AS new_rows", "industry"),
]


def trigger_name(table: str, event: str) -> str:
    return f"directory_{table.removeprefix('organizations_')}_{event.lower()}"


def install_sql() -> list[str]:
    statements = [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        "ALTER TABLE directory_searchdocument "
        + ", ".join(f"ADD COLUMN IF NOT EXISTS {c} {t}" for c, t in FACET_COLUMNS),
        "CREATE INDEX IF NOT EXISTS directory_vector_gin ON directory_searchdocument "
        "USING gin (vector)",
        # The words of names (their stems), for typos: a small table, however many names.
        "CREATE TABLE IF NOT EXISTS directory_nameterm (term text PRIMARY KEY)",
        "CREATE INDEX IF NOT EXISTS directory_nameterm_trgm ON directory_nameterm "
        "USING gin (term gin_trgm_ops)",
        f"CREATE TABLE IF NOT EXISTS {SAMPLE_TABLE} (organization_id bigint PRIMARY KEY, "
        "vector tsvector, "
        + ", ".join(f"{c} {t}" for c, t in FACET_COLUMNS)
        + ", fine boolean NOT NULL DEFAULT false)",
        f"CREATE INDEX IF NOT EXISTS {SAMPLE_TABLE}_gin ON {SAMPLE_TABLE} USING gin (vector)",
        f"CREATE INDEX IF NOT EXISTS {SAMPLE_TABLE}_fine ON {SAMPLE_TABLE} (organization_id) "
        "WHERE fine",
        REFRESH_FUNCTION,
    ]
    statements += [
        f"CREATE INDEX IF NOT EXISTS {name} ON directory_searchdocument {columns}"
        for name, columns in WALK_INDEXES.items()
    ]
    statements += [TRIGGER_FUNCTION.format(name=n, ids=ids) for n, ids in TRIGGER_IDS.items()]
    for table, event, tables, function in TRIGGERS:
        name = trigger_name(table, event)
        statements += [
            f"DROP TRIGGER IF EXISTS {name} ON {table}",
            f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {tables} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION directory_{function}()",
        ]
    return statements


def uninstall_sql() -> list[str]:
    statements = [f"DROP TRIGGER IF EXISTS {trigger_name(t, e)} ON {t}" for t, e, *_ in TRIGGERS]
    statements += [f"DROP FUNCTION IF EXISTS directory_{n}()" for n in TRIGGER_IDS]
    statements += [
        "DROP FUNCTION IF EXISTS directory_refresh(bigint[])",
        "DROP INDEX IF EXISTS directory_vector_gin",
        f"DROP TABLE IF EXISTS {SAMPLE_TABLE}",
        *(f"DROP INDEX IF EXISTS {name}" for name in WALK_INDEXES),
        "DROP TABLE IF EXISTS directory_nameterm",
        "ALTER TABLE directory_searchdocument "
        + ", ".join(f"DROP COLUMN IF EXISTS {c}" for c, _t in FACET_COLUMNS),
    ]
    return statements


class PostgresBackend:
    vendor = "postgresql"
    materialized = "MATERIALIZED"
    table = "directory_searchdocument"
    # The sample (see the module's docstring): engine.py reads broad searches' counts from it.
    sample_table = SAMPLE_TABLE
    sample_rate = SAMPLE_RATE
    fine_rate = FINE_RATE

    def source_sql(
        self,
        match: str | None,
        columns: list[str],
        *,
        table: str | None = None,
        rank: bool = True,
        fine: bool = False,
        named: bool = False,
        words: list[str] | None = None,
        near: str | None = None,
    ) -> tuple[str, list]:
        """`columns` of the entries of `table` (the index, or the sample) matching `match` (a
        tsquery, see `tsquery`; None: all), with `id` and `rank` (0 without `rank`); with
        `fine`, only the sample's finer part; with `named`, whether the match is in the name;
        `words`: a partial match's words, for its rank (rank_sql)."""
        columns = ", ".join(["d.organization_id AS id", *(f"d.{c}" for c in columns)])
        source = f"{table or self.table} d"
        where, where_params, params = ["d.fine"] if fine else [], [], []
        if match is not None:
            where.append("d.vector @@ to_tsquery('simple', %s)")
            where_params.append(match)
            if named:
                columns += ", d.vector @@ to_tsquery('simple', %s) AS named"
                params.append(self.name_match(match))
        if rank and match is not None:
            rank_sql, rank_params = self.rank_sql(match, words)
            params += rank_params
        else:
            rank_sql = "CAST(0 AS REAL)"
        condition = f" WHERE {' AND '.join(where)}" if where else ""
        sql = f"SELECT {columns}, {rank_sql} AS rank FROM {source}{condition}"
        return sql, params + where_params

    def match_sql(self, match: str) -> tuple[str, list]:
        """The condition that an entry `d` matches `match`, for a walk (engine.py): the
        function, not the operator, so that the planner cannot answer it with the GIN index
        (a bitmap of every match is what a broad search must not build); it then chooses
        between a sequential read, a btree in order and the facets' own indexes."""
        return "ts_match_vq(d.vector, to_tsquery('simple', %s))", [match]

    @staticmethod
    def name_match(match: str) -> str:
        """`match` with every word required in the name (weight A): 'робот':* -> 'робот':*A."""
        return _OPERAND.sub(lambda m: f"{m.group(1)}:{'*' if m.group(2) else ''}A", match)

    @staticmethod
    def near_query(query: str) -> None:
        """Nothing: ts_rank_cd (rank_sql) sees how close the words stand by itself."""
        return None

    def rank_sql(
        self, match: str, words: list[str] | None = None, near: None = None
    ) -> tuple[str, list]:
        """Cover density (ts_rank_cd): the words close together rank above the same words
        apart, and a name (weight A) above a description; normalized (32) below 1. With
        `words` (a partial match), PARTIAL_RANK for each of them the entry holds on top."""
        sql = "ts_rank_cd(%s::float4[], d.vector, to_tsquery('simple', %s), 32)"
        params = [RANK_WEIGHTS, match]
        for word in words or ():
            sql += f" + CASE WHEN d.vector @@ to_tsquery('simple', %s) THEN {PARTIAL_RANK} ELSE 0"
            sql += " END"
            params.append(word)
        return sql, params

    def walk(self, cursor) -> None:
        """For the rest of this transaction, sorts again (`prepare` turned them off): a walk
        whose filters leave few entries may read those through the facets' indexes and sort
        them (engine.py)."""
        cursor.execute("SELECT set_config('enable_sort', 'on', true)")

    def array_overlaps(self, column: str, marks: str) -> str:
        return f"{column} && ARRAY[{marks}]::integer[]"

    def prepare(self, cursor) -> None:
        """For this search's transaction: memory enough for an exact bitmap of a broad match
        and for the matches held once (4 MB, the default, makes the bitmap lossy: every row
        of a lossy page is checked again); no JIT (its compile costs more than it saves
        on a query this short; its cost estimate would always trigger it at scale); no
        parallel workers (starting them takes longer than these statements, ~15 ms); a
        sequential scan starts at the table's first page, not wherever another one is (the
        same search takes the same candidates: engine.py); and the facet counts are hashed,
        not sorted (the planner, misjudging how many rows match, would sort them: ~1.5 ms
        more for a broad search; a sort that nothing else can do is still done)."""
        cursor.execute(
            "SELECT set_config('work_mem', %s, true), set_config('jit', 'off', true), "
            "set_config('max_parallel_workers_per_gather', '0', true), "
            "set_config('synchronize_seqscans', 'off', true), "
            "set_config('enable_sort', 'off', true)",
            [SEARCH_WORK_MEM],
        )

    def plan_match(self, query: str, *, any_word: bool = False) -> str | None:
        return self.tsquery(query, any_word=any_word) or None

    def match_phrases(self, queryset, phrases: list[str]):
        """`queryset` narrowed to the organizations matching any of `phrases` (every word of
        one of them; no typos), with `search_rank`; none when no phrase has a word."""
        expression = SYNTAX.any_phrase([query_terms(phrase) for phrase in phrases])
        if not expression:
            return queryset.none()
        rank_sql, params = self.rank_sql(expression)
        # constants and parameters only (rank_sql)
        rank = RawSQL(rank_sql.replace("d.vector", _VECTOR), params, FloatField())  # noqa: S611
        search = SearchQuery(expression, search_type="raw", config="simple")
        return queryset.filter(search_document__vector=search).annotate(search_rank=rank)

    def match(self, queryset, query: str, *, any_word: bool = False):
        """`queryset` narrowed to the organizations matching `query`, with `search_rank`:
        every word (or, `any_word`, some, ranked by how many: text.query_terms), as a stem
        prefix, another form of it, or a name word one typo away."""
        words = self.word_queries(query)
        if not words:
            return queryset
        tsquery = (SYNTAX.either if any_word else SYNTAX.both).join(words)
        search = SearchQuery(tsquery, search_type="raw", config="simple")
        rank_sql, rank_params = self.rank_sql(tsquery, words if any_word else None)
        # constants and parameters only (rank_sql)
        rank = RawSQL(rank_sql.replace("d.vector", _VECTOR), rank_params, FloatField())  # noqa: S611
        return queryset.filter(search_document__vector=search).annotate(search_rank=rank)

    def tsquery(self, query: str, *, any_word: bool = False) -> str:
        """Every word of the query (`any_word`: any of them), each as word_queries says."""
        return (SYNTAX.either if any_word else SYNTAX.both).join(self.word_queries(query))

    @staticmethod
    def any_of(words: list[str]) -> str:
        """A query matching any of `words` (word_queries): a partial match."""
        return SYNTAX.either.join(words)

    def word_queries(self, query: str) -> list[str]:
        """Each word of the query as a tsquery of its alternatives (text.query_terms):
        «роботов» -> 'робот':*, which also finds «робототехника»; «станка» -> ('станк':* |
        'станок':* | 'станек':*), the vowel Russian drops; «3д» -> ('3д':* | '3d':*); «ИИ» ->
        ('ии':* | 'ai' | 'искусствен':* & 'интеллект':* | ...); «робтех» -> ('робтех':* |
        'роботех':A), a name's word one typo away. One-letter stems match only themselves.
        The stems are PostgreSQL's own (the same Snowball stemmers), so the query is parsed
        with `simple`, unstemmed."""
        terms = query_terms(query)
        return SYNTAX.words(terms, self.name_neighbours([group[0][0][0] for group in terms]))

    @staticmethod
    def name_neighbours(stems: list[str]) -> dict[str, set[str]]:
        """Name words one typo from each stem: pg_trgm finds the similar ones among the
        distinct words of names, and `one_typo_apart` keeps the close ones. One query."""
        stems = [s for s in stems if len(s) >= MIN_FUZZY_CHARS]
        if not stems:
            return {}
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT q, t.term FROM unnest(%s::text[]) AS q "
                "JOIN directory_nameterm t ON t.term %% q",
                [stems],
            )
            rows = cursor.fetchall()
        return typo_neighbours(rows)

    def name_prefix_ids(self, query: str, *, limit: int) -> list[int]:
        """Organizations whose name has words starting with the query's: an unranked LIMIT on
        the GIN index (weight A holds the names), fast however many names match."""
        stems = query_stems(query)
        if not stems:
            return []
        tsquery = " & ".join(f"'{s}':*A" for s in stems)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT organization_id FROM directory_searchdocument "
                "WHERE vector @@ to_tsquery('simple', %s) LIMIT %s",
                [tsquery, limit],
            )
            return [row[0] for row in cursor.fetchall()]

    def refresh(self, ids: list[int]) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT directory_refresh(%s::bigint[])", [list(ids)])

    @contextmanager
    def deferred(self):
        """Triggers stand aside on this connection until the block ends."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('innocluster.search_deferred', 'on', false)")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('innocluster.search_deferred', 'off', false)")

    def indexed_ids_sql(self) -> str:
        return "SELECT organization_id FROM directory_searchdocument"
