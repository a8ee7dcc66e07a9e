"""What every benchmark needs: Django pointed at a throw-away database, made before it starts
and dropped after it, and one way to read latencies (nearest-rank percentiles, in ms)."""

import os
import statistics
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


def point_django_at(var_dir: Path, database_url: str | None, *, tasks_backend: str) -> None:
    """Set the environment the settings read: a fresh PostgreSQL database when a URL is given
    (created here, dropped by `drop_database`), else SQLite in `var_dir`; DEBUG off as in
    production, because DEBUG records every query."""
    os.environ["INNOCLUSTER_VAR_DIR"] = str(var_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "innocluster.site.settings"
    os.environ["TASKS_BACKEND"] = tasks_backend
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("EMAIL_URL", "dummymail://")  # the demo's bookings write letters
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


def setup_django(workdir: Path, database_url: str | None, *, tasks_backend: str) -> None:
    """Point Django at a fresh database (see point_django_at), start it and migrate."""
    point_django_at(workdir, database_url, tasks_backend=tasks_backend)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def as_served() -> None:
    """Before timing pages in-process, what production has done by then: the planner's
    statistics as the daily job leaves them (core/statistics.py), and the process as
    `innocluster serve` starts a worker (site/warmup.py: every template compiled, what lasts
    frozen out of the garbage collector's sight, so that a full collection does not walk it)."""
    from django.db import connection

    from innocluster.core.statistics import refresh_planner_statistics
    from innocluster.site.warmup import warm_up

    refresh_planner_statistics()
    if connection.vendor == "postgresql":
        # what autovacuum does after a bulk load (PostgreSQL 13+ vacuums after inserts too):
        # the visibility map, without which no index answers a count alone (an index-only
        # scan reads every row's page to check it is visible)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM")
    warm_up()


def in_throwaway_folder(prefix: str, database_url: str | None, run):
    """Call `run(workdir)` in a temporary folder; drop the PostgreSQL database afterwards."""
    with tempfile.TemporaryDirectory(prefix=prefix) as workdir:
        try:
            return run(Path(workdir))
        finally:
            if database_url:
                from django.db import connections

                connections.close_all()
                drop_database(database_url)


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def p95(samples_ms: list[float]) -> float:
    return percentile(samples_ms, 95)


def summary(samples_ms: list[float], digits: int = 3) -> str:
    return (
        f"median {statistics.median(samples_ms):.{digits}f} ms, p95 {p95(samples_ms):.{digits}f} ms"
    )


def owned_organizations(
    count: int, *, email: str, full_name: str, short_name: str, first: int = 0, **fields
):
    """`count` Moscow organizations, each with an owner who has confirmed their e-mail, written
    set-based; `email`, `full_name` and `short_name` are formats of the number `i` (from
    `first`: a second call starts past the first one's, as their INNs and OGRNs are made of
    it), `fields` the rest of each row (org_type, headcount…). Returns the organizations, in
    order."""
    from django.utils import timezone

    from innocluster.platform.accounts.models import User
    from innocluster.platform.organizations.models import Membership, Organization

    now = timezone.now()
    people = User.objects.bulk_create(
        User(email=email.format(i=i), full_name=f"Сотрудник {i}", email_confirmed_at=now)
        for i in range(first, first + count)
    )
    organizations = Organization.objects.bulk_create(
        Organization(
            kind="legal_entity",
            inn=f"77{i:08d}",
            ogrn=f"1{i:012d}",
            full_name=full_name.format(i=i),
            short_name=short_name.format(i=i),
            region="77",
            **fields,
        )
        for i in range(first, first + count)
    )
    Membership.objects.bulk_create(
        Membership(organization=organization, user=person, role="owner")
        for organization, person in zip(organizations, people, strict=True)
    )
    return organizations
