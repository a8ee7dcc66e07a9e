"""Writes on the ledger: recording facts, sequencing them, signing checkpoints. Nothing else
writes to it.

Other apps call `ledger_append` inside the transaction that makes the fact true (a status
granted, a decision taken, an award made), so the fact commits or rolls back with it. As in
Certificate Transparency, an append only queues the fact; the sequencer (the checkpoint task,
due at most LEDGER_CHECKPOINT_DELAY seconds later) gives queued facts their indexes in batches,
writes their entries and tree nodes, and signs a checkpoint. The global lock that keeps indexes
gapless is therefore taken once per batch by the sequencer, never by the appenders: those
commit in parallel, and PostgreSQL flushes their commits to disk together.
"""

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from . import store
from .encoding import EncodingError, canonical_json, checkpoint_note, entry_text, format_time
from .errors import LedgerErrorCode
from .merkle import Frontier, hashes_for_ranges, leaf_hash
from .models import Checkpoint, Head
from .selectors import node_lookup
from .signing import current_key_id, sign

logger = logging.getLogger(__name__)

KIND = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")
SUBJECT = re.compile(r"^[a-z][a-z0-9_.]*:[A-Za-z0-9_.\-]+$")
MAX_PAYLOAD_CHARS = 64 * 1024
# Facts per sequencing transaction: big enough to amortize the head's lock and the commit,
# small enough to keep the transaction short (about 0.1 s).
SEQUENCE_BATCH = 2_000
# A sequencing run this process asked for covers a new commit only if it is at least this far
# ahead (see _request_sequencing); when it has come closer, the next commit asks for another.
SCHEDULE_MARGIN = timedelta(seconds=0.5)
_next_run: datetime | None = None  # when the run this process last asked for is due


@dataclass(frozen=True)
class QueuedFact:
    """A fact as `ledger_append` queued it; the sequencer gives it its entry."""

    id: int
    kind: str
    subject: str
    payload: str  # the canonical JSON that the entry will frame
    queued_at: datetime


def ledger_append(*, kind: str, subject: str, payload: dict) -> QueuedFact:
    """Record one public fact on the ledger, in the caller's transaction.

    Guarantees: the fact commits or rolls back with the caller's transaction (it is queued
    there, durably, by one INSERT that takes no lock, so appenders never wait for each other);
    once committed, the sequencer gives it the next index of the log, with no gap and no
    duplicate, writes its entry (index and time inside the hashed canonical JSON) and the tree
    nodes it completes, and signs a checkpoint covering it, in a task due at most
    LEDGER_CHECKPOINT_DELAY seconds after the commit. Until then pages show it as being
    recorded. When tasks run in the caller's process (the immediate backend, as in tests) it
    is sequenced at once, before this returns: see `sequences_at_once`.

    `kind` is dotted snake_case ("participant_status.granted"), `subject` names the object
    ("organization:42"). The payload is public forever: no personal data, documents by hash.
    Returns the queued fact. Raises ValidationError for a malformed kind, subject or payload.
    """
    return ledger_append_many(facts=[{"kind": kind, "subject": subject, "payload": payload}])[0]


def ledger_append_many(*, facts: Sequence[Mapping]) -> list[QueuedFact]:
    """Record several facts, in order, with the guarantees of `ledger_append`.

    Each fact is a mapping of kind, subject and payload. All of them are validated before
    anything is written and are queued by one statement: the way to record a batch (a call's
    awards, an import). They get consecutive indexes unless other facts are queued meanwhile.
    """
    payloads = [_validate_entry(**fact) for fact in facts]  # canonical JSON of each payload
    if not facts:
        return []
    rows = [(f["kind"], f["subject"], p) for f, p in zip(facts, payloads, strict=True)]
    now = timezone.now()
    # No savepoint: if anything here fails, the caller's whole transaction must roll back.
    with transaction.atomic(savepoint=False):
        ids = store.queue(rows, now)
        if sequences_at_once():
            ledger_sequence()
        # Either way a run comes after the commit: it sequences what is queued and signs the
        # checkpoint that makes the new entries' proofs available.
        transaction.on_commit(_request_sequencing, robust=True)
    return [QueuedFact(id_, *row, now) for id_, row in zip(ids, rows, strict=True)]


def ledger_sequence(*, batch: int = SEQUENCE_BATCH) -> int:
    """Turn every queued fact into an entry, oldest first; returns how many.

    Guarantees: each fact gets the next index, with no gap and no duplicate, because each batch
    is taken off the queue (the rows deleted as they are read) and appended under the head's
    lock, in one transaction; its index and the time it was recorded (its transaction's, not
    the sequencer's: a worker that lags changes no time) are inside the hashed canonical JSON;
    every tree node it completes is stored, so its inclusion proof is available once the next
    checkpoint is signed. Batches of `batch` facts keep each transaction short.
    """
    total = 0
    while count := _sequence_batch(batch):
        total += count
        if count < batch:
            break
    return total


@lru_cache(maxsize=1)
def sequences_at_once() -> bool:
    """Whether appends are sequenced in the caller's transaction rather than after it.

    LEDGER_SEQUENCE_AT_ONCE decides when set. Otherwise: when tasks run in the caller's
    process anyway (the immediate backend: tests, a one-process demo), since then no worker
    comes back later and the caller expects the entry to exist when its transaction ends.
    Sequencing at once holds the head's lock until the caller's transaction ends: appends then
    serialize, as they did before the queue. (Cached: every append asks; see _settings_changed.)
    """
    at_once = getattr(settings, "LEDGER_SEQUENCE_AT_ONCE", None)
    if at_once is None:
        from django_tasks.backends.immediate import ImmediateBackend

        from .tasks import ledger_sign_checkpoint

        at_once = isinstance(ledger_sign_checkpoint.get_backend(), ImmediateBackend)
    return at_once


@receiver(setting_changed)
def _settings_changed(*, setting: str, **kwargs) -> None:
    if setting in ("TASKS", "LEDGER_SEQUENCE_AT_ONCE"):
        sequences_at_once.cache_clear()


@transaction.atomic(savepoint=False)
def _sequence_batch(limit: int) -> int:
    head = _locked_head()
    facts = store.claim(limit)
    if not facts:
        return 0
    frontier = Frontier.from_bytes(*head)
    entries, nodes = [], []
    for _id, kind, subject, payload, queued_at in facts:
        entry = _entry_row(frontier.size, queued_at, kind, subject, payload)
        entries.append(entry)
        nodes += frontier.append(entry[-1])
    if not store.write(head, (frontier.size, frontier.to_bytes()), entries, nodes):
        raise RuntimeError("The ledger head changed while it was locked.")
    return len(entries)


def _entry_row(index: int, at: datetime, kind: str, subject: str, payload: str) -> store.EntryRow:
    """An entry as the row store.write inserts: its canonical text frames the payload's."""
    data = entry_text(index=index, timestamp=at, kind=kind, subject=subject, payload_json=payload)
    return index, kind, subject, at, data, leaf_hash(data.encode())


def ledger_checkpoint_sign() -> Checkpoint | None:
    """Sequence every queued fact, then sign the tree as it stands, if it grew.

    Guarantees: a checkpoint covers every fact committed before it was asked for; checkpoint
    sizes only grow; the signed root is recomputed from the stored tree nodes and must agree
    with the head, or nothing is signed. Returns None when nothing is new.
    """
    ledger_sequence()
    return _sign_checkpoint()


@transaction.atomic
def _sign_checkpoint() -> Checkpoint | None:
    size, frontier_bytes = _locked_head()
    latest = Checkpoint.objects.order_by("-tree_size").values_list("tree_size", flat=True)
    if size == 0 or size == latest.first():
        return None
    root = _checked_root(Frontier.from_bytes(size, frontier_bytes))
    checkpoint = Checkpoint(
        tree_size=size, root_hash=root, timestamp=timezone.now(), origin=settings.LEDGER_ORIGIN
    )
    _sign(checkpoint)
    checkpoint.save()
    return checkpoint


def _validate_entry(*, kind: str, subject: str, payload: dict) -> str:
    """The payload's canonical JSON, if kind, subject and payload are fit for the ledger."""
    errors, payload_json = {}, ""
    if not isinstance(kind, str) or len(kind) > 64 or not KIND.match(kind):
        errors["kind"] = _refusal(
            _("A kind is dotted snake_case, at most 64 characters."), LedgerErrorCode.BAD_KIND
        )
    if not isinstance(subject, str) or len(subject) > 128 or not SUBJECT.match(subject):
        errors["subject"] = _refusal(
            _("A subject looks like organization:42, at most 128 characters."),
            LedgerErrorCode.BAD_SUBJECT,
        )
    if not isinstance(payload, dict):
        errors["payload"] = _refusal(
            _("The payload must be a JSON object."), LedgerErrorCode.BAD_PAYLOAD
        )
    else:
        try:
            payload_json = canonical_json(payload)
        except EncodingError as error:
            errors["payload"] = _refusal(str(error), LedgerErrorCode.BAD_PAYLOAD)
        else:
            if len(payload_json) > MAX_PAYLOAD_CHARS:
                errors["payload"] = _refusal(
                    _("The payload is larger than 64 KiB."), LedgerErrorCode.PAYLOAD_TOO_LARGE
                )
    if errors:
        raise ValidationError(errors)
    return payload_json


def _refusal(message: str, code: LedgerErrorCode) -> list[ValidationError]:
    return [ValidationError(message, code=code)]


def _locked_head() -> store.HeadState:
    """The head row, locked until the transaction ends (created on first use)."""
    head = store.lock_head()
    if head is None:
        Head.objects.bulk_create([Head(pk=1)], ignore_conflicts=True)
        head = store.lock_head()
    return head


def _request_sequencing() -> None:
    """After a commit that queued facts: make sure a sequencing run comes after it.

    A run this process asked for that is still at least SCHEDULE_MARGIN ahead will see the
    commit (a worker runs a task at its time or later, never before; the margin absorbs clock
    differences between hosts), so at most one task per process and delay is enqueued, and
    appenders share no row to decide it. Every run sequences the whole queue and signs.
    """
    global _next_run
    now = timezone.now()
    if _next_run is not None and _next_run - now >= SCHEDULE_MARGIN:
        return
    from .tasks import ledger_sign_checkpoint

    task, run_at = ledger_sign_checkpoint, None
    delay = settings.LEDGER_CHECKPOINT_DELAY
    if delay > 0 and task.get_backend().supports_defer:
        run_at = now + timedelta(seconds=delay)
        task = task.using(run_after=run_at)
    task.enqueue()
    _next_run = run_at


def _checked_root(frontier: Frontier) -> bytes:
    (stored_root,) = hashes_for_ranges([(0, frontier.size)], node_lookup)
    if stored_root != frontier.root():
        logger.error("Ledger head and tree nodes disagree at size %s: not signing.", frontier.size)
        raise RuntimeError("The ledger's head and its stored tree disagree; not signing.")
    return stored_root


def _sign(checkpoint: Checkpoint) -> None:
    note = checkpoint_note(
        origin=checkpoint.origin,
        tree_size=checkpoint.tree_size,
        root_hash=checkpoint.root_hash,
        timestamp=format_time(checkpoint.timestamp),
    )
    checkpoint.key_id = current_key_id()
    checkpoint.signature = sign(note)
