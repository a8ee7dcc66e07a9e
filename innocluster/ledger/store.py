"""The append hot path in plain SQL: read the head, insert the entries and their nodes, move it.

Why not the ORM here: building these queries through the ORM costs about 0.8 ms per append,
which caps appends near 1,000 per second; sent directly they cost a fraction of that.
Everything else (reads, checkpoints, the admin) goes through the models. Table and column
names come from the models, never from input.

An append is one `write`: move the head from the state the entries were computed from to the
new one, *if the head is still in that state*, and insert the entries and nodes only then. The
UPDATE takes the head's row lock (kept until the transaction ends) and re-reads the row under
it, so a write computed from any other state changes nothing and reports so; the caller then
locks the head (`lock_head`), recomputes and writes again. On PostgreSQL the whole write is
one statement (data-modifying CTEs): a single round trip. Elsewhere it is an UPDATE and then
multi-row INSERTs (SQLite serializes writers with its IMMEDIATE transactions).

Each connection remembers the head it last wrote (`remembered_head`), so an append usually
skips the read: BEGIN, one write, COMMIT. A remembered head that is stale (another process
appended, the transaction rolled back, the row was changed by hand) only costs the retry:
the conditional write is what guarantees correctness, never the memory.
"""

from datetime import datetime
from functools import lru_cache

from django.db import DEFAULT_DB_ALIAS, connection, connections

from .models import Entry, Head, Node

HeadState = tuple[int, bytes, datetime | None]  # size, frontier, checkpoint requested at

ENTRY_COLUMNS = ("index", "kind", "subject", "timestamp", "data", "leaf_hash")
ENTRY_TYPES = ("bigint", "varchar", "varchar", "timestamptz", "text", "bytea")
NODE_COLUMNS = ("id", "hash")
NODE_TYPES = ("bigint", "bytea")
CHUNK_PARAMETERS = 30_000  # SQLite allows 32,766 parameters per statement
REMEMBERED = "_innocluster_ledger_head"


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _table(model) -> str:
    return _quote(model._meta.db_table)


def lock_head() -> HeadState | None:
    """The head row, locked until the transaction ends; None if absent."""
    sql = _lock_sql(connection.vendor, connection.features.has_select_for_update)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    if row is None:
        return None
    requested = row[2]
    convert = getattr(connection.ops, "convert_datetimefield_value", None)  # SQLite: naive UTC
    if requested is not None and convert:
        requested = convert(requested, None, connection)
    return row[0], bytes(row[1]), requested


def remembered_head() -> HeadState | None:
    """The head this connection last wrote: a guess, checked by `write`."""
    return getattr(connections[DEFAULT_DB_ALIAS], REMEMBERED, None)


def write(
    old: HeadState, new: HeadState, entries: list[Entry], nodes: list[tuple[int, bytes]]
) -> bool:
    """Move the head from `old` to `new` and insert entries and nodes, if the head is `old`.

    Returns whether it did; when it did not, nothing was written.
    """
    db = connections[DEFAULT_DB_ALIAS]
    adapt = db.ops.adapt_datetimefield_value
    head = [new[0], new[1], adapt(new[2]), old[0], old[1], adapt(old[2])]
    if db.vendor == "postgresql" and len(entries) == 1:  # the one-fact append: one statement
        values = head + list(_entry_row(entries[0], adapt))
        values += [value for node in nodes for value in node]
        with _bound_cursor(db) as cursor:
            cursor.execute(_combined_sql(len(nodes)), values)
            done = cursor.fetchone()[0] == 1
    else:
        with db.cursor() as cursor:
            cursor.execute(_move_sql(db.vendor), head)
            done = cursor.rowcount == 1
            if done:
                _insert_rows(cursor, Entry, ENTRY_COLUMNS, [_entry_row(e, adapt) for e in entries])
                _insert_rows(cursor, Node, NODE_COLUMNS, nodes)
    setattr(db, REMEMBERED, new if done else None)
    return done


def _bound_cursor(db):
    """PostgreSQL: a cursor that sends the values apart from the SQL (server-side binding).

    Django's cursors quote the values into the SQL text (its default, client-side binding),
    so the server parses and plans every append anew; this statement's text is the same for
    every append (per number of nodes), so with the `prepare_threshold` option it is prepared
    once per connection. Wrapped like any Django cursor: the same errors, the same logging.
    """
    from django.db.backends.postgresql.base import ServerBindingCursor

    db.ensure_connection()
    with db.wrap_database_errors:
        cursor = ServerBindingCursor(db.connection)
    return db.make_debug_cursor(cursor) if db.queries_logged else db.make_cursor(cursor)


@lru_cache(maxsize=4)
def _lock_sql(vendor: str, row_locks: bool) -> str:
    lock = " FOR UPDATE" if row_locks else ""
    columns = "size, frontier, checkpoint_requested_at"
    return f"SELECT {columns} FROM {_table(Head)} WHERE id = 1{lock}"  # noqa: S608 (no input)


@lru_cache(maxsize=4)
def _move_sql(vendor: str) -> str:
    changes = "size = %s, frontier = %s, checkpoint_requested_at = %s"
    # IS on SQLite, IS NOT DISTINCT FROM elsewhere: equal, or both NULL
    same = "IS" if vendor == "sqlite" else "IS NOT DISTINCT FROM"
    condition = f"id = 1 AND size = %s AND frontier = %s AND checkpoint_requested_at {same} %s"
    return f"UPDATE {_table(Head)} SET {changes} WHERE {condition}"  # noqa: S608 (no input)


def _entry_row(entry: Entry, adapt) -> tuple:
    return (
        entry.index,
        entry.kind,
        entry.subject,
        adapt(entry.timestamp),
        entry.data,
        entry.leaf_hash,
    )


@lru_cache(maxsize=64)
def _combined_sql(nodes: int) -> str:
    """PostgreSQL: the head moved, one entry and its `nodes` nodes inserted, in one statement.

    The inserts join the UPDATE's RETURNING row, so they write nothing if the head was not in
    the expected state. One text per number of nodes (at most 1 + log2 of the log's size).
    """
    move = _move_sql("postgresql")
    insert_entry = _insert_select(Entry, ENTRY_COLUMNS, ENTRY_TYPES, 1)
    insert_nodes = _insert_select(Node, NODE_COLUMNS, NODE_TYPES, nodes)
    ctes = f"moved AS ({move} RETURNING 1), e AS ({insert_entry}), n AS ({insert_nodes})"
    return f"WITH {ctes} SELECT count(*) FROM moved"  # noqa: S608 (no input)


def _insert_select(model, columns: tuple[str, ...], types: tuple[str, ...], rows: int) -> str:
    """INSERT … SELECT the rows FROM moved: nothing unless the head moved. The first row's
    casts give the VALUES list its types."""
    first = "(" + ", ".join(f"%s::{kind}" for kind in types) + ")"
    other = "(" + ", ".join(["%s"] * len(columns)) + ")"
    values = ", ".join([first] + [other] * (rows - 1))
    names = ", ".join(_quote(c) for c in columns)
    rows_sql = f"SELECT v.* FROM moved, (VALUES {values}) AS v"  # noqa: S608 (no input)
    return f"INSERT INTO {_table(model)} ({names}) {rows_sql}"


@lru_cache(maxsize=64)
def _insert_sql(vendor: str, model, columns: tuple[str, ...], rows: int) -> str:
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    names = ", ".join(_quote(c) for c in columns)
    values = ", ".join([placeholders] * rows)
    return f"INSERT INTO {_table(model)} ({names}) VALUES {values}"  # noqa: S608 (no input)


def _insert_rows(cursor, model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Multi-row INSERTs, in chunks that stay under every database's parameter limit."""
    chunk = CHUNK_PARAMETERS // len(columns)
    for start in range(0, len(rows), chunk):
        part = rows[start : start + chunk]
        sql = _insert_sql(connection.vendor, model, columns, len(part))
        cursor.execute(sql, [value for row in part for value in row])
