"""Daily jobs, since django-tasks has no periodic tasks: the smallest scheduler that is safe to
run in several processes at once.

An app declares a job at import of its `tasks` module (or in AppConfig.ready()):

    daily("reviews.deadline_reminders", at=time(9, 0), task=send_deadline_reminders)

`run_due()` (the `scheduler` command calls it every 30 seconds) enqueues each job whose time
has come today, Moscow wall time, and that has not been enqueued today. "Today" is claimed by
inserting a ScheduledRun(name, day) row under a unique constraint in the same transaction as
the enqueue (with the database backend, the very same commit), so two schedulers never
enqueue a job twice in a day, and an enqueue that fails leaves the day unclaimed for the next
pass. A scheduler started late still runs the day's jobs whose time has passed; a day on which
no scheduler ran at all is not made up.
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime, time
from importlib import import_module
from zoneinfo import ZoneInfo

from django.apps import apps
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

from .models import ScheduledRun

MOSCOW = ZoneInfo("Europe/Moscow")
NAME_MAX_LENGTH = ScheduledRun._meta.get_field("name").max_length
logger = logging.getLogger(__name__)

_JOBS: dict[str, "DailyJob"] = {}


@dataclass(frozen=True)
class DailyJob:
    name: str
    at: time  # Moscow wall time
    task: object  # a django_tasks Task, enqueued with no arguments


def daily(name: str, *, at: time, task) -> DailyJob:
    """Run `task` once a day at `at` (Europe/Moscow). Declaring the same job again (a module
    imported twice) is harmless; another job under a taken name is a programming error."""
    if not name or len(name) > NAME_MAX_LENGTH:
        raise ValueError(f"A daily job needs a name of 1 to {NAME_MAX_LENGTH} characters.")
    if not isinstance(at, time) or at.tzinfo is not None:
        raise ValueError("`at` is a naive datetime.time, read as Moscow wall time.")
    if not callable(getattr(task, "enqueue", None)):
        raise TypeError(f"{task!r} is not a task: decorate the function with @task().")
    job = DailyJob(name=name, at=at, task=task)
    if _JOBS.get(name, job) != job:
        raise ValueError(f"A different daily job is already registered as {name!r}.")
    _JOBS[name] = job
    return job


def jobs() -> list[DailyJob]:
    """Every registered job, earliest first."""
    return sorted(_JOBS.values(), key=lambda job: (job.at, job.name))


def autodiscover() -> None:
    """Import the `tasks` module of each of our apps, where daily jobs are declared."""
    for config in apps.get_app_configs():
        if config.name.startswith("innocluster.") and module_has_submodule(config.module, "tasks"):
            import_module(f"{config.name}.tasks")


def run_due(now: datetime | None = None) -> list[str]:
    """Enqueue every job due now and not yet enqueued today; return their names."""
    local = timezone.localtime(now or timezone.now(), MOSCOW)
    due = [job for job in jobs() if job.at <= local.time().replace(tzinfo=None)]
    if not due:
        return []
    done = set(
        ScheduledRun.objects.filter(
            run_on=local.date(), name__in=[job.name for job in due]
        ).values_list("name", flat=True)
    )
    return [job.name for job in due if job.name not in done and _claim(job, local.date())]


def _claim(job: DailyJob, day: date) -> bool:
    """Insert the day's row and enqueue, together; False if another process was first."""
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(name=job.name, run_on=day)
            job.task.enqueue()
    except IntegrityError:
        return False
    except Exception:  # a broker down: the day stays unclaimed, the next pass tries again
        logger.exception("Could not enqueue the daily job %s", job.name)
        return False
    logger.debug("Enqueued the daily job %s for %s", job.name, day.isoformat())
    return True
