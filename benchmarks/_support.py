"""What every benchmark needs: Django pointed at a throw-away database, made before it starts."""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


def point_django_at(var_dir: Path, database_url: str | None, *, tasks_backend: str) -> None:
    """Set the environment the settings read: a fresh PostgreSQL database when a URL is given
    (created here, dropped by `drop_database`), else SQLite in `var_dir`; DEBUG off as in
    production, because DEBUG records every query."""
    os.environ["INNOCLUSTER_VAR_DIR"] = str(var_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "innocluster.config.settings"
    os.environ["TASKS_BACKEND"] = tasks_backend
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DEBUG", "false")
    if database_url:
        drop_database(database_url)
        _maintenance(database_url, f'CREATE DATABASE "{_name(database_url)}"')
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{var_dir / 'bench.sqlite3'}"
    sys.path.insert(0, str(ROOT))


def drop_database(database_url: str) -> None:
    # FORCE (PostgreSQL 13+) ends connections a failed run may have left open.
    _maintenance(database_url, f'DROP DATABASE IF EXISTS "{_name(database_url)}" WITH (FORCE)')


def _name(database_url: str) -> str:
    name = urlsplit(database_url).path.lstrip("/")
    if not name.isidentifier():
        raise SystemExit(f"Use a plain database name in --database-url, not {name!r}.")
    return name


def _maintenance(database_url: str, statement: str) -> None:
    """Run a statement on the server's `postgres` database (one cannot drop the one in use)."""
    import psycopg

    parts = urlsplit(database_url)
    admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(statement)
