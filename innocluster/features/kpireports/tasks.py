"""The campaign's background work: the announcement after opening, and the daily reminders
30, 7 and 1 days before the deadline (each sent once per organization: services)."""

import datetime as dt

from django_tasks import task

from innocluster.core.schedule import daily

from .services import campaign_announce, reminders_send


@task()
def kpireports_announce(campaign_id: int) -> int:
    return campaign_announce(campaign_id=campaign_id)


@task()
def kpireports_reminders() -> int:
    return reminders_send()


daily("kpireports.reminders", at=dt.time(10, 0), task=kpireports_reminders)
