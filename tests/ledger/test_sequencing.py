"""Appends queue their facts; the sequencer gives them indexes (services.ledger_sequence)."""

import threading
from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

from innocluster.platform.ledger import services, store
from innocluster.platform.ledger.encoding import format_time
from innocluster.platform.ledger.errors import LedgerAppendOnly
from innocluster.platform.ledger.merkle import leaf_hash, tree_root
from innocluster.platform.ledger.models import Checkpoint, Entry, Node, Pending
from innocluster.platform.ledger.selectors import ledger_size
from innocluster.platform.ledger.services import (
    QueuedFact,
    ledger_append,
    ledger_checkpoint_sign,
    ledger_sequence,
    sequences_at_once,
)
from innocluster.platform.ledger.tasks import ledger_sign_checkpoint

from .helpers import append_many

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (concurrent transactions)"
)
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queued(settings, monkeypatch):
    """Appends only queue their facts, as in production; no task runs unless a test runs it."""
    settings.LEDGER_SEQUENCE_AT_ONCE = False
    settings.TASKS = DUMMY_TASKS
    monkeypatch.setattr(services, "_next_run", None)


def _append(number: int):
    payload = {"number": number}
    return ledger_append(kind="review.decision", subject=f"application:{number}", payload=payload)


def _leaves() -> list[bytes]:
    return [bytes(h) for h in Entry.objects.order_by("index").values_list("leaf_hash", flat=True)]


def test_an_append_is_one_insert_into_the_queue(queued, django_assert_num_queries):
    with django_assert_num_queries(1):
        fact = _append(1)

    assert isinstance(fact, QueuedFact)
    assert (fact.kind, fact.subject, fact.payload) == (
        "review.decision",
        "application:1",
        '{"number":1}',
    )
    assert Pending.objects.get().pk == fact.id
    assert ledger_size() == 0 and not Entry.objects.exists()


def test_the_sequencer_gives_queued_facts_consecutive_indexes_in_queue_order(queued):
    for number in range(5):
        _append(number)

    assert ledger_sequence() == 5

    assert list(Entry.objects.values_list("index", "subject")) == [
        (n, f"application:{n}") for n in range(5)
    ]
    entry = Entry.objects.get(index=3)
    assert entry.content["index"] == 3 and entry.content["payload"] == {"number": 3}
    assert bytes(entry.leaf_hash) == leaf_hash(entry.data.encode())
    assert not Pending.objects.exists() and ledger_size() == 5
    assert bytes(ledger_checkpoint_sign().root_hash) == tree_root(_leaves())


def test_batches_make_the_same_log_as_one_batch(queued):
    for number in range(7):
        _append(number)

    assert ledger_sequence(batch=3) == 7

    assert list(Entry.objects.values_list("index", flat=True)) == list(range(7))
    assert Node.objects.count() == 7 + 3 + 1  # every completed subtree of 7 leaves, once
    assert bytes(ledger_checkpoint_sign().root_hash) == tree_root(_leaves())


def test_a_rolled_back_append_never_reaches_the_queue(queued):
    with pytest.raises(RuntimeError), transaction.atomic():
        _append(1)
        raise RuntimeError("the caller's transaction fails")
    _append(2)

    ledger_sequence()

    assert list(Entry.objects.values_list("index", "subject")) == [(0, "application:2")]


def test_a_failed_sequencing_leaves_every_fact_queued(queued, monkeypatch):
    for number in range(3):
        _append(number)

    def broken_write(*args):
        raise DatabaseError("the disk is full")

    with monkeypatch.context() as patch:
        patch.setattr(store, "write", broken_write)
        with pytest.raises(DatabaseError), transaction.atomic():
            ledger_sequence()

    assert Pending.objects.count() == 3 and ledger_size() == 0
    assert ledger_sequence() == 3


def test_a_head_that_moved_under_the_lock_stops_the_sequencer(queued, monkeypatch):
    _append(1)
    monkeypatch.setattr(store, "write", lambda *args: False)

    with pytest.raises(RuntimeError, match="changed while it was locked"), transaction.atomic():
        ledger_sequence()

    assert Pending.objects.count() == 1


def test_a_write_from_a_state_that_is_not_the_head_writes_nothing():
    append_many(2)

    with transaction.atomic():
        head = store.lock_head()
        moved = store.write((head[0] + 1, head[1]), (9, b""), [], [(999, bytes(32))])

    assert not moved
    assert store.lock_head() == head and not Node.objects.filter(id=999).exists()


def test_a_checkpoint_covers_every_fact_queued_before_it(queued):
    for number in range(3):
        _append(number)

    checkpoint = ledger_checkpoint_sign()

    assert checkpoint.tree_size == 3 and not Pending.objects.exists()


def test_a_commit_asks_for_a_run_that_sequences_and_signs(
    queued, settings, django_capture_on_commit_callbacks
):
    # Given the immediate task backend: the run happens when the commit does
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        _append(1)
        _append(2)

    assert Checkpoint.objects.get().tree_size == 2
    assert not Pending.objects.exists()


def test_with_the_database_worker_one_deferred_run_covers_many_commits(
    queued, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_TASKS
    settings.LEDGER_CHECKPOINT_DELAY = 2.0

    with django_capture_on_commit_callbacks(execute=True):
        for number in range(3):
            with transaction.atomic():
                _append(number)

    task = DBTaskResult.objects.get()
    assert task.task_path == "innocluster.platform.ledger.tasks.ledger_sign_checkpoint"
    delay = (task.run_after - Pending.objects.earliest("id").queued_at).total_seconds()
    assert 1.5 < delay < 3
    assert ledger_size() == 0 and Pending.objects.count() == 3  # until the worker runs it

    # When the worker runs it
    assert ledger_sign_checkpoint.call() == 3
    assert ledger_size() == 3 and not Pending.objects.exists()


def test_a_run_due_too_soon_is_not_relied_on(
    queued, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_TASKS
    soon = timezone.now() + timedelta(seconds=0.1)  # this process's last run, nearly due
    monkeypatch.setattr(services, "_next_run", soon)

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        _append(1)

    assert DBTaskResult.objects.get().run_after > soon + timedelta(seconds=1)


def test_sequencing_at_once_follows_the_tasks_backend_unless_set(settings):
    assert sequences_at_once()  # the tests' immediate backend
    settings.TASKS = DATABASE_TASKS
    assert not sequences_at_once()
    settings.LEDGER_SEQUENCE_AT_ONCE = True
    assert sequences_at_once()


def test_at_once_an_append_is_an_entry_when_the_call_returns():
    fact = _append(1)

    assert Entry.objects.get().subject == fact.subject
    assert not Pending.objects.exists()


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_appenders_neither_wait_for_each_other_nor_lock_the_head(queued):
    _append(0)
    ledger_sequence()
    outcome = {}

    def meanwhile() -> None:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '2s'")
                _append(2)
                cursor.execute("SELECT size FROM ledger_head WHERE id = 1 FOR UPDATE NOWAIT")
                outcome["appended, head free"] = cursor.fetchone()[0]
        except DatabaseError as error:
            outcome["blocked"] = str(error)
        finally:
            connections.close_all()

    # When another append commits while this one's transaction is still open
    with transaction.atomic():
        _append(1)
        thread = threading.Thread(target=meanwhile)
        thread.start()
        thread.join()

    assert outcome == {"appended, head free": 1}
    assert ledger_sequence() == 2
    # in queue order: the order of the INSERTs, whichever committed first
    assert list(Entry.objects.values_list("subject", flat=True)) == [
        "application:0",
        "application:1",
        "application:2",
    ]


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_concurrent_appenders_and_sequencers_never_share_an_index(queued):
    errors, appending = [], threading.Event()

    def appender(number: int) -> None:
        try:
            for n in range(number * 100, number * 100 + 15):
                with transaction.atomic():
                    _append(n)
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connections.close_all()

    def sequencer() -> None:
        try:
            while appending.is_set():
                ledger_sequence(batch=4)
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connections.close_all()

    appending.set()
    sequencers = [threading.Thread(target=sequencer) for _ in range(2)]
    appenders = [threading.Thread(target=appender, args=(n,)) for n in range(4)]
    for thread in sequencers + appenders:
        thread.start()
    for thread in appenders:
        thread.join()
    appending.clear()
    for thread in sequencers:
        thread.join()
    ledger_sequence()

    assert not errors
    assert list(Entry.objects.values_list("index", flat=True)) == list(range(60))
    subjects = sorted(Entry.objects.values_list("subject", flat=True))
    assert subjects == sorted(f"application:{a * 100 + n}" for a in range(4) for n in range(15))
    assert bytes(ledger_checkpoint_sign().root_hash) == tree_root(_leaves())


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_at_once_the_head_stays_locked_until_the_appending_transaction_ends():
    append_many(1)
    outcome = {}

    def try_to_lock() -> None:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT size FROM ledger_head WHERE id = 1 FOR UPDATE NOWAIT")
                outcome["locked by us"] = cursor.fetchone()[0]
        except DatabaseError:
            outcome["refused"] = True
        finally:
            connections.close_all()

    # When an append sequenced at once has not committed
    with transaction.atomic():
        _append(2)
        thread = threading.Thread(target=try_to_lock)
        thread.start()
        thread.join()

    # Then no other transaction could take the head meanwhile: indexes stay gapless
    assert outcome == {"refused": True}


def test_an_entry_keeps_the_time_its_fact_was_recorded_not_the_sequencers(queued, monkeypatch):
    """A worker that lags (here: an hour) changes no time inside the hashed entry."""
    fact = ledger_append(kind="support.award.granted", subject="award:7", payload={"n": 1})
    later = fact.queued_at + timedelta(hours=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    ledger_sequence()

    entry = Entry.objects.get()
    assert entry.timestamp == fact.queued_at
    assert entry.content["timestamp"] == format_time(fact.queued_at)


def test_a_queued_fact_is_never_rewritten(queued):
    ledger_append(kind="support.award.granted", subject="award:7", payload={"amount": "1"})
    fact = Pending.objects.get()
    fact.payload = '{"amount":"1000000"}'
    with pytest.raises(LedgerAppendOnly):
        fact.save()
    with pytest.raises(LedgerAppendOnly):
        Pending.objects.update(payload="{}")
    if connection.vendor == "postgresql":  # and the database refuses raw SQL too
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute("UPDATE ledger_pending SET payload = '{}'")
    ledger_sequence()
    assert Entry.objects.get().content["payload"] == {"amount": "1"}
