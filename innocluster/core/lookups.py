"""`field__ulower`: the field in lower case, Cyrillic included, on every database.

SQLite's LOWER() and LIKE fold ASCII letters only, so `icontains` misses «робот» in «Роботех»
there. `name__ulower__contains=query.lower()` matches in any case: PostgreSQL's LOWER() already
knows every letter; on SQLite the transform calls ULOWER, Python's str.lower registered on each
connection (core.apps).
"""

from django.db.models import CharField, F, Func, TextField, Transform, Value
from django.db.models.functions import Cast, Concat, Replace


class UnicodeLower(Transform):
    lookup_name = "ulower"
    function = "LOWER"

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function="ULOWER", **extra)


def register() -> None:
    CharField.register_lookup(UnicodeLower)
    TextField.register_lookup(UnicodeLower)


def _lower(value):
    return value.lower() if isinstance(value, str) else value


def add_sqlite_functions(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("ULOWER", 1, _lower, deterministic=True)


def folded_text(*names: str) -> Func:
    """`names`' text joined by spaces, in lower case (Cyrillic included), «ё» as «е»: what the
    words of a search are matched against (directory/sources.py), as the expression of a stored
    GeneratedField, so it is folded once when a row is written, not at every search. Immutable
    on PostgreSQL (Concat is `||` there); on SQLite it calls ULOWER, so only connections that
    registered it (every Django connection) may write these tables."""
    joined = Concat(*_spaced(names), output_field=TextField())
    return Replace(UnicodeLower(joined), Value("ё"), Value("е"), output_field=TextField())


def _spaced(names):
    for index, name in enumerate(names):
        if index:
            yield Value(" ", output_field=TextField())
        yield Cast(F(name), TextField())  # Char and Text fields mixed: one type for Concat
