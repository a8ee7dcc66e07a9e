"""RFC 9162 Merkle tree hashing and proofs (section 2.1), as pure functions over leaf hashes.

No Django here: the verifier and any third party can use this module alone. It is proven
against the RFC 6962 reference vectors (tests/ledger/test_merkle.py).

Vocabulary:
- a *range* is a half-open interval [start, end) of leaf indexes;
- a *perfect subtree* is a range of 2**level leaves whose start is a multiple of 2**level.
  It is addressed by (level, position) with start = position * 2**level. Once the log has
  grown past it, its hash never changes, so the store keeps every one of them;
- every range that RFC 9162's PATH and SUBPROOF use splits into a few perfect subtrees
  (`perfect_parts`), so any proof is computed from at most ~2·log2(n) stored hashes.
"""

import hashlib
from collections.abc import Callable, Iterable

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()

Range = tuple[int, int]


def leaf_hash(data: bytes) -> bytes:
    """MTH of one entry: SHA-256(0x00 || entry)."""
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """An interior node: SHA-256(0x01 || left || right)."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def split_point(n: int) -> int:
    """RFC 9162's k: the largest power of two smaller than n (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def node_id(level: int, position: int) -> int:
    """The in-order number of a perfect subtree: leaves are even, level-1 nodes 1, 5, 9 …

    One integer key per node, unique over all levels, and dense (< 2·n for a log of n).
    """
    return (position << (level + 1)) + (1 << level) - 1


def perfect_parts(start: int, end: int) -> list[tuple[int, int]]:
    """The perfect subtrees, as (level, position) left to right, whose fold is MTH(D[start:end]).

    Valid for the ranges of RFC 9162 proofs, where start is a multiple of a power of two no
    smaller than end - start: the tree then splits the range along the binary digits of its size.
    """
    parts, size = [], end - start
    for level in range(size.bit_length() - 1, -1, -1):
        if size >> level & 1:
            parts.append((level, start >> level))
            start += 1 << level
    return parts


def fold(hashes: list[bytes]) -> bytes:
    """Combine perfect subtree hashes, left to right, into the hash of their union."""
    result = hashes[-1]
    for left in reversed(hashes[:-1]):
        result = node_hash(left, result)
    return result


def inclusion_ranges(index: int, size: int) -> list[Range]:
    """The ranges whose hashes make PATH(index, D[0:size]), nearest the leaf first."""
    if not 0 <= index < size:
        raise ValueError(f"leaf {index} is not in a tree of size {size}")
    path, start, end = [], 0, size
    while end - start > 1:
        k = split_point(end - start)
        if index < start + k:
            path.append((start + k, end))
            end = start + k
        else:
            path.append((start, start + k))
            start += k
    path.reverse()
    return path


def consistency_ranges(first: int, second: int) -> list[Range]:
    """The ranges whose hashes make PROOF(first, D[0:second]) (RFC 9162 SUBPROOF)."""
    if not 0 < first <= second:
        raise ValueError(f"no consistency proof from size {first} to size {second}")
    proof, start, end, m, whole = [], 0, second, first, True
    while m != end - start:
        k = split_point(end - start)
        if m <= k:
            proof.append((start + k, end))
            end = start + k
        else:
            proof.append((start, start + k))
            start, m, whole = start + k, m - k, False
    if not whole:
        proof.append((start, end))
    proof.reverse()
    return proof


def hashes_for_ranges(
    ranges: list[Range], lookup: Callable[[list[int]], dict[int, bytes]]
) -> list[bytes]:
    """Hash every range from stored perfect subtrees: one `lookup(node_ids)` for the lot."""
    parts = [perfect_parts(start, end) for start, end in ranges]
    wanted = sorted({node_id(*part) for range_parts in parts for part in range_parts})
    found = lookup(wanted)
    missing = [key for key in wanted if key not in found]
    if missing:
        raise LookupError(f"the store lacks {len(missing)} tree nodes, first {missing[0]}")
    return [fold([found[node_id(*part)] for part in range_parts]) for range_parts in parts]


def _check_hashes(*hashes: bytes) -> bool:
    return all(isinstance(h, bytes) and len(h) == HASH_SIZE for h in hashes)


def _shift_to_set_bit(fn: int, sn: int) -> tuple[int, int]:
    while not (fn & 1 or fn == 0):
        fn, sn = fn >> 1, sn >> 1
    return fn, sn


def root_from_inclusion(index: int, size: int, leaf: bytes, proof: list[bytes]) -> bytes | None:
    """The root that `proof` implies for `leaf` at `index`, or None if it cannot be a proof."""
    if not 0 <= index < size or not _check_hashes(leaf, *proof):
        return None
    fn, sn, result = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            result = node_hash(p, result)
            fn, sn = _shift_to_set_bit(fn, sn)
        else:
            result = node_hash(result, p)
        fn, sn = fn >> 1, sn >> 1
    return result if sn == 0 else None


def verify_inclusion(index: int, size: int, leaf: bytes, proof: list[bytes], root: bytes) -> bool:
    """RFC 9162 section 2.1.3.2: is `leaf` the entry `index` of the tree with `root`?"""
    return root_from_inclusion(index, size, leaf, proof) == root


def verify_consistency(
    first: int, second: int, first_root: bytes, second_root: bytes, proof: list[bytes]
) -> bool:
    """RFC 9162 section 2.1.4.2: is the tree of size `first` a prefix of the one of `second`?"""
    if not 0 < first <= second or not _check_hashes(first_root, second_root, *proof):
        return False
    if first == second:
        return not proof and first_root == second_root
    if not proof:
        return False
    if first & (first - 1) == 0:
        proof = [first_root, *proof]
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = proof[0]
    for c in proof[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            fn, sn = _shift_to_set_bit(fn, sn)
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == first_root and sr == second_root


class Frontier:
    """The right edge of a growing tree: the hashes of its biggest perfect subtrees.

    Appending a leaf costs one hash plus, amortized, one more; the root at any size is a fold
    of at most log2(n) hashes. The store keeps it with the log's head, and the verifier uses
    it to recompute a million-entry tree in one pass.
    """

    __slots__ = ("size", "hashes")

    def __init__(self, size: int = 0, hashes: Iterable[bytes] = ()):
        self.size, self.hashes = size, list(hashes)
        if len(self.hashes) != size.bit_count():
            raise ValueError("a frontier holds one hash per set bit of its size")

    @classmethod
    def from_bytes(cls, size: int, blob: bytes) -> "Frontier":
        chunks = [blob[i : i + HASH_SIZE] for i in range(0, len(blob), HASH_SIZE)]
        return cls(size, chunks)

    def to_bytes(self) -> bytes:
        return b"".join(self.hashes)

    def append(self, leaf: bytes) -> list[tuple[int, bytes]]:
        """Add a leaf hash; return every perfect subtree it completes as (node_id, hash)."""
        index, level, current = self.size, 0, leaf
        completed = [(node_id(0, index), leaf)]
        while index >> level & 1:
            current = node_hash(self.hashes.pop(), current)
            level += 1
            completed.append((node_id(level, index >> level), current))
        self.hashes.append(current)
        self.size += 1
        return completed

    def push(self, leaf: bytes) -> None:
        """`append` without reporting the completed subtrees: the verifier's fast path."""
        index, current, hashes = self.size, leaf, self.hashes
        while index & 1:
            current = node_hash(hashes.pop(), current)
            index >>= 1
        hashes.append(current)
        self.size += 1

    def root(self) -> bytes:
        return fold(self.hashes) if self.hashes else EMPTY_ROOT


def tree_root(leaves: Iterable[bytes]) -> bytes:
    """MTH of a list of leaf hashes."""
    frontier = Frontier()
    for leaf in leaves:
        frontier.push(leaf)
    return frontier.root()


def inclusion_proof_from_leaves(leaves: list[bytes], index: int, size: int) -> list[bytes]:
    """PATH(index, D[0:size]) computed from all leaf hashes: for tests and offline checks."""
    return [tree_root(leaves[start:end]) for start, end in inclusion_ranges(index, size)]


def consistency_proof_from_leaves(leaves: list[bytes], first: int, second: int) -> list[bytes]:
    """PROOF(first, D[0:second]) computed from all leaf hashes: for tests and offline checks."""
    return [tree_root(leaves[start:end]) for start, end in consistency_ranges(first, second)]
