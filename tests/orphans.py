"""For the tests of the daily sweep of files no row names (core.orphans): files written
straight to storage as a killed process leaves them, made old, and the registered daily job
run."""

import datetime as dt
import os
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from innocluster.core import schedule


def stray(name: str, content: bytes = b"%PDF-1.4 left behind") -> str:
    """Write a file no row names (a process died between writing it and committing its row)."""
    return default_storage.save(name, ContentFile(content))


def aged(*names: str, days: int = 2) -> None:
    """Make stored files look written `days` ago."""
    then = (timezone.now() - dt.timedelta(days=days)).timestamp()
    for name in names:
        os.utime(default_storage.path(name), (then, then))


def exists(name: str) -> bool:
    return Path(default_storage.path(name)).is_file()


def run_daily(name: str):
    """Enqueue the daily job registered as `name`, as the scheduler does (the tests' backend
    runs it at once), and return what it returned."""
    schedule.autodiscover()
    job = {job.name: job for job in schedule.jobs()}[name]
    return job.task.enqueue().return_value


def swept(name: str):
    """Run core's daily sweep of files no row names, as the scheduler does, and return how
    many files the declaration `name` deleted."""
    return run_daily("core.orphan_files")[name]
