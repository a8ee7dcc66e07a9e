"""The daily look at the sites' answers: the fund hears of each consent past its 5 business
days (once)."""

import datetime as dt

from django_tasks import task

from innocluster.core.schedule import daily

from .consent import consents_overdue_report


@task()
def pilots_consents_overdue() -> int:
    return consents_overdue_report()


daily("pilots.consents_overdue", at=dt.time(8, 0), task=pilots_consents_overdue)
