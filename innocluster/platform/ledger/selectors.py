"""Reads on the ledger: entries, checkpoints and proofs. Everything here is public.

Proofs are computed from the stored perfect subtrees (models.Node): one query of at most
~2·log2(n) rows, whatever the size of the log.
"""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from . import store
from .errors import LedgerBadRequest, LedgerErrorCode, LedgerNotFound
from .merkle import consistency_ranges, hashes_for_ranges, inclusion_ranges
from .models import Checkpoint, Entry, Pending

MAX_ENTRIES_PER_REQUEST = 1000


def ledger_size() -> int:
    """How many entries the log holds (committed ones only; queued facts are not entries)."""
    return store.size()


def node_lookup(ids: list[int]) -> dict[int, bytes]:
    return store.nodes(ids)


def checkpoint_latest() -> Checkpoint | None:
    return Checkpoint.objects.order_by("-tree_size").first()


def checkpoint_get(*, tree_size: int) -> Checkpoint:
    checkpoint = Checkpoint.objects.filter(tree_size=tree_size).first()
    if checkpoint is None:
        raise LedgerNotFound(_("No checkpoint was signed at tree size %s.") % tree_size)
    return checkpoint


def checkpoint_list() -> QuerySet[Checkpoint]:
    return Checkpoint.objects.order_by("tree_size")


def entry_get(*, index: int) -> Entry:
    entry = Entry.objects.filter(index=index).first()
    if entry is None:
        raise LedgerNotFound(_("The ledger has no entry %s.") % index)
    return entry


def entry_by_hash(*, leaf_hash: bytes) -> Entry:
    entry = Entry.objects.filter(leaf_hash=leaf_hash).first()
    if entry is None:
        raise LedgerNotFound(_("No entry has the leaf hash %s.") % leaf_hash.hex())
    return entry


def entry_range(*, start: int, end: int | None) -> tuple[list[Entry], int]:
    """Entries [start, end), at most MAX_ENTRIES_PER_REQUEST of them, and the log's size."""
    size = ledger_size()
    if end is not None and end < start:
        raise LedgerBadRequest(
            _("The range is inverted: end %(end)s is before start %(start)s.")
            % {"start": start, "end": end},
            code=LedgerErrorCode.INVERTED_RANGE,
        )
    if start > size:
        raise _beyond(start, size)
    end = min(size, start + MAX_ENTRIES_PER_REQUEST, end if end is not None else size)
    return list(Entry.objects.filter(index__gte=start, index__lt=end).order_by("index")), size


def entries_for_subject(*, subject: str, kind: str | None = None) -> QuerySet[Entry]:
    """Every entry about one object, oldest first: what its public page links to."""
    entries = Entry.objects.filter(subject=subject).order_by("index")
    return entries.filter(kind=kind) if kind else entries


def pending_for_subject(*, subject: str, kind: str | None = None) -> QuerySet[Pending]:
    """Facts about one object that are committed but not yet sequenced (being recorded)."""
    facts = Pending.objects.filter(subject=subject).order_by("id")
    return facts.filter(kind=kind) if kind else facts


@dataclass(frozen=True)
class InclusionProof:
    index: int
    tree_size: int
    leaf_hash: bytes
    audit_path: list[bytes]
    root_hash: bytes


@dataclass(frozen=True)
class ConsistencyProof:
    first: int
    second: int
    first_root: bytes
    second_root: bytes
    proof: list[bytes]


def inclusion_proof(*, index: int, tree_size: int) -> InclusionProof:
    """The audit path of entry `index` in the tree of `tree_size` entries (RFC 9162 2.1.3).

    The leaf, the path and the root all come from the stored tree in one query.
    """
    _check_size(tree_size)
    if not 0 <= index < tree_size:
        raise LedgerBadRequest(
            _("Entry %(index)s is beyond a tree of %(size)s entries.")
            % {"index": index, "size": tree_size},
            code=LedgerErrorCode.INDEX_BEYOND_TREE,
        )
    ranges = [(index, index + 1), (0, tree_size), *inclusion_ranges(index, tree_size)]
    leaf, root, *path = hashes_for_ranges(ranges, node_lookup)
    return InclusionProof(index, tree_size, leaf, path, root)


def consistency_proof(*, first: int, second: int) -> ConsistencyProof:
    """Proof that the tree of `first` entries is a prefix of that of `second` (RFC 9162 2.1.4)."""
    if first > second:
        raise LedgerBadRequest(
            _("The range is inverted: first %(first)s is larger than second %(second)s.")
            % {"first": first, "second": second},
            code=LedgerErrorCode.INVERTED_RANGE,
        )
    if first < 1:
        raise LedgerBadRequest(
            _("A consistency proof starts from a tree of at least one entry."),
            code=LedgerErrorCode.BAD_RANGE,
        )
    _check_size(second)
    ranges = [(0, first), (0, second), *consistency_ranges(first, second)]
    first_root, second_root, *proof = hashes_for_ranges(ranges, node_lookup)
    return ConsistencyProof(first, second, first_root, second_root, proof)


def _check_size(tree_size: int) -> None:
    size = ledger_size()
    if tree_size > size:
        raise _beyond(tree_size, size)


def _beyond(requested: int, size: int) -> LedgerBadRequest:
    return LedgerBadRequest(
        _("%(requested)s is beyond the log, which holds %(size)s entries.")
        % {"requested": requested, "size": size},
        code=LedgerErrorCode.BEYOND_TREE,
    )
