"""One search interface, two backends, chosen by the database in use.

    backend().match(queryset, "роботов")  # the matching organizations, with `search_rank`

Both read queries through `platform/search/text.py`, so a word means the same to each of them.
"""

from django.db import connection

from .postgres import PostgresBackend
from .sqlite import SQLiteBackend

_BACKENDS = {"postgresql": PostgresBackend(), "sqlite": SQLiteBackend()}


def backend(connection_=None):
    vendor = (connection_ or connection).vendor
    try:
        return _BACKENDS[vendor]
    except KeyError:
        raise NotImplementedError(f"Search has no backend for {vendor}.") from None


def install_sql(vendor: str) -> list[str]:
    from . import postgres, sqlite

    return {"postgresql": postgres.install_sql, "sqlite": sqlite.install_sql}[vendor]()


def uninstall_sql(vendor: str) -> list[str]:
    from . import postgres, sqlite

    return {"postgresql": postgres.uninstall_sql, "sqlite": sqlite.uninstall_sql}[vendor]()
