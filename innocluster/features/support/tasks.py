"""Daily jobs of support measures: report reminders and held tranches (awards/tasks.py), and
the deletion of files no row names (the application documents are the review kit's:
reviews.tasks sweeps support/documents)."""

import datetime as dt

from django_tasks import task

from innocluster.core.orphans import OrphanFiles
from innocluster.core.schedule import daily

from .awards import tasks  # noqa: F401

# Cost documents go to support/costs/, agreements to support/agreements/, reports of actual
# costs to support/reports/ (models._upload, awards.models._upload).
ORPHAN_FILES = OrphanFiles(
    "support",
    folders=("support/costs", "support/agreements", "support/reports"),
    fields=("support.CostItem.document", "support.Agreement.file", "support.Report.file"),
)


@task()
def delete_orphan_files() -> int:
    """Delete cost documents, agreements and reports no row names, a day after they were
    written (a transaction rolled back after its file was written, or a process killed)."""
    return ORPHAN_FILES.delete()


daily("support.orphan_files", at=dt.time(1, 40), task=delete_orphan_files)
