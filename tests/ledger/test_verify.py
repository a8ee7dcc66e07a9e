"""Tamper evidence: whatever an insider changes in the database, the verifier catches it."""

import dataclasses
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client

from innocluster.platform.ledger.encoding import to_base64
from innocluster.platform.ledger.export import ledger_export
from innocluster.platform.ledger.merkle import leaf_hash
from innocluster.platform.ledger.services import ledger_append, ledger_checkpoint_sign
from innocluster.platform.ledger.signing import generate_key_text
from innocluster.platform.ledger.sources import (
    FileSource,
    HttpSource,
    SourceError,
    parse_checkpoint,
)
from innocluster.platform.ledger.verify import verify_entry, verify_log

from .helpers import append_many, rewrite_entry, tamper

pytestmark = pytest.mark.django_db

API = "/api/v1/ledger"


def client_fetch(url: str) -> dict:
    """The HTTP source's fetch, through Django's test client instead of the network."""
    response = Client().get(url)
    if response.status_code >= 400:
        raise SourceError(f"{url}: HTTP {response.status_code}")
    return response.json()


def online() -> HttpSource:
    return HttpSource(API, fetch=client_fetch)


def _exported(tmp_path):
    path = tmp_path / "ledger.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        ledger_export(out=out)
    return path


def offline(tmp_path) -> FileSource:
    return FileSource(str(_exported(tmp_path)))


def published_checkpoint(tmp_path) -> str:
    """Save the latest checkpoint as anyone could have, from the public API."""
    path = tmp_path / "checkpoint.json"
    path.write_text(Client().get(f"{API}/checkpoint").content.decode())
    return str(path)


def forged_data(entry) -> str:
    content = json.loads(entry.data)
    content["payload"]["decision"] = "rejected"
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


# --- An intact log ---------------------------------------------------------------------------
@pytest.mark.parametrize("where", ["offline", "online"])
def test_an_intact_log_verifies(signed_log, tmp_path, where):
    source = offline(tmp_path) if where == "offline" else online()

    report = verify_log(source, sample=0)

    assert report.ok, report.message
    assert (report.entries, report.checkpoints) == (7, 2)


def test_unsigned_tail_still_verifies(signed_log, tmp_path):
    append_many(2, start=7)

    assert verify_log(offline(tmp_path)).ok


# --- An entry changed in the database --------------------------------------------------------
@pytest.mark.parametrize("where", ["offline", "online"])
def test_an_entry_changed_in_the_database_is_named(signed_log, tmp_path, where):
    entries, _ = signed_log
    # Given an insider rewrites the decision of entry #2
    rewrite_entry(2, forged_data(entries[2]))

    report = verify_log(offline(tmp_path) if where == "offline" else online())

    assert not report.ok
    assert report.bad_entry == 2
    assert "entry #2 was altered" in report.message


def test_an_entry_changed_with_its_recorded_hash_is_still_named_online(signed_log):
    entries, _ = signed_log
    # Given the insider also rewrites the recorded leaf hash, so the entry looks self-consistent
    data = forged_data(entries[5])
    rewrite_entry(5, data, leaf=leaf_hash(data.encode()))

    report = verify_log(online())

    # Then the recomputed root no longer matches the signed one, and the proofs name the entry
    assert not report.ok
    assert report.bad_entry == 5
    assert "entry #5 was altered" in report.message


def test_an_entry_changed_with_its_recorded_hash_fails_offline(signed_log, tmp_path):
    entries, _ = signed_log
    data = forged_data(entries[5])
    rewrite_entry(5, data, leaf=leaf_hash(data.encode()))

    report = verify_log(offline(tmp_path))

    assert not report.ok
    assert "#4..#6" in report.message  # offline, the signed batch that holds it


def test_a_non_canonical_entry_is_named(signed_log, tmp_path):
    rewrite_entry(1, json.dumps(json.loads(signed_log[0][1].data), indent=1))

    report = verify_log(offline(tmp_path))

    assert report.bad_entry == 1
    assert "canonical" in report.message


# --- Entries deleted -------------------------------------------------------------------------
def test_deleting_the_last_entry_is_caught(signed_log, tmp_path):
    tamper('DELETE FROM ledger_entry WHERE "index" = 6', [])

    report = verify_log(offline(tmp_path))

    assert not report.ok
    assert report.bad_entry == 6
    assert "entry #6 is missing" in report.message


def _rewind_to_six(entries):
    """As an insider: delete the seventh entry and its nodes, the checkpoint that covered it,
    and move the head back, so the log looks whole at six entries."""
    tamper('DELETE FROM ledger_entry WHERE "index" = 6', [])
    tamper("DELETE FROM ledger_node WHERE id >= 12", [])
    tamper("DELETE FROM ledger_checkpoint WHERE tree_size = 7", [])
    tamper("DELETE FROM ledger_head", [])
    _rebuild_head(entries[:6])


def test_deleting_the_last_entry_and_resigning_breaks_consistency_with_the_published_one(
    signed_log, tmp_path
):
    entries, _ = signed_log
    # Given a checkpoint that someone saved when it was published
    saved = published_checkpoint(tmp_path)
    # When an insider deletes the last entry, rewinds the head, erases the checkpoints that
    # covered it and signs afresh: the log now looks whole and signed
    _rewind_to_six(entries)
    assert ledger_checkpoint_sign().tree_size == 6
    assert verify_log(online()).ok

    # Then the saved checkpoint exposes it, online and offline
    report = verify_log(online(), trusted=_load(saved))
    assert not report.ok
    assert "entry #6 is missing" in report.message
    export = str(tmp_path / "ledger.jsonl")
    call_command("ledger", "export", "--output", export, stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command(
            "ledger", "verify", "--file", export, "--checkpoint", saved, stderr=io.StringIO()
        )


def test_a_replaced_last_entry_is_not_consistent_with_the_published_checkpoint(
    signed_log, tmp_path
):
    entries, _ = signed_log
    saved = published_checkpoint(tmp_path)
    _rewind_to_six(entries)
    ledger_append(kind="review.decision", subject="application:6", payload={"decision": "no"})
    ledger_checkpoint_sign()

    report = verify_log(online(), trusted=_load(saved))

    assert not report.ok
    assert "no longer match the checkpoint at tree size 7" in report.message
    assert "#4..#6" in report.message


def _rebuild_head(entries) -> None:
    from innocluster.platform.ledger.merkle import Frontier
    from innocluster.platform.ledger.models import Head

    frontier = Frontier()
    for entry in entries:
        frontier.push(bytes(entry.leaf_hash))
    Head.objects.create(pk=1, size=frontier.size, frontier=frontier.to_bytes())


def _load(path: str):
    with open(path, encoding="utf-8") as file:
        return parse_checkpoint(json.load(file))


# --- Signatures ------------------------------------------------------------------------------
def test_a_checkpoint_with_a_wrong_signature_is_rejected(signed_log, tmp_path):
    tamper(
        "UPDATE ledger_checkpoint SET signature = %s WHERE tree_size = 4",
        [bytes(64)],
    )

    report = verify_log(offline(tmp_path))

    assert not report.ok
    assert "checkpoint at tree size 4: the signature does not verify" in report.message


def test_a_checkpoint_signed_with_another_key_is_rejected(signed_log, tmp_path, settings):
    saved = _load(published_checkpoint(tmp_path))
    settings.LEDGER_SIGNING_KEY = generate_key_text()

    report = verify_log(online(), trusted=saved)

    assert not report.ok
    assert "signed by key" in report.message


def test_a_forged_root_in_a_validly_shaped_checkpoint_is_rejected(signed_log, tmp_path):
    saved = _load(published_checkpoint(tmp_path))
    forged = dataclasses.replace(saved, root_hash=bytes(32))

    report = verify_entry(online(), index=3, checkpoint=forged)

    assert not report.ok
    assert "signature does not verify" in report.message


def test_a_pinned_key_must_match_the_published_one(signed_log, tmp_path):
    report = verify_log(online(), pinned_key=bytes(32))

    assert not report.ok and "pinned" in report.message
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "ledger",
            "verify",
            "--file",
            str(_exported(tmp_path)),
            "--public-key",
            to_base64(bytes(32)),
            stdout=out,
            stderr=err,
        )
    assert "pinned" in err.getvalue()


# --- One entry against a checkpoint ----------------------------------------------------------
@pytest.mark.parametrize("where", ["offline", "online"])
def test_one_entry_against_a_saved_checkpoint(signed_log, tmp_path, where):
    saved = _load(published_checkpoint(tmp_path))
    source = offline(tmp_path) if where == "offline" else online()

    assert verify_entry(source, index=3, checkpoint=saved).ok


@pytest.mark.parametrize("where", ["offline", "online"])
def test_one_altered_entry_fails_against_a_saved_checkpoint(signed_log, tmp_path, where):
    entries, _ = signed_log
    saved = _load(published_checkpoint(tmp_path))
    data = forged_data(entries[3])
    rewrite_entry(3, data, leaf=leaf_hash(data.encode()))
    source = offline(tmp_path) if where == "offline" else online()

    report = verify_entry(source, index=3, checkpoint=saved)

    assert not report.ok
    assert report.bad_entry == 3


# --- The command line ------------------------------------------------------------------------
def test_export_then_verify_on_the_command_line(signed_log, tmp_path):
    path = tmp_path / "ledger.jsonl"
    out = io.StringIO()

    call_command("ledger", "export", "--output", str(path), stdout=out)
    call_command("ledger", "verify", "--file", str(path), stdout=out)

    assert "OK: 7 entries and 2 checkpoints" in out.getvalue()


def test_the_command_exits_non_zero_and_names_the_entry(signed_log, tmp_path):
    entries, _ = signed_log
    rewrite_entry(4, forged_data(entries[4]))
    path = tmp_path / "ledger.jsonl"
    call_command("ledger", "export", "--output", str(path), stdout=io.StringIO())
    err = io.StringIO()

    with pytest.raises(CommandError) as error:
        call_command("ledger", "verify", "--file", str(path), stderr=err)

    assert error.value.returncode == 1
    assert "FAIL: entry #4 was altered" in err.getvalue()


def test_the_command_verifies_one_entry(signed_log, tmp_path):
    path = tmp_path / "ledger.jsonl"
    call_command("ledger", "export", "--output", str(path), stdout=io.StringIO())
    saved = published_checkpoint(tmp_path)
    out = io.StringIO()

    call_command(
        "ledger", "verify", "--file", str(path), "--entry", "2", "--checkpoint", saved, stdout=out
    )

    assert "OK: entry #2 is in the signed tree of 7 entries" in out.getvalue()


def test_a_file_that_is_not_an_export_is_a_clear_failure(tmp_path):
    path = tmp_path / "nonsense.jsonl"
    path.write_text("hello\n")
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("ledger", "verify", "--file", str(path), stderr=err)

    assert "not a ledger export" in err.getvalue()


def test_checkpoint_and_generate_key_commands(db):
    out = io.StringIO()
    with transaction.atomic():
        append_many(2)

    call_command("ledger", "checkpoint", stdout=out)
    call_command("ledger", "checkpoint", stdout=out)
    call_command("ledger", "generate-key", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[:2] == ["Signed a checkpoint at tree size 2.", "Nothing new to sign."]
    assert len(lines[2]) == 44  # base64 of 32 bytes


@pytest.mark.django_db(transaction=True)
def test_verify_over_real_http(live_server):
    append_many(3)
    ledger_checkpoint_sign()
    out = io.StringIO()

    call_command("ledger", "verify", "--url", live_server.url, "--sample", "0", stdout=out)

    assert "OK: 3 entries" in out.getvalue()


def test_an_unreachable_url_is_a_clear_failure():
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("ledger", "verify", "--url", "http://127.0.0.1:9", stderr=err)

    assert "FAIL: cannot read the ledger" in err.getvalue()


def test_an_answer_that_is_not_a_ledger_is_a_clear_failure():
    source = HttpSource(API, fetch=client_fetch)
    source.fetch = lambda url: {"unexpected": True}

    report = verify_log(source)

    assert not report.ok
    assert "unexpected answer" in report.message
