"""The transparency ledger's storage: entries, the tree's nodes, signed checkpoints, the head,
and the queue of facts waiting for their index (`Pending`).

Entries, nodes and checkpoints are append-only: their models refuse to save an existing row
or to delete one, their querysets refuse bulk updates and deletes, and on PostgreSQL a trigger
refuses UPDATE and DELETE outright (migration 0002). An insider with database rights can
still change rows by hand; the verifier is what catches that (see verify.py).
"""

import json

from django.db import models
from django.utils.translation import gettext_lazy as _

from .errors import LedgerAppendOnly


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise LedgerAppendOnly(_("Ledger rows cannot be updated."))

    def delete(self):
        raise LedgerAppendOnly(_("Ledger rows cannot be deleted."))

    def bulk_update(self, objs, fields, batch_size=None):
        raise LedgerAppendOnly(_("Ledger rows cannot be updated."))

    def update_or_create(self, *args, **kwargs):
        raise LedgerAppendOnly(_("Ledger rows cannot be updated."))


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise LedgerAppendOnly(_("Ledger rows cannot be changed once written."))
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise LedgerAppendOnly(_("Ledger rows cannot be deleted."))


class Entry(AppendOnlyModel):
    """One public fact. `data` is its canonical JSON, the exact text the leaf hash covers.

    `kind`, `subject` and `timestamp` are copies of fields inside `data`, kept as columns for
    lookups; what the API shows and the verifier checks is always read from `data`.
    """

    index = models.BigIntegerField(_("index"), primary_key=True)
    kind = models.CharField(_("kind"), max_length=64)
    subject = models.CharField(_("subject"), max_length=128)
    timestamp = models.DateTimeField(_("time"))
    data = models.TextField(_("canonical JSON"))
    leaf_hash = models.BinaryField(_("leaf hash"), max_length=32, unique=True)

    class Meta:
        ordering = ["index"]
        indexes = [models.Index(fields=["subject", "index"], name="ledger_entry_subject")]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")

    def __str__(self):
        return f"#{self.index} {self.kind} {self.subject}"

    @property
    def content(self) -> dict:
        return json.loads(self.data)


class Node(AppendOnlyModel):
    """The hash of one perfect subtree (leaves included), keyed by merkle.node_id.

    Written when the append that completes the subtree commits, never recomputed: proofs are
    served from these rows, independently of the entries' text.
    """

    id = models.BigIntegerField(primary_key=True)
    hash = models.BinaryField(max_length=32)

    class Meta:
        verbose_name = _("tree node")
        verbose_name_plural = _("tree nodes")

    def __str__(self):
        return f"node {self.id}"


class Checkpoint(AppendOnlyModel):
    """A signed statement: the log had `tree_size` entries with this root at this time."""

    tree_size = models.BigIntegerField(_("tree size"), primary_key=True)
    root_hash = models.BinaryField(_("root hash"), max_length=32)
    timestamp = models.DateTimeField(_("time"))
    origin = models.CharField(_("origin"), max_length=200)
    key_id = models.CharField(_("key id"), max_length=16)
    signature = models.BinaryField(_("signature"), max_length=64)

    class Meta:
        ordering = ["tree_size"]
        get_latest_by = "tree_size"
        verbose_name = _("checkpoint")
        verbose_name_plural = _("checkpoints")

    def __str__(self):
        return f"{self.tree_size} @ {self.timestamp:%Y-%m-%d %H:%M:%S}"


class Head(models.Model):
    """The one mutable row: the log's size and right edge, locked by the sequencer.

    Locking it serializes sequencing, so two entries never get the same index and indexes have
    no gaps. Appends never touch it: they only queue their facts (`Pending`).
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    size = models.BigIntegerField(default=0)
    frontier = models.BinaryField(default=b"")

    class Meta:
        verbose_name = _("ledger head")

    def __str__(self):
        return f"ledger head at size {self.size}"


class QueueQuerySet(models.QuerySet):
    """A queued fact is never rewritten: the sequencer only inserts and takes (deletes)."""

    def update(self, **kwargs):
        raise LedgerAppendOnly(_("Queued ledger facts cannot be changed."))

    def bulk_update(self, objs, fields, batch_size=None):
        raise LedgerAppendOnly(_("Queued ledger facts cannot be changed."))

    def update_or_create(self, *args, **kwargs):
        raise LedgerAppendOnly(_("Queued ledger facts cannot be changed."))


class Pending(models.Model):
    """A fact committed by its caller and waiting for the sequencer to give it an index.

    Appends insert here without any lock, so concurrent appenders commit in parallel (and
    PostgreSQL flushes their commits together); the sequencer turns the queue into entries in
    queue order and deletes the rows in the same transaction. `payload` is the canonical JSON
    validated at the append: the entry frames exactly this text.
    """

    id = models.BigAutoField(primary_key=True)
    kind = models.CharField(_("kind"), max_length=64)
    subject = models.CharField(_("subject"), max_length=128)
    payload = models.TextField(_("payload (canonical JSON)"))
    queued_at = models.DateTimeField(_("queued at"))

    objects = QueueQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["subject", "id"], name="ledger_pending_subject")]
        verbose_name = _("pending fact")
        verbose_name_plural = _("pending facts")

    def __str__(self):
        return f"pending {self.kind} {self.subject}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise LedgerAppendOnly(_("Queued ledger facts cannot be changed."))
        super().save(*args, **kwargs)
