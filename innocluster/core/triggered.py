"""Tables that database triggers keep from another table's rows (a word index, a catalogue's
facet totals), and their repair after a migration.

SQLite alters most columns by rebuilding the table (a new one, the rows copied, the old one
dropped and the new one renamed), and a dropped table's triggers go with it: after that, the
kept table would silently stop following the writes. So each such table is registered here
with the statements that make it (idempotent: the table if missing, its triggers again, and
every row read in afresh), and after every `migrate` (apps.py) `repair` runs them for each
one whose triggers are gone. PostgreSQL keeps a table's triggers through an ALTER TABLE.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections


@dataclass(frozen=True)
class Kept:
    kept_table: str  # what the triggers write
    source_table: str  # the table whose triggers keep it
    triggers: tuple[str, ...]  # their names (SQLite)
    sqlite_install: Callable[[], list[str]]  # the statements that make it all afresh


_KEPT: dict[str, Kept] = {}


def register(kept: Kept) -> None:
    _KEPT[kept.kept_table] = kept


def repair(using: str = "default") -> list[str]:
    """On SQLite, make afresh every registered table whose source table a migration has
    rebuilt (its triggers are gone; rows written meanwhile are read in again). Returns the
    kept tables repaired."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return []
    repaired = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master")
        existing = {name for (name,) in cursor.fetchall()}
        for name, kept in sorted(_KEPT.items()):
            if kept.source_table not in existing or name not in existing:
                continue  # not migrated this far: its migration makes it
            if all(trigger in existing for trigger in kept.triggers):
                continue
            for statement in kept.sqlite_install():
                cursor.execute(statement)
            repaired.append(name)
    return repaired
