# ruff: noqa: S608 - table and column names come from the models, never from input
"""Loading a million demo organizations into PostgreSQL in minutes: COPY, indexes at the end.

`organizations.demo` writes with `bulk_create` in batches, which suits tens of thousands; a
million that way is INSERTs that maintain every index row by row. This loader uses the same
generator (the demo Builder, unchanged) and writes what it builds the way PostgreSQL loads fast:

- drafts are built in worker processes, one chunk of organizations each, and formatted there as
  COPY text; the main process only streams them to the server;
- within one transaction, the secondary indexes and the foreign keys of the tables it fills are
  dropped, the rows copied, and the indexes and keys recreated (one sort per index, one check
  per key) — a failure leaves the database as it was;
- the search triggers are disabled for the load, and the search index is filled
  afterwards by one set-based statement per slice of ids (`search_index_fill`).

The data is a pure function of the seed and the chunk size: chunk `i` uses its own seed and its
own range of the identifier counter (`CHUNK_STRIDE` apart), so chunks can be built in any order
and in parallel, and never share an INN, an OGRN or an e-mail.

PostgreSQL only; SQLite loads through `organizations.demo.load_demo_data`.
"""

import multiprocessing
import os
import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime

from django.db import connection, transaction
from django.utils import timezone

from innocluster.platform.accounts.models import User
from innocluster.platform.organizations.demo.builder import Builder, Context
from innocluster.platform.organizations.models import Membership, Organization, Product

CHUNK = 5000
# Chunk i's identifier counter starts at base + i * CHUNK_STRIDE: room for the counter to skip
# identifiers that are already taken without running into the next chunk's range.
CHUNK_STRIDE = 2 * CHUNK
PEOPLE_PER_ORGANIZATION = 3  # the Builder makes one to three: user ids are reserved by threes

IndustryLink = Organization.industries.through
TechnologyLink = Organization.technologies.through


def _table(model, columns=None) -> tuple:
    """(model, its table, the columns we write): every concrete one unless named."""
    names = columns or [f.column for f in model._meta.concrete_fields]
    return model, model._meta.db_table, names


# The tables filled, in load order. Organizations and people carry their own ids (reserved
# up front, see `_reserve`); the rest take theirs from their sequences.
TABLES = [
    _table(Organization),
    _table(User),
    _table(IndustryLink, ["organization_id", "industry_id"]),
    _table(TechnologyLink, ["organization_id", "technology_id"]),
    _table(Product, [f.column for f in Product._meta.concrete_fields if not f.primary_key]),
    _table(Membership, ["organization_id", "user_id", "role", "created_at"]),
]


@dataclass
class BulkReport:
    organizations: int = 0
    products: int = 0
    people: int = 0
    seconds: dict[str, float] | None = None


# --- Workers: drafts to COPY text ---------------------------------------------------------------

_SPECIAL = re.compile(r"[\\\t\n\r]")
_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _cell(value) -> str:
    """One value in COPY's text format."""
    if value is None:
        return "\\N"
    kind = type(value)
    if kind is int:
        return str(value)
    if kind is bool:
        return "t" if value else "f"
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value)  # also a TextChoices member: its value
    return _SPECIAL.sub(lambda m: _ESCAPES[m.group()], text) if _SPECIAL.search(text) else text


def _model_rows(model, columns: list[str], objects, now: datetime) -> str:
    """Unsaved model instances as COPY text: their attributes as they are (the Builder sets
    plain values), the automatic timestamps `now`."""
    fields = {f.column: f for f in model._meta.concrete_fields}
    names = [fields[c].attname for c in columns]
    automatic = {
        f.attname
        for f in fields.values()
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    }
    lines = []
    for obj in objects:
        values = vars(obj)
        lines.append("\t".join(_cell(now if n in automatic else values[n]) for n in names))
    return _text(lines)


def _tuple_rows(rows) -> str:
    return _text(["\t".join(_cell(v) for v in row) for row in rows])


def _text(lines: list[str]) -> str:
    return "\n".join(lines) + "\n" if lines else ""


@dataclass
class _Plan:
    """What the workers need to build any chunk; they inherit it when forked."""

    seed: int
    context: Context
    first_org_id: int
    first_user_id: int
    counter: int


_plan: _Plan | None = None


def _chunk(job: tuple[int, int]) -> tuple[int, int, int, list[str]]:
    """Build chunk `index` of `size` organizations: their COPY text, table by table."""
    index, size = job
    plan = _plan
    plan.context.counter = plan.counter + index * CHUNK_STRIDE
    builder = Builder(seed=plan.seed * 1_000_003 + index, context=plan.context)
    drafts = [builder.draft() for _ in range(size)]
    now = timezone.now()
    industries, technologies, products, people, memberships = [], [], [], [], []
    for n, draft in enumerate(drafts):
        number = index * CHUNK + n
        org_id = draft.organization.id = plan.first_org_id + number
        industries += [(org_id, i) for i in draft.industry_ids]
        technologies += [(org_id, t) for t in draft.technology_ids]
        for product in draft.products:
            product.organization_id = org_id
            products.append(product)
        for k, (user, role) in enumerate(draft.people):
            user.id = plan.first_user_id + number * PEOPLE_PER_ORGANIZATION + k
            people.append(user)
            memberships.append((org_id, user.id, role, now))
    organizations = [d.organization for d in drafts]
    (_o, _t, org_columns), (_u, _t, user_columns) = TABLES[:2]
    product_columns = TABLES[4][2]
    texts = [
        _model_rows(Organization, org_columns, organizations, now),
        _model_rows(User, user_columns, people, now),
        _tuple_rows(industries),
        _tuple_rows(technologies),
        _model_rows(Product, product_columns, products, now),
        _tuple_rows(memberships),
    ]
    return size, len(products), len(people), texts


# --- The load -----------------------------------------------------------------------------------


def demo_organizations_bulk_load(
    *,
    count: int,
    seed: int = 1,
    workers: int | None = None,
    progress: Callable[[int], object] | None = None,
) -> BulkReport:
    """Add `count` demo organizations with products, people and memberships, fast (see the
    module's docstring). Returns the counts and the seconds of each phase. PostgreSQL only.

    Meant for an otherwise idle database (a benchmark, a trial installation): the tables it
    fills are locked for the whole load.
    """
    if connection.vendor != "postgresql":
        raise NotImplementedError("The bulk loader is for PostgreSQL; use load_demo_data.")
    report = BulkReport(seconds={})
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        _session_for_loading(cursor)
        plan = _reserve(cursor, seed)
        saved = _drop_secondary(cursor)
        triggers = _search_triggers()
        for table, name in triggers:
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {name}")
        _load(cursor, plan, count, workers, report, progress)
        report.seconds["copy"] = time.perf_counter() - started
        _restore(cursor, saved)
        _move_sequences(cursor)
        for table, name in triggers:
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {name}")
    report.seconds["indexes"] = time.perf_counter() - started - report.seconds["copy"]
    return report


def _load(cursor, plan: _Plan, count: int, workers, report: BulkReport, progress) -> None:
    jobs = [(i, min(CHUNK, count - i * CHUNK)) for i in range((count + CHUNK - 1) // CHUNK)]
    for size, products, people, texts in _build(plan, jobs, workers):
        _copy(cursor, texts)
        report.organizations += size
        report.products += products
        report.people += people
        if progress:
            progress(size)


def _session_for_loading(cursor) -> None:
    # Index builds sort in memory and in parallel; the commit need not wait for the disk twice.
    cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
    cursor.execute("SET LOCAL max_parallel_maintenance_workers = 2")
    cursor.execute("SET LOCAL synchronous_commit = off")


def _search_triggers() -> list[tuple[str, str]]:
    """The search index's triggers on the tables we fill: disabled during the load rather than
    deferred, so that PostgreSQL does not even collect their transition tables."""
    from .backends.postgres import TRIGGERS, trigger_name

    filled = {model._meta.db_table for model, _t, _c in TABLES}
    return [(t, trigger_name(t, e)) for t, e, *_ in TRIGGERS if t in filled]


def _reserve(cursor, seed: int) -> _Plan:
    """Lock the tables and take the next ids: organizations get a contiguous range, people a
    range three times as long (some ids stay unused: sequences have gaps anyway)."""
    tables = ", ".join(model._meta.db_table for model, _t, _c in TABLES)
    cursor.execute(f"LOCK TABLE {tables} IN SHARE ROW EXCLUSIVE MODE")
    context = Context.from_database()
    return _Plan(
        seed=seed,
        context=context,
        first_org_id=_next_id(cursor, Organization),
        first_user_id=_next_id(cursor, User),
        counter=context.counter,
    )


def _next_id(cursor, model) -> int:
    table, column = model._meta.db_table, model._meta.pk.column
    # A sequence not used yet (is_called false) hands out last_value itself next.
    cursor.execute(
        f"SELECT greatest((SELECT max({column}) FROM {table}), (SELECT CASE WHEN is_called "
        f"THEN last_value ELSE last_value - 1 END FROM {_sequence(cursor, model)}), 0) + 1"
    )
    return cursor.fetchone()[0]


def _sequence(cursor, model) -> str:
    cursor.execute(
        "SELECT pg_get_serial_sequence(%s, %s)", [model._meta.db_table, model._meta.pk.column]
    )
    return cursor.fetchone()[0]


def _move_sequences(cursor) -> None:
    for model, _t, _c in TABLES:
        table, column = model._meta.db_table, model._meta.pk.column
        cursor.execute(
            f"SELECT setval(%s, greatest((SELECT max({column}) FROM {table}), 1))",
            [_sequence(cursor, model)],
        )


def _build(plan: _Plan, jobs, workers: int | None):
    """The chunks' COPY text in order, built by forked workers (they inherit `plan`)."""
    global _plan
    _plan = plan
    workers = workers or os.cpu_count() or 1
    if workers == 1:
        yield from map(_chunk, jobs)
        return
    # Forked children must not share the parent's database connection: they never open one
    # (formatting values needs only the connection's operations, not a session).
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        yield from pool.imap(_chunk, jobs)


def _copy(cursor, texts: list[str]) -> None:
    for (_model, table, columns), text in zip(TABLES, texts, strict=True):
        if text:
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                copy.write(text)


def _drop_secondary(cursor) -> list[str]:
    """Drop the unique and foreign-key constraints and the other indexes of the tables we fill
    (primary keys stay: new ids only append to them); return the statements that restore
    them, unique ones and indexes first, foreign keys last."""
    tables = [model._meta.db_table for model, _t, _c in TABLES]
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), contype "
        "FROM pg_constraint WHERE conrelid = ANY(%s::regclass[]) AND contype IN ('u', 'f')",
        [tables],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary AND NOT EXISTS "
        "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
        [tables],
    )
    indexes = cursor.fetchall()
    restore = [
        f'ALTER TABLE {t} ADD CONSTRAINT "{n}" {d}' for t, n, d, k in constraints if k == "u"
    ]
    restore += [definition for _name, definition in indexes]
    restore += [
        f'ALTER TABLE {t} ADD CONSTRAINT "{n}" {d}' for t, n, d, k in constraints if k == "f"
    ]
    for table, name, _d, _kind in sorted(constraints, key=lambda c: c[3] != "f"):
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        cursor.execute(f"DROP INDEX {name}")
    return restore


def _restore(cursor, statements: list[str]) -> None:
    for statement in statements:
        cursor.execute(statement)


# --- The search index, set-based ----------------------------------------------------------------

FILL_SLICE = 20_000
GIN_INDEX = "directory_vector_gin"


def search_index_fill(
    *, workers: int | None = None, progress: Callable[[int], object] | None = None
) -> dict[str, float]:
    """Write the search index entry of every organization, and its sample, set-based: one
    statement per slice of ids, `workers` slices at a time on their own connections. When the
    index is mostly empty (after a bulk load), its GIN and btree indexes are dropped first and
    built once at the end. Returns the seconds of each phase. PostgreSQL only."""
    from .backends.postgres import (
        SAMPLE_REFRESH,
        SAMPLE_TABLE,
        UPSERT,
        WALK_INDEXES,
        document_select,
        name_terms_select,
    )

    seconds, started = {}, time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id), max(id), count(*) FROM organizations_organization")
        low, high, total = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM directory_searchdocument")
        rebuild = cursor.fetchone()[0] < (total or 0) // 2
        if rebuild:
            for index in [GIN_INDEX, *WALK_INDEXES]:
                cursor.execute(f"DROP INDEX IF EXISTS {index}")
    if not total:
        return seconds
    between = "BETWEEN %s AND %s"
    statements = [
        UPSERT.format(select=document_select(between)),
        f"INSERT INTO directory_nameterm (term) {name_terms_select(between)} "
        "ON CONFLICT DO NOTHING",
        *(statement.format(ids=between) for statement in SAMPLE_REFRESH),
    ]
    slices = [(a, min(a + FILL_SLICE - 1, high)) for a in range(low, high + 1, FILL_SLICE)]
    with ThreadPoolExecutor(workers or os.cpu_count() or 1) as pool:
        for written in pool.map(lambda s: _fill_slice(statements, *s), slices):
            if progress:
                progress(written)
    seconds["entries"] = time.perf_counter() - started
    with connection.cursor() as cursor:
        if rebuild:
            cursor.execute("SET maintenance_work_mem = '1GB'")
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {GIN_INDEX} ON directory_searchdocument "
                "USING gin (vector)"
            )
            for index, columns in WALK_INDEXES.items():
                cursor.execute(
                    f"CREATE INDEX IF NOT EXISTS {index} ON directory_searchdocument {columns}"
                )
            cursor.execute("RESET maintenance_work_mem")
        seconds["gin"] = time.perf_counter() - started - seconds["entries"]
        # Statistics for the planner, and the visibility map for index-only scans.
        tables = [t for _m, t, _c in TABLES]
        tables += ["directory_searchdocument", "directory_nameterm", SAMPLE_TABLE]
        cursor.execute(f"VACUUM ANALYZE {', '.join(tables)}")
    seconds["vacuum"] = time.perf_counter() - started - seconds["entries"] - seconds["gin"]
    return seconds


def _fill_slice(statements: list[str], low: int, high: int) -> int:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
            cursor.execute("SET LOCAL work_mem = '256MB'")
            cursor.execute("SET LOCAL synchronous_commit = off")
            for statement in statements:
                cursor.execute(statement, [low, high] * statement.count("BETWEEN"))
            cursor.execute(
                "SELECT count(*) FROM organizations_organization WHERE id BETWEEN %s AND %s",
                [low, high],
            )
            return cursor.fetchone()[0]
    finally:
        connection.close()  # this worker thread's own connection
