"""The directory's background work: the daily check of saved searches."""

import datetime as dt

from django_tasks import task

from innocluster.core.schedule import daily

from .services import saved_searches_notify


@task()
def notify_saved_searches() -> int:
    """Tell people of organizations new since the last check that match their saved searches."""
    return saved_searches_notify()


daily("directory.saved_searches", at=dt.time(8, 0), task=notify_saved_searches)
