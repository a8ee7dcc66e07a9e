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
