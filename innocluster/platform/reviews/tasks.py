"""The review pipeline's background work: the daily deadline check, and the daily deletion of
submission documents no row names."""

import datetime as dt

from django.apps import apps
from django_tasks import task

from innocluster.core.orphans import OrphanFiles
from innocluster.core.schedule import daily

from .models import SubmissionDocument
from .services import case_send_deadline_reminders


@task()
def send_deadline_reminders() -> dict[str, int]:
    """Warn reviewers of cases due in two business days; flag the overdue ones."""
    return case_send_deadline_reminders()


def submission_documents() -> OrphanFiles:
    """The documents of every kind of the kit (status, support, clusters, pilots, KPI reports):
    each kind's SubmissionDocument model writes to its own `upload_folder`, and its `file`
    names them. Read from the installed models, so a kind added later is swept too."""
    models = sorted(
        (model for model in apps.get_models() if issubclass(model, SubmissionDocument)),
        key=lambda model: model._meta.label,
    )
    return OrphanFiles(
        "reviews",
        folders=tuple(sorted({model.upload_folder for model in models})),
        fields=tuple(f"{model._meta.label}.file" for model in models),
    )


@task()
def delete_orphan_files() -> int:
    """Delete submission documents no row names, a day after they were written: a document
    whose transaction rolled back (a later step failed) or whose process was killed leaves
    its file behind."""
    return submission_documents().delete()


daily("reviews.deadline_reminders", at=dt.time(9, 0), task=send_deadline_reminders)
daily("reviews.orphan_files", at=dt.time(1, 30), task=delete_orphan_files)
