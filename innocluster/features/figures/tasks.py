"""The daily snapshot of the public figures, early in the morning (Moscow), after the night."""

import datetime as dt

from django_tasks import task

from innocluster.core.schedule import daily

from .services import snapshot_take


@task()
def figures_daily_snapshot() -> str:
    """Yesterday's figures, complete: the day has ended when the job runs."""
    from django.utils import timezone

    day = timezone.localdate() - dt.timedelta(days=1)
    from .models import Snapshot

    if Snapshot.objects.filter(day=day).exists():  # a retry after success: nothing to do
        return day.isoformat()
    sha256 = snapshot_take(day=day).sha256
    warm_pages()
    return sha256


def warm_pages() -> None:
    from .selectors import snapshot_latest
    from .views import warm

    published = snapshot_latest()
    if published:
        warm(published)


daily("figures.daily_snapshot", at=dt.time(2, 30), task=figures_daily_snapshot)
