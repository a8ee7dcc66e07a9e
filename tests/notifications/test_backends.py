"""A notification's letter end to end through the real task backends: the database backend
with its `db_worker`, and the Redis backend (django-tasks-rq) with an RQ worker, against the
Redis running on this machine (its db 15, emptied before and after)."""

import signal

import pytest
from django.core import mail
from django.core.management import call_command

from innocluster.platform.notifications.models import Notification
from tests.factories import UserFactory

from .helpers import send

REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def keep_signal_handlers():
    """Both workers install their own SIGINT/SIGTERM handlers; give pytest its own back."""
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for signum, handler in saved.items():
        signal.signal(signum, handler)


@pytest.fixture
def database_backend(settings, transactional_db):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


@pytest.fixture
def redis_backend(settings, transactional_db):
    import redis

    connection = redis.Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except redis.ConnectionError:
        pytest.fail(f"These tests need Redis at {REDIS_URL}.", pytrace=False)
    connection.flushdb()
    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    yield connection
    connection.flushdb()
    connection.close()


def test_database_backend_delivers_through_db_worker(database_backend, keep_signal_handlers):
    from django_tasks_db.models import DBTaskResult

    person = UserFactory(language="en")
    send([person], url="/notifications/")  # autocommit: the task is enqueued on commit
    assert mail.outbox == []
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["READY"]
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)
    [letter] = mail.outbox
    assert letter.to == [person.email] and letter.subject == 'ООО "Ромашка" was approved'
    # The notification's task, then the letter's own task (core.mail), both done.
    assert sorted(DBTaskResult.objects.values_list("task_path", "status")) == [
        ("innocluster.core.tasks.send_email", "SUCCESSFUL"),
        ("innocluster.platform.notifications.tasks.deliver_notification_emails", "SUCCESSFUL"),
    ]
    assert Notification.objects.get().emailed_at is not None


def test_redis_backend_delivers_through_an_rq_worker(redis_backend, keep_signal_handlers, settings):
    import django_rq
    from django_tasks_rq.backend import Job
    from rq import SimpleWorker

    settings.SITE_URL = "https://cluster.example"
    queue = django_rq.get_queue("default")
    person = UserFactory(language="ru")
    send([person], url="/notifications/")
    assert mail.outbox == [] and queue.count == 1  # waiting in Redis, not run
    worker = django_rq.get_worker("default", job_class=Job, worker_class=SimpleWorker)
    assert worker.work(burst=True) is True  # in this process, until the queue is empty
    [letter] = mail.outbox
    assert letter.to == [person.email] and letter.subject == 'ООО "Ромашка" одобрена'
    assert "https://cluster.example/notifications/" in letter.body
    assert queue.count == 0 and queue.finished_job_registry.count == 2
    assert queue.failed_job_registry.count == 0
