"""The daily check that keeps the register true: participant status changes in the platform
(suspensions, revocations) may leave a cluster below 30 counting members, and the platform may
not import features, so a task looks at every cluster holding the status each morning."""

import datetime as dt

from django_tasks import task

from innocluster.core.schedule import daily

from .services.register import clusters_minimum_check_all


@task()
def clusters_minimum_check() -> int:
    return clusters_minimum_check_all()


daily("clusters.minimum_check", at=dt.time(7, 0), task=clusters_minimum_check)
