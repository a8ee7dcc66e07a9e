"""The planner's statistics (core/statistics.py): measured by a daily job and after the demo's
load; SQLite keeps them in sqlite_stat1 once measured, PostgreSQL in pg_stats."""

import pytest
from django.db import connection

from innocluster.core import schedule
from innocluster.core.statistics import refresh_planner_statistics
from innocluster.core.tasks import refresh_statistics
from tests.factories import OrganizationFactory


def test_a_daily_job_refreshes_the_statistics():
    schedule.autodiscover()
    assert any(job.task is refresh_statistics for job in schedule.jobs())


def _measured_tables() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            exists = "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
            if not cursor.execute(exists).fetchone():
                return set()
            cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        else:
            cursor.execute("SELECT DISTINCT tablename FROM pg_stats WHERE schemaname = 'public'")
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db(transaction=True)  # PostgreSQL's ANALYZE sees committed rows only
def test_the_tables_are_measured_once_refreshed():
    OrganizationFactory.create_batch(3)
    table = OrganizationFactory._meta.model._meta.db_table
    refresh_planner_statistics()
    assert table in _measured_tables()


@pytest.mark.django_db(transaction=True)
def test_sqlite_never_skip_scans_a_facet_index():
    """core/statistics._no_skip_scans: a facet's index is marked once per ANALYZE, however
    often the statistics are refreshed."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's planner statistics")
    from innocluster.core.facets import FACET_INDEXES
    from tests.jobs.helpers import make_vacancy, seeded

    seeded()
    make_vacancy()
    refresh_planner_statistics()
    refresh_planner_statistics()
    with connection.cursor() as cursor:
        cursor.execute("SELECT idx, stat FROM sqlite_stat1")
        stats = dict(cursor.fetchall())
    facets = {name: stat for name, stat in stats.items() if name in FACET_INDEXES}
    assert facets and all(stat.count("noskipscan") == 1 for stat in facets.values())
    assert not any("noskipscan" in stat for name, stat in stats.items() if name not in facets)
