"""The review pipeline's background work: the daily deadline check; and the declaration of the
kit's documents for core's daily deletion of files no row names (made here, not in models.py:
it reads every kind's document model, and the kinds' apps define theirs after this app's
models are loaded; ReviewsConfig.ready() imports this module once every model is)."""

import datetime as dt

from django.apps import apps
from django_tasks import task

from innocluster.core.orphans import OrphanFiles, declare
from innocluster.core.schedule import daily

from .models import SubmissionDocument
from .services import case_send_deadline_reminders


@task()
def send_deadline_reminders() -> dict[str, int]:
    """Warn reviewers of cases due in two business days; flag the overdue ones."""
    return case_send_deadline_reminders()


def submission_documents() -> OrphanFiles:
    """Declare the documents of every kind of the kit (status, support, clusters, pilots, KPI
    reports): each kind's SubmissionDocument model writes to its own `upload_folder`, and its
    `file` names them. Read from the installed models, so a kind added later is swept too."""
    models = sorted(
        (model for model in apps.get_models() if issubclass(model, SubmissionDocument)),
        key=lambda model: model._meta.label,
    )
    return declare(
        "reviews",
        folders=tuple(sorted({model.upload_folder for model in models})),
        fields=tuple(f"{model._meta.label}.file" for model in models),
    )


daily("reviews.deadline_reminders", at=dt.time(9, 0), task=send_deadline_reminders)

ORPHAN_FILES = submission_documents()
