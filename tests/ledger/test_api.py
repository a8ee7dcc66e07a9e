import base64

import pytest
from django.test import Client

from innocluster.platform.ledger.encoding import key_id
from innocluster.platform.ledger.merkle import (
    leaf_hash,
    tree_root,
    verify_consistency,
    verify_inclusion,
)
from innocluster.platform.ledger.signing import public_key_bytes

pytestmark = pytest.mark.django_db

API = "/api/v1/ledger"


@pytest.fixture
def client():
    return Client()


def get(client, path: str, **params):
    return client.get(f"{API}/{path}", params)


def assert_problem(response, status: int, code: str):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == code


def test_public_key_is_published(client):
    body = get(client, "public-key").json()

    assert body["algorithm"] == "Ed25519"
    assert base64.b64decode(body["public_key"]) == public_key_bytes()
    assert body["key_id"] == key_id(public_key_bytes())
    assert body["pem"].startswith("-----BEGIN PUBLIC KEY-----")


def test_latest_checkpoint(client, signed_log):
    entries, _ = signed_log

    body = get(client, "checkpoint").json()

    assert body["tree_size"] == 7
    assert body["root_hash"] == tree_root([bytes(e.leaf_hash) for e in entries]).hex()
    assert body["note"].startswith("test.innocluster/ledger\n7\n")
    assert body["public_key"] == base64.b64encode(public_key_bytes()).decode()


def test_no_checkpoint_yet_is_404(client, db):
    assert_problem(get(client, "checkpoint"), 404, "ledger_not_found")


def test_checkpoint_list_and_detail(client, signed_log):
    listed = get(client, "checkpoints").json()

    assert [c["tree_size"] for c in listed["results"]] == [4, 7]
    assert get(client, "checkpoints/4").json()["tree_size"] == 4
    assert_problem(get(client, "checkpoints/5"), 404, "ledger_not_found")


def test_entries_in_a_range(client, signed_log):
    body = get(client, "entries", start=2, end=5).json()

    assert (body["start"], body["end"], body["tree_size"]) == (2, 5, 7)
    first = body["entries"][0]
    assert first["index"] == 2
    assert first["kind"] == "review.decision"
    assert first["payload"] == {"decision": "approved", "number": 2}
    assert first["leaf_hash"] == leaf_hash(first["data"].encode()).hex()
    assert first["proof_url"].endswith(f"{API}/entries/2/proof")


def test_entries_stop_at_the_end_of_the_log(client, signed_log):
    assert get(client, "entries", start=5).json()["end"] == 7
    assert get(client, "entries", start=7).json()["entries"] == []


def test_one_entry(client, signed_log):
    body = get(client, "entries/3").json()

    assert body["index"] == 3
    assert body["subject"] == "application:3"


def test_inclusion_proof_verifies_against_the_signed_checkpoint(client, signed_log):
    entries, _ = signed_log

    body = get(client, "entries/2/proof").json()

    path = [bytes.fromhex(h) for h in body["audit_path"]]
    root = bytes.fromhex(body["checkpoint"]["root_hash"])
    assert body["tree_size"] == 7
    assert verify_inclusion(2, 7, bytes(entries[2].leaf_hash), path, root)


def test_inclusion_proof_in_an_older_tree(client, signed_log):
    entries, _ = signed_log

    body = get(client, "entries/1/proof", tree_size=4).json()

    leaves = [bytes(e.leaf_hash) for e in entries[:4]]
    path = [bytes.fromhex(h) for h in body["audit_path"]]
    assert body["root_hash"] == tree_root(leaves).hex()
    assert verify_inclusion(1, 4, leaves[1], path, tree_root(leaves))


def test_inclusion_proof_by_leaf_hash(client, signed_log):
    entries, _ = signed_log

    body = get(client, "proof-by-hash", hash=bytes(entries[5].leaf_hash).hex()).json()

    assert body["index"] == 5
    assert body["leaf_hash"] == bytes(entries[5].leaf_hash).hex()


def test_consistency_proof(client, signed_log):
    _, checkpoints = signed_log

    body = get(client, "consistency", first=4, second=7).json()

    proof = [bytes.fromhex(h) for h in body["proof"]]
    first_root, second_root = (bytes(c.root_hash) for c in checkpoints)
    assert verify_consistency(4, 7, first_root, second_root, proof)


def test_entries_of_one_subject(client, signed_log):
    body = get(client, "subjects", subject="application:3").json()

    assert [e["index"] for e in body["results"]] == [3]


@pytest.mark.parametrize(
    ("path", "params", "code"),
    [
        ("entries/7/proof", {}, "ledger_index_beyond_tree"),
        ("entries/5/proof", {"tree_size": 5_000}, "ledger_beyond_tree"),
        ("entries/5/proof", {"tree_size": 4}, "ledger_index_beyond_tree"),
        ("entries/1/proof", {"tree_size": 0}, "validation_error"),
        ("entries/1/proof", {"tree_size": "seven"}, "validation_error"),
        ("entries/1/proof", {"tree_size": 2**70}, "validation_error"),
        ("entries/99999999999999999999999/proof", {}, "ledger_index_beyond_tree"),
        ("consistency", {"first": 7, "second": 4}, "ledger_inverted_range"),
        ("consistency", {"first": 0, "second": 4}, "ledger_bad_range"),
        ("consistency", {"first": 4, "second": 70}, "ledger_beyond_tree"),
        ("consistency", {"second": 4}, "validation_error"),
        ("consistency", {"first": "x", "second": 4}, "validation_error"),
        ("entries", {"start": 5, "end": 2}, "ledger_inverted_range"),
        ("entries", {"start": 50}, "ledger_beyond_tree"),
        ("entries", {"start": -1}, "validation_error"),
        ("proof-by-hash", {"hash": "zz" * 32}, "validation_error"),
        ("proof-by-hash", {"hash": "ab" * 31}, "validation_error"),
        ("proof-by-hash", {}, "validation_error"),
    ],
)
def test_bad_input_is_a_clear_400(client, signed_log, path, params, code):
    assert_problem(get(client, path, **params), 400, code)


def test_unknown_entry_and_hash_are_404(client, signed_log):
    assert_problem(get(client, "entries/70"), 404, "ledger_not_found")
    assert_problem(get(client, "entries/99999999999999999999999"), 404, "ledger_not_found")
    assert_problem(get(client, "checkpoints/99999999999999999999999"), 404, "ledger_not_found")
    assert_problem(get(client, "proof-by-hash", hash="ab" * 32), 404, "ledger_not_found")


def test_proof_before_any_checkpoint_is_a_clear_400(client, db):
    from .helpers import append_many

    append_many(2)

    assert_problem(get(client, "entries/0/proof"), 400, "ledger_no_checkpoint")


def test_the_api_is_read_only(client, signed_log):
    assert client.post(f"{API}/entries", {}).status_code == 405
    assert client.delete(f"{API}/entries/1").status_code == 405


def test_the_schema_lists_every_ledger_endpoint(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()

    paths = {path for path in schema["paths"] if "/ledger/" in path}
    assert paths == {
        "/api/v1/ledger/public-key",
        "/api/v1/ledger/checkpoint",
        "/api/v1/ledger/checkpoints",
        "/api/v1/ledger/checkpoints/{tree_size}",
        "/api/v1/ledger/entries",
        "/api/v1/ledger/entries/{index}",
        "/api/v1/ledger/entries/{index}/proof",
        "/api/v1/ledger/proof-by-hash",
        "/api/v1/ledger/consistency",
        "/api/v1/ledger/subjects",
    }


@pytest.mark.parametrize("tree_size", [{"tree_size": 7}, {}])
def test_a_proof_costs_three_queries(client, signed_log, django_assert_num_queries, tree_size):
    # the log's size (or the latest checkpoint), the tree's nodes, the checkpoint at that size
    with django_assert_num_queries(3):
        assert get(client, "entries/3/proof", **tree_size).status_code == 200
