"""The ledger verifier: trust nothing the log says that a signature and a hash do not prove.

No Django here: `verify_log` and `verify_entry` run on an export file or against the public
API of any running platform. What `verify_log` checks, stopping at the first failure:

1. every checkpoint's Ed25519 signature, and that sizes only grow;
2. every entry: it sits at its own index, is canonical JSON, and hashes to the leaf hash the
   log recorded for it (an entry edited in the database fails here, by name);
3. the root recomputed from all entries equals the signed root of every checkpoint — which
   proves every entry's inclusion — and of a trusted checkpoint published earlier, if given;
4. the log still holds every entry a checkpoint signed (a deleted entry fails here);
5. the consistency proofs the log serves between consecutive checkpoints;
6. the inclusion proofs the log serves (online), for a sample of entries or for all.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass

from .encoding import EncodingError, checkpoint_note, key_id, parse_entry, verify_signature
from .merkle import (
    Frontier,
    inclusion_proof_from_leaves,
    leaf_hash,
    verify_consistency,
    verify_inclusion,
)
from .sources import RecordedEntry, SignedCheckpoint, SourceError

LOCALIZE_LIMIT = 10_000


class VerificationFailed(Exception):
    def __init__(self, message: str, *, entry: int | None = None):
        super().__init__(message)
        self.entry = entry


@dataclass
class Report:
    ok: bool
    message: str
    entries: int = 0
    checkpoints: int = 0
    bad_entry: int | None = None
    root_hash: bytes | None = None


def check_signature(checkpoint: SignedCheckpoint, public_key: bytes, origin: str | None) -> None:
    what = f"checkpoint at tree size {checkpoint.tree_size}"
    if origin and checkpoint.origin != origin:
        raise VerificationFailed(f"{what} names origin {checkpoint.origin!r}, not {origin!r}")
    if checkpoint.key_id != key_id(public_key):
        raise VerificationFailed(f"{what} was signed by key {checkpoint.key_id}, not the log's")
    note = checkpoint_note(
        origin=checkpoint.origin,
        tree_size=checkpoint.tree_size,
        root_hash=checkpoint.root_hash,
        timestamp=checkpoint.timestamp,
    )
    if not verify_signature(public_key, note, checkpoint.signature):
        raise VerificationFailed(f"{what}: the signature does not verify")


def entry_leaf(entry: RecordedEntry, position: int) -> bytes:
    """The leaf hash of an entry, after checking its position, form and recorded hash."""
    if entry.index != position:
        missing = min(entry.index, position)
        raise VerificationFailed(f"entry #{missing} is missing or out of order", entry=missing)
    try:
        parse_entry(entry.data, index=position)
    except EncodingError as error:
        raise VerificationFailed(str(error), entry=position) from None
    leaf = leaf_hash(entry.data.encode())
    if entry.leaf_hash is not None and entry.leaf_hash != leaf:
        raise VerificationFailed(
            f"entry #{position} was altered: its content hashes to {leaf.hex()}, "
            f"but the log recorded {entry.leaf_hash.hex()}",
            entry=position,
        )
    return leaf


READ_ERRORS = (SourceError, EncodingError, KeyError, TypeError)


def unreadable(error: Exception) -> Report:
    """What the log served is missing or malformed: a failure, with the reason."""
    if isinstance(error, KeyError | TypeError):
        return Report(ok=False, message=f"cannot read the ledger: unexpected answer ({error!r})")
    return Report(ok=False, message=f"cannot read the ledger: {error}")


def _run(check: Callable[[], Report]) -> Report:
    try:
        return check()
    except VerificationFailed as failure:
        return Report(ok=False, message=str(failure), bad_entry=failure.entry)
    except READ_ERRORS as error:
        return unreadable(error)


def verify_log(
    source,
    *,
    trusted: SignedCheckpoint | None = None,
    pinned_key: bytes | None = None,
    sample: int = 100,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Check a whole log; `sample` inclusion proofs are fetched when the source serves them
    (0: every entry). `trusted` is a checkpoint saved earlier, e.g. from a newspaper."""
    return _run(lambda: _LogCheck(source, pinned_key, progress or _quiet).run(trusted, sample))


def verify_entry(
    source, *, index: int, checkpoint: SignedCheckpoint, pinned_key: bytes | None = None
) -> Report:
    """Check that entry `index` is in the tree that `checkpoint` signed."""
    return _run(lambda: _check_one_entry(source, index, checkpoint, pinned_key))


def _quiet(message: str) -> None:
    pass


def _public_key(source, pinned_key: bytes | None) -> bytes:
    if pinned_key and pinned_key != source.public_key:
        raise VerificationFailed("the log publishes a different public key than the pinned one")
    return pinned_key or source.public_key


class _LogCheck:
    def __init__(self, source, pinned_key, progress):
        self.source, self.progress = source, progress
        self.public_key = _public_key(source, pinned_key)
        self.leaves: list[bytes] = []

    def run(self, trusted: SignedCheckpoint | None, sample: int) -> Report:
        checkpoints = self._checked_checkpoints(trusted)
        frontier = self._replay(checkpoints, trusted)
        self._check_nothing_deleted(checkpoints, trusted, frontier.size)
        self._check_consistency(checkpoints, trusted)
        self._check_inclusion(checkpoints, sample)
        latest = checkpoints[-1] if checkpoints else None
        signed = f", signed up to tree size {latest.tree_size}" if latest else ", none signed yet"
        return Report(
            ok=True,
            message=f"OK: {frontier.size} entries and {len(checkpoints)} checkpoints{signed}",
            entries=frontier.size,
            checkpoints=len(checkpoints),
            root_hash=frontier.root(),
        )

    def _checked_checkpoints(self, trusted) -> list[SignedCheckpoint]:
        checkpoints = self.source.checkpoints()
        previous = 0
        for checkpoint in checkpoints + ([trusted] if trusted else []):
            check_signature(checkpoint, self.public_key, self.source.origin)
        for checkpoint in checkpoints:
            if checkpoint.tree_size <= previous:
                raise VerificationFailed(f"checkpoint sizes go back at {checkpoint.tree_size}")
            previous = checkpoint.tree_size
        self.progress(f"{len(checkpoints)} checkpoint signatures verify")
        return checkpoints

    def _replay(self, checkpoints, trusted) -> Frontier:
        """Recompute the tree entry by entry, comparing roots at every signed size."""
        targets = {c.tree_size: c for c in checkpoints}
        frontier, signed_before = Frontier(), 0
        for entry in self.source.entries():
            leaf = entry_leaf(entry, frontier.size)
            self.leaves.append(leaf)
            frontier.push(leaf)
            size = frontier.size
            due = [targets[size]] if size in targets else []
            if trusted and trusted.tree_size == size:
                due.append(trusted)
            for checkpoint in due:
                if frontier.root() != checkpoint.root_hash:
                    self._localize(signed_before, checkpoint, served=checkpoint is not trusted)
            signed_before = size if due else signed_before
        self.progress(f"{frontier.size} entries recomputed")
        return frontier

    def _localize(self, start: int, checkpoint: SignedCheckpoint, *, served: bool) -> None:
        """The root differs from a signed one: name the entry if the log's proofs can.

        Proofs are served from the stored tree nodes, which an edit of an entry leaves as they
        were: the altered entry's proof fails while its neighbours' pass. If every proof fails
        (the whole tree was rewritten), or for a checkpoint the log no longer has, only the
        range between the last matching checkpoint and this one can be named.
        """
        end = checkpoint.tree_size
        what = f"the entries no longer match the checkpoint at tree size {end}"
        if served and self.source.proofs_served and end - start <= LOCALIZE_LIMIT:
            failing = [i for i in range(start, end) if not self._proof_holds(i, checkpoint)]
            if failing and len(failing) < end - start:
                raise VerificationFailed(
                    f"entry #{failing[0]} was altered: {what}", entry=failing[0]
                )
        raise VerificationFailed(f"{what}: an entry in #{start}..#{end - 1} was altered")

    def _proof_holds(self, index: int, checkpoint: SignedCheckpoint) -> bool:
        proof = self.source.inclusion(index, checkpoint.tree_size)
        leaf = self.leaves[index]
        return verify_inclusion(index, checkpoint.tree_size, leaf, proof, checkpoint.root_hash)

    def _check_nothing_deleted(self, checkpoints, trusted, size: int) -> None:
        for checkpoint in checkpoints + ([trusted] if trusted else []):
            if checkpoint.tree_size > size:
                raise VerificationFailed(
                    f"entry #{size} is missing: the checkpoint at tree size "
                    f"{checkpoint.tree_size} signed {checkpoint.tree_size} entries, "
                    f"the log now holds {size}",
                    entry=size,
                )

    def _check_consistency(self, checkpoints, trusted) -> None:
        pairs = list(zip(checkpoints, checkpoints[1:], strict=False))
        if trusted and checkpoints and trusted.tree_size < checkpoints[-1].tree_size:
            pairs.append((trusted, checkpoints[-1]))
        for older, newer in pairs:
            proof = self._served_consistency(older, newer)
            if proof is not None and not verify_consistency(
                older.tree_size, newer.tree_size, older.root_hash, newer.root_hash, proof
            ):
                raise VerificationFailed(
                    f"the checkpoint at tree size {newer.tree_size} is not consistent "
                    f"with the one at {older.tree_size}"
                )
        self.progress(f"{len(pairs)} consistency proofs checked")

    def _served_consistency(self, older, newer) -> list[bytes] | None:
        embedded = newer.consistency
        if embedded and embedded[0] == older.tree_size:
            return embedded[1]
        return self.source.consistency(older.tree_size, newer.tree_size)

    def _check_inclusion(self, checkpoints, sample: int) -> None:
        if not checkpoints or not self.source.proofs_served:
            return
        latest = checkpoints[-1]
        size = latest.tree_size
        indexes = range(size) if sample <= 0 or sample >= size else _sample(size, sample)
        for index in indexes:
            proof = self.source.inclusion(index, size)
            if not verify_inclusion(index, size, self.leaves[index], proof, latest.root_hash):
                raise VerificationFailed(
                    f"entry #{index}: the inclusion proof the log serves does not verify",
                    entry=index,
                )
        self.progress(f"{len(indexes)} inclusion proofs checked")


def _sample(size: int, count: int) -> list[int]:
    chosen = set(random.sample(range(size), count - 1)) | {size - 1}  # noqa: S311 (not secret)
    return sorted(chosen)


def _check_one_entry(source, index: int, checkpoint: SignedCheckpoint, pinned_key) -> Report:
    check_signature(checkpoint, _public_key(source, pinned_key), source.origin)
    if not 0 <= index < checkpoint.tree_size:
        raise VerificationFailed(
            f"entry #{index} is beyond the checkpoint's tree of {checkpoint.tree_size}", entry=index
        )
    leaf, proof = _leaf_and_proof(source, index, checkpoint.tree_size)
    if not verify_inclusion(index, checkpoint.tree_size, leaf, proof, checkpoint.root_hash):
        raise VerificationFailed(
            f"entry #{index} is not in the tree that the checkpoint at tree size "
            f"{checkpoint.tree_size} signed",
            entry=index,
        )
    return Report(
        ok=True,
        message=f"OK: entry #{index} is in the signed tree of {checkpoint.tree_size} entries",
        entries=1,
        checkpoints=1,
        root_hash=checkpoint.root_hash,
    )


def _leaf_and_proof(source, index: int, tree_size: int) -> tuple[bytes, list[bytes]]:
    if source.proofs_served:
        return entry_leaf(source.entry(index), index), source.inclusion(index, tree_size)
    leaves = []
    for entry in source.entries():
        if entry.index >= tree_size:
            break
        leaves.append(entry_leaf(entry, len(leaves)))
    if len(leaves) < tree_size:
        raise VerificationFailed(f"the export holds only {len(leaves)} entries", entry=len(leaves))
    return leaves[index], inclusion_proof_from_leaves(leaves, index, tree_size)
