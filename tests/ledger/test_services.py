import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

from innocluster.core.errors import codes_by_field
from innocluster.platform.ledger.encoding import checkpoint_note, format_time, verify_signature
from innocluster.platform.ledger.errors import LedgerAppendOnly
from innocluster.platform.ledger.errors import LedgerErrorCode as Code
from innocluster.platform.ledger.merkle import leaf_hash, tree_root
from innocluster.platform.ledger.models import Checkpoint, Entry, Head, Node, Pending
from innocluster.platform.ledger.selectors import ledger_size
from innocluster.platform.ledger.services import (
    ledger_append,
    ledger_append_many,
    ledger_checkpoint_sign,
)
from innocluster.platform.ledger.signing import public_key_bytes

from .helpers import append_many

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (row locks, triggers)"
)


def test_append_gives_consecutive_indexes_and_hashes_the_canonical_json():
    entries = append_many(3)

    assert [e.index for e in entries] == [0, 1, 2]
    stored = Entry.objects.get(index=1)
    assert json.loads(stored.data)["index"] == 1
    assert json.loads(stored.data)["subject"] == "application:1"
    assert bytes(stored.leaf_hash) == leaf_hash(stored.data.encode())
    assert ledger_size() == 3


def test_append_keeps_the_payload_exact_and_readable():
    # Given money as Decimal and Russian text
    ledger_append(
        kind="support.award",
        subject="award:7",
        payload={"amount": Decimal("1500000.50"), "measure": "Патенты", "b": 1, "a": None},
    )

    # Then the text is canonical: sorted keys, no spaces, UTF-8, money as a string
    entry = Entry.objects.get(subject="award:7")
    assert '"payload":{"a":null,"amount":"1500000.50","b":1,"measure":"Патенты"}' in entry.data
    assert entry.content["timestamp"] == format_time(entry.timestamp)


def test_append_stores_every_completed_subtree():
    append_many(4)

    # 4 leaves + 2 level-1 nodes + 1 level-2 node
    assert Node.objects.count() == 7
    leaves = [bytes(e.leaf_hash) for e in Entry.objects.order_by("index")]
    top = Node.objects.get(id=3)  # node_id(2, 0): the perfect subtree of leaves 0..3
    assert bytes(top.hash) == tree_root(leaves)


@pytest.mark.parametrize(
    ("kind", "subject", "payload", "field", "code"),
    [
        ("Review Decision", "application:1", {}, "kind", Code.BAD_KIND),
        ("review.decision", "no colon", {}, "subject", Code.BAD_SUBJECT),
        ("review.decision", "application:1", ["not", "a", "dict"], "payload", Code.BAD_PAYLOAD),
        ("review.decision", "application:1", {"score": 0.5}, "payload", Code.BAD_PAYLOAD),
        (
            "review.decision",
            "application:1",
            {"blob": "x" * 70_000},
            "payload",
            Code.PAYLOAD_TOO_LARGE,
        ),
    ],
)
def test_append_refuses_malformed_input(kind, subject, payload, field, code):
    with pytest.raises(ValidationError) as error:
        ledger_append(kind=kind, subject=subject, payload=payload)

    assert codes_by_field(error.value) == {field: [code]}
    assert ledger_size() == 0


def test_a_rolled_back_append_leaves_no_gap():
    append_many(1)
    with pytest.raises(RuntimeError), transaction.atomic():
        ledger_append(kind="review.decision", subject="application:9", payload={})
        raise RuntimeError("the caller's transaction fails")

    ledger_append(kind="review.decision", subject="application:10", payload={})

    assert list(Entry.objects.values_list("index", "subject")) == [
        (0, "application:0"),
        (1, "application:10"),
    ]


def test_append_many_writes_a_batch_in_order_under_one_lock():
    append_many(2)
    facts = [
        {"kind": "support.award", "subject": f"award:{n}", "payload": {"n": n}} for n in range(6000)
    ]

    queued = ledger_append_many(facts=facts)

    assert [fact.subject for fact in queued[:2]] == ["award:0", "award:1"]
    assert list(Entry.objects.filter(index__in=[2, 3]).values_list("subject", flat=True)) == [
        "award:0",
        "award:1",
    ]
    assert ledger_size() == 6002 == Entry.objects.count()
    assert not Pending.objects.exists()
    leaves = [bytes(h) for h in Entry.objects.values_list("leaf_hash", flat=True)]
    assert bytes(ledger_checkpoint_sign().root_hash) == tree_root(leaves)


def test_append_many_validates_every_fact_before_writing_any():
    facts = [
        {"kind": "support.award", "subject": "award:1", "payload": {}},
        {"kind": "support.award", "subject": "award:2", "payload": {"share": 0.5}},
    ]

    with pytest.raises(ValidationError):
        ledger_append_many(facts=facts)

    assert ledger_size() == 0


def test_checkpoint_signs_the_root_of_the_stored_tree():
    entries = append_many(5)

    checkpoint = ledger_checkpoint_sign()

    leaves = [bytes(e.leaf_hash) for e in entries]
    assert checkpoint.tree_size == 5
    assert bytes(checkpoint.root_hash) == tree_root(leaves)
    note = checkpoint_note(
        origin="test.innocluster/ledger",
        tree_size=5,
        root_hash=tree_root(leaves),
        timestamp=format_time(checkpoint.timestamp),
    )
    assert verify_signature(public_key_bytes(), note, bytes(checkpoint.signature))


def test_checkpoint_signs_nothing_when_nothing_is_new():
    assert ledger_checkpoint_sign() is None
    append_many(2)
    assert ledger_checkpoint_sign().tree_size == 2
    assert ledger_checkpoint_sign() is None
    assert Checkpoint.objects.count() == 1


def test_checkpoint_refuses_to_sign_when_head_and_tree_disagree():
    append_many(3)
    Head.objects.filter(pk=1).update(frontier=b"\x00" * 64)

    with pytest.raises(RuntimeError):
        ledger_checkpoint_sign()
    assert not Checkpoint.objects.exists()


def test_entries_refuse_to_change_or_go():
    entry = append_many(1)[0]
    entry.data = "{}"

    with pytest.raises(LedgerAppendOnly):
        entry.save()
    with pytest.raises(LedgerAppendOnly):
        entry.delete()
    with pytest.raises(LedgerAppendOnly):
        Entry.objects.filter(index=0).update(data="{}")
    with pytest.raises(LedgerAppendOnly):
        Entry.objects.all().delete()
    with pytest.raises(LedgerAppendOnly):
        Node.objects.all().delete()


def test_checkpoints_refuse_to_change():
    append_many(1)
    checkpoint = ledger_checkpoint_sign()

    with pytest.raises(LedgerAppendOnly):
        checkpoint.save()
    with pytest.raises(LedgerAppendOnly):
        Checkpoint.objects.update(tree_size=9)


@on_postgresql
def test_the_database_itself_refuses_updates_and_deletes():
    append_many(1)
    for sql in ("UPDATE ledger_entry SET data = '{}'", "DELETE FROM ledger_node"):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
