"""RFC 6962 / RFC 9162 hashing and proofs against the Certificate Transparency reference vectors.

The vectors are those of transparency-dev/merkle (proof/verify_test.go, rfc6962_test.go),
the successor of certificate-transparency-go's merkletree tests: an 8-leaf tree with known
roots for every size, and known inclusion and consistency proofs.
"""

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from innocluster.platform.ledger import merkle
from innocluster.platform.ledger.merkle import (
    EMPTY_ROOT,
    Frontier,
    consistency_proof_from_leaves,
    consistency_ranges,
    hashes_for_ranges,
    inclusion_proof_from_leaves,
    inclusion_ranges,
    leaf_hash,
    node_hash,
    tree_root,
    verify_consistency,
    verify_inclusion,
)

LEAF_INPUTS = [
    b"",
    b"\x00",
    b"\x10",
    b"\x20\x21",
    b"\x30\x31",
    b"\x40\x41\x42\x43",
    b"\x50\x51\x52\x53\x54\x55\x56\x57",
    b"\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f",
]
LEAVES = [leaf_hash(data) for data in LEAF_INPUTS]
# ROOTS[n - 1] is the root of the tree of the first n leaves.
ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
# (leaf index, tree size, audit path)
INCLUSION_PROOFS = [
    (0, 1, []),
    (
        0,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        5,
        8,
        [
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (
        1,
        5,
        [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
]
# (first size, second size, proof)
CONSISTENCY_PROOFS = [
    (1, 1, []),
    (
        1,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        6,
        8,
        [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (
        2,
        5,
        [
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
    (
        6,
        7,
        [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
]


def hexes(proof: list[bytes]) -> list[str]:
    return [h.hex() for h in proof]


def root(size: int) -> bytes:
    return bytes.fromhex(ROOTS[size - 1])


# --- Hashing ---------------------------------------------------------------------------------
def test_hasher_reference_values():
    assert EMPTY_ROOT.hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert leaf_hash(b"").hex() == ROOTS[0]
    assert (
        leaf_hash(b"L123456").hex()
        == "395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56"
    )
    assert (
        node_hash(b"N123", b"N456").hex()
        == "aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb"
    )


@pytest.mark.parametrize("size", range(1, 9))
def test_root_of_every_size_matches_the_vectors(size):
    assert tree_root(LEAVES[:size]).hex() == ROOTS[size - 1]


def test_empty_tree_root():
    assert tree_root([]) == EMPTY_ROOT


# --- Inclusion -------------------------------------------------------------------------------
@pytest.mark.parametrize(("index", "size", "expected"), INCLUSION_PROOFS)
def test_inclusion_proof_matches_the_vectors(index, size, expected):
    proof = inclusion_proof_from_leaves(LEAVES, index, size)

    assert hexes(proof) == expected
    assert verify_inclusion(index, size, LEAVES[index], proof, root(size))


@pytest.mark.parametrize(("index", "size", "expected"), INCLUSION_PROOFS[1:])
def test_corrupted_inclusion_proofs_are_rejected(index, size, expected):
    proof, leaf, good_root = [bytes.fromhex(h) for h in expected], LEAVES[index], root(size)
    flipped = [bytes([proof[0][0] ^ 8]) + proof[0][1:], *proof[1:]]
    probes = [
        (index + 1, size, leaf, proof, good_root),
        (index ^ 2, size, leaf, proof, good_root),
        (index, size * 2, leaf, proof, good_root),
        (index, size // 2, leaf, proof, good_root),
        (index, size, leaf_hash(b"WrongLeaf"), proof, good_root),
        (index, size, leaf, proof, EMPTY_ROOT),
        (index, size, leaf, [*proof, good_root], good_root),
        (index, size, leaf, [good_root, *proof], good_root),
        (index, size, leaf, proof[:-1], good_root),
        (index, size, leaf, flipped, good_root),
        (index, size, leaf[:31], proof, good_root),
    ]
    for probe in probes:
        assert not verify_inclusion(*probe), probe[:2]


def test_inclusion_rejects_an_index_beyond_the_tree():
    assert not verify_inclusion(1, 1, LEAVES[0], [], root(1))
    with pytest.raises(ValueError):
        inclusion_ranges(7, 7)


# --- Consistency -----------------------------------------------------------------------------
@pytest.mark.parametrize(("first", "second", "expected"), CONSISTENCY_PROOFS)
def test_consistency_proof_matches_the_vectors(first, second, expected):
    proof = consistency_proof_from_leaves(LEAVES, first, second)

    assert hexes(proof) == expected
    assert verify_consistency(first, second, root(first), root(second), proof)


@pytest.mark.parametrize(("first", "second", "expected"), CONSISTENCY_PROOFS[1:])
def test_corrupted_consistency_proofs_are_rejected(first, second, expected):
    proof, r1, r2 = [bytes.fromhex(h) for h in expected], root(first), root(second)
    flipped = [*proof[:-1], bytes([proof[-1][0] ^ 16]) + proof[-1][1:]]
    probes = [
        (first - 1, second, r1, r2, proof),
        (first + 1, second, r1, r2, proof),
        (first, second * 2, r1, r2, proof),
        (first, second // 2, r1, r2, proof),
        (first, second, r2, r1, proof),
        (first, second, r1, r2, []),
        (first, second, r1, r2, [*proof, r1]),
        (first, second, r1, r2, [r2, *proof]),
        (first, second, r1, r2, proof[:-1]),
        (first, second, r1, r2, flipped),
    ]
    for probe in probes:
        assert not verify_consistency(*probe), probe[:2]


def test_consistency_refuses_shrinking_and_empty_trees():
    assert not verify_consistency(2, 1, root(2), root(1), [])
    assert not verify_consistency(0, 1, EMPTY_ROOT, root(1), [])
    with pytest.raises(ValueError):
        consistency_ranges(3, 2)


# --- The shape of proofs (transparency-dev/merkle proof_test.go, as leaf ranges) -------------
def subtree(level: int, index: int) -> tuple[int, int]:
    return (index << level, (index + 1) << level)


@pytest.mark.parametrize(
    ("index", "size", "expected"),
    [
        (0, 7, [subtree(0, 1), subtree(1, 1), (4, 7)]),
        (4, 7, [subtree(0, 5), subtree(0, 6), subtree(2, 0)]),
        (6, 7, [subtree(1, 2), subtree(2, 0)]),
        (3, 5, [subtree(0, 2), subtree(1, 0), subtree(0, 4)]),
        (10, 15, [subtree(0, 11), subtree(1, 4), (12, 15), subtree(3, 0)]),
        (81, 95, [subtree(0, 80), subtree(1, 41), subtree(2, 21), (88, 95), (64, 80), (0, 64)]),
    ],
)
def test_inclusion_ranges_have_the_reference_shape(index, size, expected):
    assert inclusion_ranges(index, size) == expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (1, 2, [subtree(0, 1)]),
        (2, 8, [subtree(1, 1), subtree(2, 1)]),
        (3, 7, [subtree(0, 2), subtree(0, 3), subtree(1, 0), (4, 7)]),
        (4, 7, [(4, 7)]),
        (5, 7, [subtree(0, 4), subtree(0, 5), subtree(0, 6), subtree(2, 0)]),
        (6, 7, [subtree(1, 2), subtree(0, 6), subtree(2, 0)]),
        (7, 8, [subtree(0, 6), subtree(0, 7), subtree(1, 2), subtree(2, 0)]),
    ],
)
def test_consistency_ranges_have_the_reference_shape(first, second, expected):
    assert consistency_ranges(first, second) == expected


# --- Stored trees, properties ----------------------------------------------------------------
def stored_tree(leaves: list[bytes]) -> dict[int, bytes]:
    frontier, nodes = Frontier(), {}
    for leaf in leaves:
        nodes.update(frontier.append(leaf))
    return nodes


def leaves_of(count: int) -> list[bytes]:
    return [leaf_hash(hashlib.sha256(str(i).encode()).digest()) for i in range(count)]


@given(size=st.integers(1, 300), data=st.data())
def test_proofs_from_stored_subtrees_equal_proofs_from_leaves(size, data):
    leaves = leaves_of(size)
    nodes = stored_tree(leaves)
    index = data.draw(st.integers(0, size - 1))
    first = data.draw(st.integers(1, size))

    path = hashes_for_ranges(inclusion_ranges(index, size), lambda ids: nodes)
    proof = hashes_for_ranges(consistency_ranges(first, size), lambda ids: nodes)

    assert path == inclusion_proof_from_leaves(leaves, index, size)
    assert verify_inclusion(index, size, leaves[index], path, tree_root(leaves))
    assert verify_consistency(first, size, tree_root(leaves[:first]), tree_root(leaves), proof)


@given(size=st.integers(0, 200))
def test_frontier_root_and_serialization(size):
    frontier = Frontier()
    for leaf in leaves_of(size):
        frontier.append(leaf)

    restored = Frontier.from_bytes(size, frontier.to_bytes())

    assert frontier.root() == restored.root() == tree_root(leaves_of(size))
    assert len(stored_tree(leaves_of(size))) < 2 * size + 1


def test_a_missing_stored_node_is_reported():
    with pytest.raises(LookupError):
        hashes_for_ranges([(0, 4)], lambda ids: {})


def test_node_ids_are_unique_across_levels():
    ids = {merkle.node_id(level, pos) for level in range(6) for pos in range(64 >> level)}
    assert len(ids) == sum(64 >> level for level in range(6))
