"""The review pipeline's background work: the daily deadline check."""

import datetime as dt

from django_tasks import task

from innocluster.core.schedule import daily

from .services import case_send_deadline_reminders


@task()
def send_deadline_reminders() -> dict[str, int]:
    """Warn reviewers of cases due in two business days; flag the overdue ones."""
    return case_send_deadline_reminders()


daily("reviews.deadline_reminders", at=dt.time(9, 0), task=send_deadline_reminders)
