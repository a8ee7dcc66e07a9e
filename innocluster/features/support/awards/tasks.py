"""The daily check of reports: reminders of reports coming due, and tranches held when their
report is overdue. The support app's `tasks` module imports this one, so the scheduler finds
the job (core.schedule.autodiscover imports each app's `tasks`)."""

import datetime as dt

from django_tasks import task

from innocluster.core.schedule import daily

from .services import report_send_reminders


@task()
def send_report_reminders() -> dict[str, int]:
    return report_send_reminders()


daily("support.report_reminders", at=dt.time(9, 15), task=send_report_reminders)
