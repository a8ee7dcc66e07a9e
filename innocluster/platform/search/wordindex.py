# ruff: noqa: S608 - the SQL here is assembled from table and column names; values are parameters
"""Word indexes: which rows of a large catalogue have a word that starts with a given
beginning, answered from an index instead of by reading every row's folded text.

`sources.matching` tests a word with a substring test and a regular expression on the row's
folded text (fields.search_text_field): exact, but a pass over every row, and a catalogue's
rows are wide. At 100,000 vacancies a common word took 140-300 ms a statement on SQLite, and a
search page runs several (issue 22). A model whose table is that large declares its text here
(`declare`) and a migration installs the index (`install`):

- SQLite: an FTS5 table that keeps only the index of the column (external content), kept by
  triggers on the table. Its tokenizer reads words exactly as text.words does: runs of 0-9,
  a-z and а-я, every other character a separator (`categories 'Cs'` makes no Unicode category
  a word's, `tokenchars` adds ours back; the text is folded already). So "разработ"* finds
  exactly the rows the regular expression `starts_a_word` finds, from the index alone.
- PostgreSQL: a trigram GIN index on the column (pg_trgm): the LIKE and the regular expression
  that `sources.matching` writes are answered through it, then checked on the rows found.

SQLite drops a table's triggers when a migration rebuilds the table (how it alters most
columns): core/triggered.py puts them back after every `migrate` and reads the column into the
index again. `bulk_create` and `update` fire the triggers as any other write.
"""

from django.db import connections

from innocluster.core import triggered

from .text import WORD_CHARACTERS

# (table, column) of every declared index
_DECLARED: set[tuple[str, str]] = set()

TOKENIZER = f"unicode61 remove_diacritics 0 categories 'Cs' tokenchars '{WORD_CHARACTERS}'"


def declare(table: str, column: str) -> None:
    """`table`'s `column` (a folded search text) is searched through a word index."""
    _DECLARED.add((table, column))
    triggers = tuple(_trigger(table, event) for event in _EVENTS)
    kept = triggered.Kept(
        words_table(table), table, triggers, lambda: _sqlite_install(table, column)
    )
    triggered.register(kept)


FTS = "fts"  # SQLite: the words are looked up in the FTS5 table
TRIGRAMS = "trigrams"  # PostgreSQL: the column's LIKE and regular expression use the index


def index_of(model, column: str, using: str) -> str | None:
    """FTS, TRIGRAMS or None: how the words of `model`'s `column` are indexed on `using`."""
    if (model._meta.db_table, column) not in _DECLARED:
        return None
    return {"sqlite": FTS, "postgresql": TRIGRAMS}.get(connections[using].vendor)


def words_table(table: str) -> str:
    return f"{table}_words"


def matching_rows_sql(table: str) -> str:
    """The SQL of the keys of `table`'s rows whose text matches an FTS5 query (one parameter):
    what `sources.matching` puts in a `pk IN (...)`."""
    words = words_table(table)
    return f'SELECT rowid FROM "{words}" WHERE "{words}" MATCH %s'


def prefix_query(forms: list[str]) -> str:
    """The FTS5 query of a word that starts with one of `forms` (letters and digits only,
    text.words): "разработ"* OR "разраб"*."""
    return " OR ".join(f'"{form}"*' for form in forms)


def install(schema_editor, table: str, column: str) -> None:
    """Create the index of `table`'s `column` and read the rows already there into it."""
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{_trigram_index(table)}" ON "{table}" '
            f'USING gin ("{column}" gin_trgm_ops)'
        )
    elif vendor == "sqlite":
        for statement in _sqlite_install(table, column):
            schema_editor.execute(statement)


def uninstall(schema_editor, table: str, column: str) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{_trigram_index(table)}"')
    elif vendor == "sqlite":
        for event in _EVENTS:
            schema_editor.execute(f'DROP TRIGGER IF EXISTS "{_trigger(table, event)}"')
        schema_editor.execute(f'DROP TABLE IF EXISTS "{words_table(table)}"')


_EVENTS = ("insert", "update", "delete")


def _trigger(table: str, event: str) -> str:
    return f"{words_table(table)}_{event}"


def _trigram_index(table: str) -> str:
    return f"{table}_words_trgm"[:63]


def _sqlite_install(table: str, column: str) -> list[str]:
    """The FTS5 table, its triggers (the old row's words out, the new row's in: an external
    content table must be told the text it indexed to forget it), and every row read in."""
    words = words_table(table)
    add = f'INSERT INTO "{words}"(rowid, "{column}") VALUES (NEW.id, NEW."{column}")'
    remove = (
        f'INSERT INTO "{words}"("{words}", rowid, "{column}") '
        f"VALUES ('delete', OLD.id, OLD.\"{column}\")"
    )
    bodies = {
        "insert": f'AFTER INSERT ON "{table}" BEGIN {add}; END',
        "update": (
            f'AFTER UPDATE ON "{table}" WHEN OLD."{column}" IS NOT NEW."{column}" '
            f"BEGIN {remove}; {add}; END"
        ),
        "delete": f'AFTER DELETE ON "{table}" BEGIN {remove}; END',
    }
    statements = [
        f'CREATE VIRTUAL TABLE IF NOT EXISTS "{words}" USING fts5("{column}", '
        f"content='{table}', content_rowid='id', tokenize=\"{TOKENIZER}\")",
    ]
    for event, body in bodies.items():
        statements += [
            f'DROP TRIGGER IF EXISTS "{_trigger(table, event)}"',
            f'CREATE TRIGGER "{_trigger(table, event)}" {body}',
        ]
    # every row's words afresh from the table (FTS5's own command for external content)
    return [*statements, f'INSERT INTO "{words}"("{words}") VALUES (\'rebuild\')']
