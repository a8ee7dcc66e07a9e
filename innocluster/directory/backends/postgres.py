# ruff: noqa: S608 - the SQL here is assembled from constants; values are always parameters
"""PostgreSQL: `russian` full-text search on a weighted vector with a GIN index, and pg_trgm on
names for typos.

The vector lives in `directory_searchdocument` and is written by `directory_refresh(ids)`, a SQL
function that statement-level triggers call with the ids a statement touched: a bulk insert of
2,000 products refreshes their organizations in one set-based statement, not 2,000 times.
A bulk load may set `innocluster.search_deferred` to `on` (see `deferred()`) and refresh once
at the end instead.
"""

from contextlib import contextmanager

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F

from ..engine import band_sql
from ..text import MIN_FUZZY_CHARS, query_stems, typo_neighbours

SEARCH_WORK_MEM = "64MB"
# Weights of D, C, B, A (ts_rank's order): names far above everything else.
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
  LEFT JOIN (
    SELECT l.organization_id, {TERM_TEXT} AS names, array_agg(x.id ORDER BY x.id) AS id_list
    FROM organizations_organization_technologies l
    JOIN organizations_technology x ON x.id = l.technology_id
    WHERE l.organization_id {ids} GROUP BY l.organization_id
  ) t ON t.organization_id = o.id
  LEFT JOIN (
    SELECT l.organization_id, {TERM_TEXT} AS names, array_agg(x.id ORDER BY x.id) AS id_list
    FROM organizations_organization_industries l
    JOIN organizations_industry x ON x.id = l.industry_id
    WHERE l.organization_id {ids} GROUP BY l.organization_id
  ) i ON i.organization_id = o.id
  LEFT JOIN (
    SELECT pr.organization_id, string_agg(pr.name, ' ') AS names,
      string_agg(pr.description, ' ') AS descriptions, array_agg(DISTINCT pr.trl) AS trls
    FROM organizations_product pr WHERE pr.organization_id {ids} GROUP BY pr.organization_id
  ) p ON p.organization_id = o.id
  WHERE o.id {ids}"""


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
REFRESH_FUNCTION = f"""
CREATE OR REPLACE FUNCTION directory_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM directory_searchdocument d WHERE d.organization_id = ANY(ids)
    AND NOT EXISTS (SELECT 1 FROM organizations_organization o WHERE o.id = d.organization_id);
  {UPSERT.format(select=document_select("= ANY(ids)"))};
  INSERT INTO directory_nameterm (term) {name_terms_select("= ANY(ids)")}
  ON CONFLICT DO NOTHING;
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
        REFRESH_FUNCTION,
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
        "DROP TABLE IF EXISTS directory_nameterm",
        "ALTER TABLE directory_searchdocument "
        + ", ".join(f"DROP COLUMN IF EXISTS {c}" for c, _t in FACET_COLUMNS),
    ]
    return statements


class PostgresBackend:
    vendor = "postgresql"
    materialized = "MATERIALIZED"

    def source_sql(self, match: str | None, columns: list[str]) -> tuple[str, list]:
        """`columns` of the entries matching `match` (a tsquery, see `tsquery`; None: all),
        with `id` and `rank`."""
        columns = ", ".join(["d.organization_id AS id", *(f"d.{c}" for c in columns)])
        table = "directory_searchdocument d"
        if match is None:
            return f"SELECT {columns}, CAST(0 AS REAL) AS rank FROM {table}", []
        query = "to_tsquery('simple', %s)"
        return (
            f"SELECT {columns}, ts_rank(%s::float4[], d.vector, {query}) AS rank "
            f"FROM {table} WHERE d.vector @@ {query}",
            [RANK_WEIGHTS, match, match],
        )

    def array_overlaps(self, column: str, marks: str) -> str:
        return f"{column} && ARRAY[{marks}]::integer[]"

    def prepare(self, cursor) -> None:
        """For this search's transaction: memory enough for an exact bitmap of a broad match
        and for the matches held once (4 MB, the default, makes the bitmap lossy: every row
        of a lossy page is checked again), and no JIT (its compile costs more than it saves
        on a query this short; its cost estimate would always trigger it at scale)."""
        cursor.execute(
            "SELECT set_config('work_mem', %s, true), set_config('jit', 'off', true)",
            [SEARCH_WORK_MEM],
        )

    def plan_match(self, query: str) -> str | None:
        return self.tsquery(query) or None

    def match(self, queryset, query: str):
        """`queryset` narrowed to the organizations matching `query`, with `search_rank`:
        every word, as a stem prefix or as a name word one typo away."""
        tsquery = self.tsquery(query)
        if not tsquery:
            return queryset
        search = SearchQuery(tsquery, search_type="raw", config="simple")
        rank = SearchRank(F("search_document__vector"), search, weights=RANK_WEIGHTS)
        return queryset.filter(search_document__vector=search).annotate(search_rank=rank)

    def tsquery(self, query: str) -> str:
        """«роботов» -> 'робот':*, which also finds «робототехника»; «робтех» -> ('робтех':* |
        'роботех':A), a name's word one typo away. One-letter stems match only themselves.
        The stems are PostgreSQL's own (the same Snowball stemmers), so the query is parsed
        with `simple`, unstemmed."""
        stems = query_stems(query)
        neighbours = self.name_neighbours(stems)
        parts = []
        for word_stem in stems:
            alternatives = [f"'{word_stem}':*" if len(word_stem) > 1 else f"'{word_stem}'"]
            alternatives += [f"'{t}':A" for t in sorted(neighbours.get(word_stem, ()))]
            parts.append("(" + " | ".join(alternatives) + ")")
        return " & ".join(parts)

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
