"""Writes on the ledger: appending entries and signing checkpoints. Nothing else writes to it.

Other apps call `ledger_append` inside the transaction that makes the fact true (a status
granted, a decision taken, an award made), so the fact and its entry commit or roll back
together.
"""

import logging
import re
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import store
from .encoding import EncodingError, canonical_json, checkpoint_note, entry_text, format_time
from .merkle import Frontier, hashes_for_ranges, leaf_hash
from .models import Checkpoint, Entry, Head
from .selectors import node_lookup
from .signing import current_key_id, sign

logger = logging.getLogger(__name__)

KIND = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")
SUBJECT = re.compile(r"^[a-z][a-z0-9_.]*:[A-Za-z0-9_.\-]+$")
MAX_PAYLOAD_CHARS = 64 * 1024
# A requested checkpoint that has not come within this time is requested again
# (the worker was down, or the task was lost).
CHECKPOINT_RETRY = timedelta(seconds=60)


def ledger_append(*, kind: str, subject: str, payload: dict) -> Entry:
    """Append one public fact to the ledger, in the caller's transaction.

    Guarantees: the entry gets the next index, with no gap and no duplicate even under
    concurrent appends (the head row stays locked until the caller's transaction ends, so keep
    that transaction short); its index and time are inside the hashed canonical JSON; every
    tree node it completes is stored, so its inclusion proof is available at once; a signed
    checkpoint covering it follows within LEDGER_CHECKPOINT_DELAY seconds of the commit. If the
    caller's transaction rolls back, the entry goes with it and its index is reused.

    `kind` is dotted snake_case ("participant_status.granted"), `subject` names the object
    ("organization:42"). The payload is public forever: no personal data, documents by hash.
    Raises ValidationError for a malformed kind, subject or payload.
    """
    return ledger_append_many(facts=[{"kind": kind, "subject": subject, "payload": payload}])[0]


def ledger_append_many(*, facts: Sequence[Mapping]) -> list[Entry]:
    """Append several facts, in order, with the guarantees of `ledger_append`.

    Each fact is a mapping of kind, subject and payload. All of them are validated before
    anything is written, share one lock and one timestamp, and are written in a few statements:
    the way to record a batch (a call's awards, an import) without one transaction each.
    """
    payloads = [_validate_entry(**fact) for fact in facts]  # canonical JSON of each payload
    if not facts:
        return []
    # No savepoint: if anything here fails, the caller's whole transaction must roll back.
    with transaction.atomic(savepoint=False):
        # The head this connection wrote last is usually still the head: try it without
        # reading; the write is conditional on it. Otherwise lock, read and write again.
        head = store.remembered_head()
        locked = head is None
        if locked:
            head = _locked_head()
        while True:
            size, frontier_bytes, requested = head
            frontier, now = Frontier.from_bytes(size, frontier_bytes), timezone.now()
            entries, nodes = [], []
            for fact, payload in zip(facts, payloads, strict=True):
                entry = _new_entry(frontier.size, now, fact["kind"], fact["subject"], payload)
                entries.append(entry)
                nodes += frontier.append(entry.leaf_hash)
            requested_now = _checkpoint_time(requested, now)
            moved = (frontier.size, frontier.to_bytes(), requested_now)
            if store.write(head, moved, entries, nodes):
                break
            if locked:  # read under the lock: cannot have changed
                raise RuntimeError("The ledger head changed while it was locked.")
            head, locked = _locked_head(), True  # the guess was stale
        if requested_now is not requested:
            transaction.on_commit(_enqueue_checkpoint, robust=True)
    return entries


def _new_entry(index: int, timestamp: datetime, kind: str, subject: str, payload: str) -> Entry:
    data = entry_text(
        index=index, timestamp=timestamp, kind=kind, subject=subject, payload_json=payload
    )
    entry = Entry(index=index, kind=kind, subject=subject, timestamp=timestamp, data=data)
    entry.leaf_hash = leaf_hash(data.encode())
    entry._state.adding, entry._state.db = False, DEFAULT_DB_ALIAS  # written by store.write
    return entry


@transaction.atomic
def ledger_checkpoint_sign() -> Checkpoint | None:
    """Sign the tree as it stands now, if it grew since the last checkpoint.

    Guarantees: checkpoint sizes only grow; the signed root is recomputed from the stored tree
    nodes and must agree with the head, or nothing is signed; the pending request is cleared,
    so the next append schedules the next checkpoint. Returns None when nothing is new.
    """
    size, frontier_bytes, _ = _locked_head()
    Head.objects.filter(pk=1).update(checkpoint_requested_at=None)
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
        errors["kind"] = [_("A kind is dotted snake_case, at most 64 characters.")]
    if not isinstance(subject, str) or len(subject) > 128 or not SUBJECT.match(subject):
        errors["subject"] = [_("A subject looks like organization:42, at most 128 characters.")]
    if not isinstance(payload, dict):
        errors["payload"] = [_("The payload must be a JSON object.")]
    else:
        try:
            payload_json = canonical_json(payload)
        except EncodingError as error:
            errors["payload"] = [str(error)]
        else:
            if len(payload_json) > MAX_PAYLOAD_CHARS:
                errors["payload"] = [_("The payload is larger than 64 KiB.")]
    if errors:
        raise ValidationError(errors)
    return payload_json


def _locked_head() -> tuple[int, bytes, datetime | None]:
    """The head row, locked until the transaction ends (created on first use)."""
    head = store.lock_head()
    if head is None:
        Head.objects.bulk_create([Head(pk=1)], ignore_conflicts=True)
        head = store.lock_head()
    return head


def _checkpoint_time(requested: datetime | None, now: datetime) -> datetime | None:
    """When a checkpoint was asked for: this batch asks for one unless one is on its way."""
    if requested is not None and now - requested <= CHECKPOINT_RETRY:
        return requested
    return now


def _enqueue_checkpoint() -> None:
    from .tasks import ledger_sign_checkpoint

    task = ledger_sign_checkpoint
    delay = settings.LEDGER_CHECKPOINT_DELAY
    if delay > 0 and task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + timedelta(seconds=delay))
    task.enqueue()


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
