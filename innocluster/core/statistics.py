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


def refresh_planner_statistics() -> None:
    """Measure every table and index again (after a bulk load, and daily: core/tasks.py)."""
    with connection.cursor() as cursor:
        # Every index read whole, not sampled (`PRAGMA analysis_limit`): a sample of 1,000 rows
        # told SQLite that 1,001 of 98,000 live vacancies share a status. A whole ANALYZE holds
        # SQLite's write lock while it runs: 0.2 s at 35,000 organizations, at 03:30.
        cursor.execute("ANALYZE")
