"""Background work of challenges: telling evaluators that entries are closed (entry documents
no row names are deleted by core's daily task, as models.ORPHAN_FILES declares)."""

import datetime as dt

from django_tasks import task

from innocluster.core.schedule import daily


@task()
def notify_closed_challenges() -> int:
    from .services import deadlines_notify_due

    return deadlines_notify_due()


# Entries close at the end of a Moscow day (the pages' default), so just after midnight.
daily("challenges.deadline_notices", at=dt.time(0, 20), task=notify_closed_challenges)
