"""Background work of challenges: telling evaluators that entries are closed, and deleting
entry documents no row names."""

import datetime as dt

from django_tasks import task

from innocluster.core.orphans import OrphanFiles
from innocluster.core.schedule import daily


@task()
def notify_closed_challenges() -> int:
    from .services import deadlines_notify_due

    return deadlines_notify_due()


# Entries close at the end of a Moscow day (the pages' default), so just after midnight.
daily("challenges.deadline_notices", at=dt.time(0, 20), task=notify_closed_challenges)

# Entry documents go to challenges/<challenge>/<entry>/ (models.document_path).
ORPHAN_FILES = OrphanFiles(
    "challenges", folders=("challenges",), fields=("challenges.EntryDocument.file",)
)


@task()
def delete_orphan_files() -> int:
    """Delete entry documents no row names, a day after they were written (an upload whose
    transaction rolled back, or whose process was killed, leaves its file behind)."""
    return ORPHAN_FILES.delete()


daily("challenges.orphan_files", at=dt.time(1, 20), task=delete_orphan_files)
