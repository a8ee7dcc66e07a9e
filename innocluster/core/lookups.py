"""`field__ulower`: the field in lower case, Cyrillic included, on every database.

SQLite's LOWER() and LIKE fold ASCII letters only, so `icontains` misses «робот» in «Роботех»
there. `name__ulower__contains=query.lower()` matches in any case: PostgreSQL's LOWER() already
knows every letter; on SQLite the transform calls ULOWER, Python's str.lower registered on each
connection (core.apps).
"""

from django.db.models import CharField, TextField, Transform


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
