import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task

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


# At night, after the other daily jobs have written their day's changes.
daily("core.refresh_statistics", at=dt.time(3, 30), task=refresh_statistics)
