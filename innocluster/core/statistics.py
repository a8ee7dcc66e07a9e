"""The query planner's statistics: how many rows each index narrows a search to.

SQLite keeps none unless told (`ANALYZE` writes them to `sqlite_stat1`); without them its
planner guesses, and guesses badly on our lists: the job search at 100,000 vacancies took the
index of `expires_at > now` (which keeps 98% of the rows) and sorted them all for a page of 20,
300 ms, where the index in the list's order answers in 0.03 ms once ANALYZE has run. On
35,000 demo organizations the production server's mix of pages spent 20% less CPU a request
with statistics than without (README, issue 18). PostgreSQL's autovacuum analyzes by itself,
but only some time after a bulk load; running ANALYZE there too costs seconds at a million rows.
"""

from django.db import connection

from .facets import FACET_INDEXES


def refresh_planner_statistics() -> None:
    """Measure every table and index again (after a bulk load, and daily: core/tasks.py)."""
    with connection.cursor() as cursor:
        # Every index read whole, not sampled (`PRAGMA analysis_limit`): a sample of 1,000 rows
        # told SQLite that 1,001 of 98,000 live vacancies share a status. A whole ANALYZE holds
        # SQLite's write lock while it runs: 0.2 s at 35,000 organizations, at 03:30.
        cursor.execute("ANALYZE")
        if connection.vendor == "sqlite":
            _no_skip_scans(cursor, sorted(FACET_INDEXES))


def _no_skip_scans(cursor, indexes: list[str]) -> None:
    """Tell SQLite's planner never to skip-scan `indexes` (a facet's index: core/facets.py).
    A facet's count with other facets chosen but not its own was read by skipping through its
    own index value by value (`ANY(metro_id)`), the planner taking each skip for cheap, while
    the status and expiry after it keep nearly every row: the whole index read, where the
    most selective chosen facet's index reads a tenth of it (the metro facet of a job search
    with every facet chosen at 100,000 vacancies: 24 ms against 7.5, a loaded machine; issue
    22). The word `noskipscan` in an index's statistics says so; ANALYZE writes them afresh,
    so it is added after each, and the statistics read again."""
    if not indexes:
        return
    marks = ", ".join(["%s"] * len(indexes))
    cursor.execute(
        "UPDATE sqlite_stat1 SET stat = stat || ' noskipscan' "  # noqa: S608 - placeholders
        f"WHERE idx IN ({marks}) AND stat NOT LIKE '%%noskipscan%%'",
        indexes,
    )
    cursor.execute("ANALYZE sqlite_schema")  # the planner reads the statistics again
