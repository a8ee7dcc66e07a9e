"""The ledger's hot paths in plain SQL: queueing facts, the sequencer's reads and writes, and
the two reads every proof makes (the log's size, the tree's nodes).

Why not the ORM here: building these queries through the ORM costs several times what sending
them does (about 0.3 ms a query on this project's machine), on paths that run for every append
or every proof. Everything else (checkpoints, entries, the admin) goes through the models.
Table and column names come from the models, never from input.

An append is one INSERT into the queue (`queue`), and nothing else: no lock, so concurrent
appenders commit side by side. The sequencer locks the head (`lock_head`), takes a batch off
the queue (`claim`: one DELETE … RETURNING, so a fact can be taken once only), and writes the
entries, the nodes they complete and the moved head (`write`), all in one transaction.

On PostgreSQL every statement here has one text whatever the number of rows (rows travel as
arrays, `INSERT … SELECT * FROM unnest(…)`) and is bound on the server, so it is parsed and
planned once per connection; a multi-row VALUES list would be a new, long text for psycopg to
scan and for the server to plan at every batch. Elsewhere: multi-row VALUES, in chunks.
"""

from datetime import UTC, datetime
from functools import lru_cache

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .models import Entry, Head, Node, Pending

HeadState = tuple[int, bytes]  # size, frontier
EntryRow = tuple[int, str, str, datetime, str, bytes]  # in the order of ENTRY_COLUMNS

ENTRY_COLUMNS = ("index", "kind", "subject", "timestamp", "data", "leaf_hash")
ENTRY_TYPES = ("bigint", "varchar", "varchar", "timestamptz", "text", "bytea")
NODE_COLUMNS = ("id", "hash")
NODE_TYPES = ("bigint", "bytea")
PENDING_COLUMNS = ("kind", "subject", "payload", "queued_at")
PENDING_TYPES = ("varchar", "varchar", "text", "timestamptz")
CHUNK_PARAMETERS = 30_000  # SQLite allows 32,766 parameters per statement
KEPT_CURSOR = "_innocluster_ledger_cursor"


def queue(facts: list[tuple[str, str, str]], queued_at: datetime) -> list[int]:
    """Insert (kind, subject, payload JSON) facts into the queue, in order; their ids."""
    db = _db()
    at = db.ops.adapt_datetimefield_value(queued_at)
    rows = [(kind, subject, payload, at) for kind, subject, payload in facts]
    with _cursor(db) as cursor:
        return sorted(_insert(db, cursor, Pending, rows, returning="id"))


def size() -> int:
    """How many entries the log holds (committed ones only)."""
    db = _db()
    with _cursor(db) as cursor:
        cursor.execute(_size_sql())
        row = cursor.fetchone()
    return row[0] if row else 0


def nodes(ids: list[int]) -> dict[int, bytes]:
    """The stored hashes of these tree nodes, by id: what every proof is folded from."""
    if not ids:
        return {}
    db = _db()
    with _cursor(db) as cursor:
        if db.vendor == "postgresql":  # one text for any number of ids
            cursor.execute(_nodes_sql(0), [ids])
        else:
            cursor.execute(_nodes_sql(len(ids)), ids)
        return {key: bytes(value) for key, value in cursor.fetchall()}


def lock_head() -> HeadState | None:
    """The head row, locked until the transaction ends; None if absent."""
    db = _db()
    with _cursor(db) as cursor:
        cursor.execute(_lock_sql(db.features.has_select_for_update))
        row = cursor.fetchone()
    return None if row is None else (row[0], bytes(row[1]))


def claim(limit: int) -> list[tuple[int, str, str, str, datetime]]:
    """Take the oldest `limit` facts off the queue: (id, kind, subject, payload, queued_at),
    in order.

    The rows are deleted by the same statement, so a fact is taken once only, even by two
    transactions at once; if the transaction rolls back, they are back in the queue.
    """
    db = _db()
    with _cursor(db) as cursor:
        cursor.execute(_claim_sql(), [limit])
        rows = sorted(cursor.fetchall())
    return [(*row[:4], _aware(row[4])) for row in rows]


def _aware(value) -> datetime:
    """A time as the raw cursor returns it (SQLite: UTC text) as an aware datetime."""
    if isinstance(value, str):
        value = parse_datetime(value)
    return value if timezone.is_aware(value) else timezone.make_aware(value, UTC)


def write(old: HeadState, new: HeadState, entries: list[EntryRow], nodes: list[tuple]) -> bool:
    """Move the head from `old` to `new` and insert entries and nodes, if the head is `old`.

    Returns whether it did; when it did not, nothing was written. The sequencer holds the
    head's lock, so a head that moved means something is badly wrong: the caller raises.
    """
    db = _db()
    adapt = db.ops.adapt_datetimefield_value
    with _cursor(db) as cursor:
        cursor.execute(_move_sql(), [*new, *old])
        if cursor.rowcount != 1:
            return False
        _insert(db, cursor, Entry, [(*e[:3], adapt(e[3]), *e[4:]) for e in entries])
        _insert(db, cursor, Node, nodes)
    return True


def _db():
    # Looked up once per call: each use of the `connection` proxy costs a thread-local lookup.
    return connections[DEFAULT_DB_ALIAS]


class _cursor:  # noqa: N801 (used like a function: `with _cursor(db) as cursor`)
    """Django's cursor, except on PostgreSQL: one that sends the values apart from the SQL
    (server-side binding), kept for the connection's life.

    Django's cursors quote the values into the SQL text (client-side binding), so the server
    parses and plans each statement anew; bound on the server, each statement here is prepared
    once per connection (the `prepare_threshold` option in config/settings.py). Kept, because
    making a cursor per append costs as much client time as the INSERT. Wrapped like any Django
    cursor: the same errors, the same query logging.
    """

    def __init__(self, db):
        self.db, self.wrapper = db, None

    def __enter__(self):
        db = self.db
        if db.vendor != "postgresql":
            self.wrapper = db.cursor()
            return self.wrapper
        db.ensure_connection()
        raw = getattr(db, KEPT_CURSOR, None)
        if raw is None or raw.closed or raw.connection is not db.connection:
            from django.db.backends.postgresql.base import ServerBindingCursor

            with db.wrap_database_errors:
                raw = ServerBindingCursor(db.connection)
            setattr(db, KEPT_CURSOR, raw)
        return _LoggedCursor(raw, db) if db.queries_logged else db.make_cursor(raw)

    def __exit__(self, *exc_info):
        if self.wrapper is not None:  # the kept cursor stays open
            self.wrapper.close()


class _LoggedCursor(CursorDebugWrapper):
    """Django's debug cursor, logging the SQL as written: psycopg keeps no text of a statement
    bound on the server, where Django's looks for it."""

    def execute(self, sql, params=None):
        with self.debug_sql(sql, params):
            return CursorWrapper.execute(self, sql, params)


def _insert(db, cursor, model, rows: list[tuple], returning: str = "") -> list:
    """Insert rows into one of the ledger's tables; the `returning` column of each, if asked."""
    if not rows:
        return []
    columns, types = _COLUMNS[model]
    if db.vendor == "postgresql":  # each column as one array parameter
        cursor.execute(_unnest_sql(model, returning), [list(c) for c in zip(*rows, strict=True)])
        return [row[0] for row in cursor.fetchall()] if returning else []
    found = []
    for start in range(0, len(rows), size := CHUNK_PARAMETERS // len(columns)):
        part = rows[start : start + size]
        flat = [value for row in part for value in row]
        cursor.execute(_values_sql(model, len(part), returning), flat)
        found += [row[0] for row in cursor.fetchall()] if returning else []
    return found


_COLUMNS = {
    Entry: (ENTRY_COLUMNS, ENTRY_TYPES),
    Node: (NODE_COLUMNS, NODE_TYPES),
    Pending: (PENDING_COLUMNS, PENDING_TYPES),
}


def _quote(name: str) -> str:
    return _db().ops.quote_name(name)


def _table(model) -> str:
    return _quote(model._meta.db_table)


def _returning(column: str) -> str:
    return f" RETURNING {_quote(column)}" if column else ""


@lru_cache(maxsize=4)
def _lock_sql(row_locks: bool) -> str:
    lock = " FOR UPDATE" if row_locks else ""  # SQLite: the write transaction is the lock
    return f"SELECT size, frontier FROM {_table(Head)} WHERE id = 1{lock}"  # noqa: S608


@lru_cache(maxsize=1)
def _size_sql() -> str:
    return f"SELECT size FROM {_table(Head)} WHERE id = 1"  # noqa: S608 (no input)


@lru_cache(maxsize=128)
def _nodes_sql(count: int) -> str:
    """Nodes by id: `= ANY(array)` on PostgreSQL (count 0), else `IN` with `count` values."""
    where = "id = ANY(%s)" if count == 0 else "id IN (" + ", ".join(["%s"] * count) + ")"
    return f"SELECT id, hash FROM {_table(Node)} WHERE {where}"  # noqa: S608 (no input)


@lru_cache(maxsize=1)
def _move_sql() -> str:
    condition = "id = 1 AND size = %s AND frontier = %s"
    return f"UPDATE {_table(Head)} SET size = %s, frontier = %s WHERE {condition}"  # noqa: S608


@lru_cache(maxsize=1)
def _claim_sql() -> str:
    table, columns = _table(Pending), "id, kind, subject, payload, queued_at"
    oldest = f"SELECT id FROM {table} ORDER BY id LIMIT %s"  # noqa: S608 (no input)
    return f"DELETE FROM {table} WHERE id IN ({oldest}) RETURNING {columns}"  # noqa: S608


@lru_cache(maxsize=8)
def _unnest_sql(model, returning: str) -> str:
    """PostgreSQL: the rows come as one array per column, in binary (%b: text arrays would be
    escaped element by element); unnest yields them in array order."""
    columns, types = _COLUMNS[model]
    names = ", ".join(_quote(c) for c in columns)
    arrays = ", ".join(f"%b::{kind}[]" for kind in types)
    rows = f"SELECT * FROM unnest({arrays})"  # noqa: S608 (no input)
    return f"INSERT INTO {_table(model)} ({names}) {rows}{_returning(returning)}"  # noqa: S608


@lru_cache(maxsize=64)
def _values_sql(model, rows: int, returning: str) -> str:
    columns, _types = _COLUMNS[model]
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    names = ", ".join(_quote(c) for c in columns)
    values = ", ".join([placeholders] * rows)
    return f"INSERT INTO {_table(model)} ({names}) VALUES {values}{_returning(returning)}"  # noqa: S608
