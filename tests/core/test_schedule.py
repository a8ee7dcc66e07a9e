"""The daily scheduler: due or not, once a day however often it runs, again the next day."""

import threading
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django_tasks import default_task_backend, task

from innocluster.core import schedule
from innocluster.core.models import ScheduledRun
from innocluster.site import cli

MOSCOW = ZoneInfo("Europe/Moscow")


@task()
def morning_job() -> None:
    """Enqueued by the tests; the dummy backend only records it."""


def moscow(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=MOSCOW)


@pytest.fixture
def jobs(monkeypatch, settings):
    """A registry of the test's own, and a backend that records what is enqueued."""
    schedule.autodiscover()  # the apps' own jobs register now, not into the test's registry
    monkeypatch.setattr(schedule, "_JOBS", {})
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return schedule


def enqueued() -> list[str]:
    return [result.task.name for result in default_task_backend.results]


def test_not_due_before_its_time_due_from_it(jobs, db):
    jobs.daily("test.morning", at=time(9, 0), task=morning_job)
    assert jobs.run_due(moscow(2, 8, 59)) == []
    assert jobs.run_due(moscow(2, 9, 0)) == ["test.morning"]
    assert enqueued() == ["morning_job"]


def test_the_time_is_moscow_wall_time(jobs, db):
    jobs.daily("test.morning", at=time(9, 0), task=morning_job)
    utc = ZoneInfo("UTC")
    assert jobs.run_due(datetime(2026, 3, 2, 5, 59, tzinfo=utc)) == []  # 08:59 in Moscow
    assert jobs.run_due(datetime(2026, 3, 2, 6, 0, tzinfo=utc)) == ["test.morning"]


def test_once_a_day_however_often_it_runs_and_again_the_next_day(jobs, db):
    jobs.daily("test.morning", at=time(9, 0), task=morning_job)
    assert jobs.run_due(moscow(2, 9, 0)) == ["test.morning"]
    assert jobs.run_due(moscow(2, 9, 0)) == []
    assert jobs.run_due(moscow(2, 23, 59)) == []
    assert jobs.run_due(moscow(3, 8, 0)) == []
    assert jobs.run_due(moscow(3, 9, 30)) == ["test.morning"]
    assert enqueued() == ["morning_job", "morning_job"]
    assert sorted(ScheduledRun.objects.values_list("run_on", flat=True)) == [
        moscow(2, 0).date(),
        moscow(3, 0).date(),
    ]


def test_a_late_start_still_runs_the_days_jobs_in_order(jobs, db):
    jobs.daily("test.evening", at=time(18, 0), task=morning_job)
    jobs.daily("test.morning", at=time(9, 0), task=morning_job)
    jobs.daily("test.night", at=time(23, 0), task=morning_job)
    assert jobs.run_due(moscow(2, 19, 0)) == ["test.morning", "test.evening"]


def test_the_claim_decides_when_another_process_was_first(jobs, db):
    job = jobs.daily("test.morning", at=time(9, 0), task=morning_job)
    day = moscow(2, 9).date()
    assert jobs._claim(job, day) is True
    assert jobs._claim(job, day) is False  # the unique constraint refused the second row
    assert enqueued() == ["morning_job"]


class Broker:
    """A task whose broker is down until `up` is set."""

    name = "flaky"
    up = False

    def enqueue(self):
        if not self.up:
            raise ConnectionError("broker down")
        return morning_job.enqueue()


def test_a_failed_enqueue_leaves_the_day_to_the_next_pass(jobs, db):
    broker = Broker()
    jobs.daily("test.flaky", at=time(9, 0), task=broker)
    assert jobs.run_due(moscow(2, 9, 0)) == []
    assert not ScheduledRun.objects.exists()
    broker.up = True
    assert jobs.run_due(moscow(2, 9, 1)) == ["test.flaky"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (row locks)")
def test_two_schedulers_at_once_enqueue_once(jobs, transactional_db):
    jobs.daily("test.morning", at=time(9, 0), task=morning_job)
    start, results = threading.Barrier(4), []

    def scheduler():
        start.wait()
        try:
            results.append(jobs.run_due(moscow(2, 9, 0)))
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [[], [], [], ["test.morning"]]
    assert ScheduledRun.objects.count() == 1


@pytest.mark.parametrize(
    "name, at, task_, error",
    [
        ("", time(9), morning_job, ValueError),
        ("x" * 101, time(9), morning_job, ValueError),
        ("test.tz", time(9, tzinfo=MOSCOW), morning_job, ValueError),
        ("test.hour", 9, morning_job, ValueError),
        ("test.function", time(9), lambda: None, TypeError),
    ],
)
def test_a_job_is_declared_properly(jobs, name, at, task_, error):
    with pytest.raises(error):
        jobs.daily(name, at=at, task=task_)
    assert jobs.jobs() == []


def test_declaring_the_same_job_again_is_harmless_another_under_its_name_is_not(jobs):
    first = jobs.daily("test.morning", at=time(9, 0), task=morning_job)
    assert jobs.daily("test.morning", at=time(9, 0), task=morning_job) == first
    with pytest.raises(ValueError, match="already registered"):
        jobs.daily("test.morning", at=time(10, 0), task=morning_job)
    assert jobs.jobs() == [first]


def test_the_command_runs_one_pass(jobs, db, capsys):
    jobs.daily("test.morning", at=time(0, 0), task=morning_job)
    call_command("scheduler", "--once")
    out = capsys.readouterr().out
    assert "Daily jobs (Europe/Moscow): test.morning at 00:00" in out
    assert "enqueued test.morning" in out
    call_command("scheduler", "--once")
    assert "enqueued" not in capsys.readouterr().out
    assert enqueued() == ["morning_job"]


def test_the_command_refuses_a_bad_interval(jobs, db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="greater than zero"):
        call_command("scheduler", "--interval", "0")


def test_serve_starts_the_scheduler_beside_the_worker(monkeypatch):
    monkeypatch.delenv("TASKS_BACKEND", raising=False)
    started = []

    class Process:
        def __init__(self, command):
            started.append(command)

    monkeypatch.setattr(cli.subprocess, "Popen", Process)
    monkeypatch.setattr(cli, "_wait_for_any", lambda processes: 0)
    assert cli.serve(["--bind", "127.0.0.1:0"]) == 0
    assert [_management_command(command) for command in started[1:]] == ["db_worker", "scheduler"]
    started.clear()
    cli.serve(["--no-scheduler"])
    assert [_management_command(command) for command in started[1:]] == ["db_worker"]


def _management_command(argv: list[str]) -> str:
    """The management command a started process runs (its options follow it)."""
    return next(word for word in argv if word in {"db_worker", "scheduler", "rqworker"})


def test_with_redis_serve_starts_an_rq_worker_that_can_run_tasks(monkeypatch):
    monkeypatch.setenv("TASKS_BACKEND", "rq")
    started = []
    monkeypatch.setattr(cli.subprocess, "Popen", lambda command: started.append(command))
    monkeypatch.setattr(cli, "_wait_for_any", lambda processes: 0)
    cli.serve([])
    assert started[1][-3:] == ["rqworker", "--job-class", "django_tasks_rq.Job"]
    assert started[2][-1] == "scheduler"
