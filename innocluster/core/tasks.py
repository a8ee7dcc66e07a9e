import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task

from .orphans import delete_declared
from .schedule import daily
from .statistics import refresh_planner_statistics


@task()
def send_email(*, to: list[str], subject: str, body: str) -> int:
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to, fail_silently=False)


@task()
def refresh_statistics() -> None:
    """The query planner's statistics measured again, as the tables have grown (SQLite has
    none of its own: core/statistics.py)."""
    refresh_planner_statistics()


@task()
def delete_orphan_files() -> dict[str, int | None]:
    """Delete the uploaded files no row names, a day after they were written, in every
    declared folder (core/orphans.py); how many each declaration deleted, None where it
    failed. A task runs outside any transaction, so a query that fails in one declaration's
    sweep aborts only itself."""
    return delete_declared()


# At night, when the fewest uploads are in flight and the storage is least busy.
daily("core.orphan_files", at=dt.time(1, 0), task=delete_orphan_files)

# At night, after the other daily jobs have written their day's changes.
daily("core.refresh_statistics", at=dt.time(3, 30), task=refresh_statistics)
