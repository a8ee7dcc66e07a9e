# ruff: noqa: S608 - the SQL here is assembled from table and column names; values are parameters
"""A large catalogue's facet counts with nothing chosen, kept by the writes.

The page everybody opens first, the bare list, counts every facet over every listed row: at
100,000 vacancies, ten scans of ten indexes, 60-110 ms whenever a write has emptied the cache
(core/querycache.py; issue 22). Here database triggers keep, for each listed row's facet
values, how many rows have it, by the day the row stops being listed:

    {table}_totals (facet, value, day, n)    -- day: the UTC date of its `until` column

so that the bare page's counts are a sum over a few thousand of these (`counts`), exact at
any moment: the days after today's start are wholly listed, and of the day that holds the
start, the rows still listed are read one by one (none at all when every row ends at a
midnight of the catalogue's own zone, as vacancies do). A row is listed while its status is
`status` and `until` is after the list's start of the day; `facet` '' with value '' counts
the rows themselves: the page's total.

Both databases: SQLite's triggers run a statement per facet (their UPSERT), PostgreSQL's one
function. A row whose facet value is NULL is not counted for that facet (a vacancy without a
metro station). Rows whose count fell to 0 stay (a later write may need them again).
"""

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections
from django.db.models import QuerySet

from . import triggered

TOTAL = ""  # the facet (and value) under which the rows themselves are counted


@dataclass(frozen=True)
class FacetTotals:
    table: str
    columns: tuple[str, ...]  # the facets' columns
    status: tuple[str, str]  # (column, the value of a listed row)
    until: str  # the column of when a row stops being listed

    @property
    def totals_table(self) -> str:
        return f"{self.table}_totals"

    def register(self) -> None:
        """For core/triggered.py: SQLite's triggers made again after a table rebuild."""
        triggers = tuple(self._trigger(event) for event in _EVENTS)
        triggered.register(
            triggered.Kept(self.totals_table, self.table, triggers, self._sqlite_statements)
        )

    # Reading

    def counts(self, start: dt.datetime, using: str) -> tuple[dict[str, dict[str, int]], int]:
        """({column: {value: rows}}, the rows) of what is listed from `start` (an aware
        datetime: rows whose `until` is after it)."""
        utc_start = start.astimezone(dt.UTC)
        next_midnight = dt.datetime.combine(utc_start.date() + dt.timedelta(days=1), dt.time())
        next_midnight = next_midnight.replace(tzinfo=dt.UTC)
        counts: dict[str, Counter] = {column: Counter() for column in self.columns}
        total = 0
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(
                f'SELECT facet, value, SUM(n) FROM "{self.totals_table}" '
                "WHERE day > %s GROUP BY facet, value",
                [connection.ops.adapt_datefield_value(utc_start.date())],
            )
            for facet, value, n in cursor.fetchall():
                if facet == TOTAL:
                    total += n
                elif n and facet in counts:
                    counts[facet][value] += n
            # the day that holds the start: its rows still listed, one by one
            status, listed = self.status
            listed_columns = ", ".join(f'"{column}"' for column in self.columns)
            cursor.execute(
                f'SELECT {listed_columns} FROM "{self.table}" WHERE "{status}" = %s '
                f'AND "{self.until}" > %s AND "{self.until}" < %s',
                [
                    listed,
                    connection.ops.adapt_datetimefield_value(utc_start),
                    connection.ops.adapt_datetimefield_value(next_midnight),
                ],
            )
            for row in cursor.fetchall():
                total += 1
                for column, value in zip(self.columns, row, strict=True):
                    if value is not None:
                        counts[column][str(value)] += 1
        return {column: dict(found) for column, found in counts.items()}, total

    # Installing

    def install(self, schema_editor) -> None:
        """Make the totals table and its triggers, and count the rows already there."""
        vendor = schema_editor.connection.vendor
        statements = {"sqlite": self._sqlite_statements, "postgresql": self._postgres_statements}
        for statement in statements[vendor]():
            schema_editor.execute(statement, params=None)

    def uninstall(self, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f'DROP TABLE IF EXISTS "{self.totals_table}"')
            schema_editor.execute(f'DROP FUNCTION IF EXISTS "{self._function}"() CASCADE')
            return
        for event in _EVENTS:
            schema_editor.execute(f'DROP TRIGGER IF EXISTS "{self._trigger(event)}"')
        schema_editor.execute(f'DROP TABLE IF EXISTS "{self.totals_table}"')

    def _trigger(self, event: str) -> str:
        return f"{self.totals_table}_{event}"

    @property
    def _function(self) -> str:
        return f"{self.totals_table}_keep"

    def _create_table(self) -> str:
        return (
            f'CREATE TABLE IF NOT EXISTS "{self.totals_table}" (facet TEXT NOT NULL, '
            "value TEXT NOT NULL, day DATE NOT NULL, n INTEGER NOT NULL, "
            "PRIMARY KEY (facet, value, day))"
        )

    def _pairs(self, row: str, cast: str) -> list[str]:
        """(facet, value as text) of `row` (NEW or OLD), the rows' own count first."""
        pairs = [f"('{TOTAL}', '{TOTAL}')"]
        return pairs + [
            f"('{column}', {cast.format(f'{row}.{column}')})" for column in self.columns
        ]

    def _sqlite_statements(self) -> list[str]:
        status, listed = self.status
        day = "date({row}.{until})"

        def add(row: str) -> str:
            return (
                f'INSERT INTO "{self.totals_table}" (facet, value, day, n) '
                f"SELECT facet, value, {day.format(row=row, until=self.until)}, 1 FROM "
                f"(SELECT column1 AS facet, column2 AS value FROM (VALUES "
                f"{', '.join(self._pairs(row, 'CAST({} AS TEXT)'))})) "
                f"WHERE value IS NOT NULL AND {row}.{status} = '{listed}' "
                f"AND {row}.{self.until} IS NOT NULL "
                "ON CONFLICT (facet, value, day) DO UPDATE SET n = n + 1"
            )

        def remove(row: str) -> str:
            return (
                f'UPDATE "{self.totals_table}" SET n = n - 1 '
                f"WHERE day = {day.format(row=row, until=self.until)} "
                f"AND (facet, value) IN (VALUES {', '.join(self._pairs(row, 'CAST({} AS TEXT)'))}) "
                f"AND {row}.{status} = '{listed}'"
            )

        changed = " OR ".join(
            f"OLD.{column} IS NOT NEW.{column}" for column in (status, self.until, *self.columns)
        )
        bodies = {
            "insert": f'AFTER INSERT ON "{self.table}" BEGIN {add("NEW")}; END',
            "update": (
                f'AFTER UPDATE ON "{self.table}" WHEN {changed} '
                f"BEGIN {remove('OLD')}; {add('NEW')}; END"
            ),
            "delete": f'AFTER DELETE ON "{self.table}" BEGIN {remove("OLD")}; END',
        }
        statements = [self._create_table()]
        for event, body in bodies.items():
            statements += [
                f'DROP TRIGGER IF EXISTS "{self._trigger(event)}"',
                f'CREATE TRIGGER "{self._trigger(event)}" {body}',
            ]
        return [*statements, *self._recount("date({})")]

    def _postgres_statements(self) -> list[str]:
        status, listed = self.status

        def day(row: str) -> str:
            return f"({row}.{self.until} AT TIME ZONE 'UTC')::date"

        def pairs(row: str) -> str:
            return f"VALUES {', '.join(self._pairs(row, '({})::text'))}"

        function = f"""
            CREATE OR REPLACE FUNCTION "{self._function}"() RETURNS trigger AS $$
            BEGIN
                IF TG_OP <> 'INSERT' AND OLD.{status} = '{listed}' THEN
                    UPDATE "{self.totals_table}" SET n = n - 1
                    WHERE day = {day("OLD")} AND (facet, value) IN ({pairs("OLD")});
                END IF;
                IF TG_OP <> 'DELETE' AND NEW.{status} = '{listed}'
                        AND NEW.{self.until} IS NOT NULL THEN
                    INSERT INTO "{self.totals_table}" AS t (facet, value, day, n)
                    SELECT facet, value, {day("NEW")}, 1 FROM ({pairs("NEW")}) AS v (facet, value)
                    WHERE value IS NOT NULL
                    ORDER BY facet, value  -- every writer takes the rows' locks in one order
                    ON CONFLICT (facet, value, day) DO UPDATE SET n = t.n + 1;
                END IF;
                RETURN NULL;
            END $$ LANGUAGE plpgsql"""
        columns = ", ".join((status, self.until, *self.columns))
        old = ", ".join(f"OLD.{c}" for c in (status, self.until, *self.columns))
        new = ", ".join(f"NEW.{c}" for c in (status, self.until, *self.columns))
        return [
            self._create_table(),
            function,
            f'DROP TRIGGER IF EXISTS "{self._trigger("write")}" ON "{self.table}"',
            f'CREATE TRIGGER "{self._trigger("write")}" AFTER INSERT OR DELETE ON "{self.table}" '
            f'FOR EACH ROW EXECUTE FUNCTION "{self._function}"()',
            f'DROP TRIGGER IF EXISTS "{self._trigger("update")}" ON "{self.table}"',
            f'CREATE TRIGGER "{self._trigger("update")}" AFTER UPDATE OF {columns} '
            f'ON "{self.table}" FOR EACH ROW WHEN (({old}) IS DISTINCT FROM ({new})) '
            f'EXECUTE FUNCTION "{self._function}"()',
            *self._recount("({} AT TIME ZONE 'UTC')::date"),
        ]

    def _recount(self, day: str) -> list[str]:
        """Every listed row counted afresh (after a rebuild, rows may have been written
        without the triggers)."""
        status, listed = self.status
        where = f"WHERE {status} = '{listed}' AND {self.until} IS NOT NULL"
        day_of = day.format(self.until)
        parts = [
            f"SELECT '{TOTAL}', '{TOTAL}', {day_of}, COUNT(*) FROM \"{self.table}\" {where} "
            f"GROUP BY {day_of}"
        ]
        parts += [
            f"SELECT '{column}', CAST({column} AS TEXT), {day_of}, COUNT(*) "
            f'FROM "{self.table}" {where} AND {column} IS NOT NULL GROUP BY {column}, {day_of}'
            for column in self.columns
        ]
        return [
            f'DELETE FROM "{self.totals_table}"',
            f'INSERT INTO "{self.totals_table}" (facet, value, day, n) '
            + " UNION ALL ".join(parts),
        ]


_EVENTS = ("insert", "update", "delete")


@dataclass(frozen=True)
class KeptCounts:
    """What a FilterSet says (`kept_totals`) for its bare list's counts to be read from
    `totals` (core/facets.py): the list everybody sees (`rows`) and when its day starts
    (`since`: rows whose `until` is after it are listed)."""

    totals: FacetTotals
    rows: Callable[[], QuerySet]
    since: Callable[[], dt.datetime]
