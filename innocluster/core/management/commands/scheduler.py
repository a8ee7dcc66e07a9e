"""`innocluster scheduler`: enqueue the daily jobs when their time comes (core.schedule)."""

import signal
import threading

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils import timezone

from innocluster.core import schedule


class Command(BaseCommand):
    help = (
        "Enqueue each daily job once a day when its time (Europe/Moscow) has come. Safe to run "
        "in several processes: a job is claimed for the day in the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="one pass, then exit")
        parser.add_argument(
            "--interval", type=float, default=30.0, help="seconds between passes (default 30)"
        )

    def handle(self, *, once: bool, interval: float, **options):
        if interval <= 0:
            raise CommandError("--interval must be greater than zero.")
        schedule.autodiscover()
        self._report_jobs(options["verbosity"])
        stop = threading.Event()
        if not once:
            for signum in (signal.SIGINT, signal.SIGTERM):
                signal.signal(signum, lambda *_: stop.set())
        while not stop.is_set():
            for name in schedule.run_due():
                self.stdout.write(f"{timezone.now():%Y-%m-%d %H:%M:%S}Z enqueued {name}")
            if once:
                break
            close_old_connections()  # a long-lived process: drop connections gone stale
            stop.wait(interval)

    def _report_jobs(self, verbosity: int) -> None:
        if verbosity < 1:
            return
        jobs = schedule.jobs()
        listed = ", ".join(f"{job.name} at {job.at:%H:%M}" for job in jobs) or "none yet"
        self.stdout.write(f"Daily jobs (Europe/Moscow): {listed}")
