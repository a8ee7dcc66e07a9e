import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from innocluster.platform.ledger.encoding import (
    EncodingError,
    canonical_json,
    checkpoint_note,
    entry_data,
    entry_text,
    hash_from_hex,
    parse_entry,
)

MOMENT = dt.datetime(2026, 3, 1, 12, 30, tzinfo=dt.timezone(dt.timedelta(hours=3)))


def test_entry_text_is_canonical_and_carries_index_and_time():
    data = entry_data(
        index=5, timestamp=MOMENT, kind="support.award", subject="award:1", payload={"b": 1}
    )

    assert data == (
        '{"index":5,"kind":"support.award","payload":{"b":1},"subject":"award:1",'
        '"timestamp":"2026-03-01T09:30:00.000000+00:00"}'
    )
    assert parse_entry(data, index=5)["payload"] == {"b": 1}


def test_parse_entry_refuses_a_wrong_index_or_a_non_canonical_text():
    data = entry_data(index=1, timestamp=MOMENT, kind="k", subject="s:1", payload={})

    with pytest.raises(EncodingError, match="its own index"):
        parse_entry(data, index=2)
    with pytest.raises(EncodingError, match="canonical"):
        parse_entry(data.replace(",", ", "), index=1)
    with pytest.raises(EncodingError, match="not valid JSON"):
        parse_entry("{", index=1)


@pytest.mark.parametrize("bad", [0.1, b"bytes", {1: "int key"}, object(), dt.datetime(2026, 1, 1)])
def test_values_without_one_spelling_are_refused(bad):
    with pytest.raises(EncodingError):
        canonical_json({"value": bad})


def test_money_dates_and_text():
    text = canonical_json({"amount": Decimal("10.50"), "on": dt.date(2026, 5, 16), "name": "Фонд"})

    assert text == '{"amount":"10.50","name":"Фонд","on":"2026-05-16"}'


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    )
)
def test_canonical_json_is_stable(value):
    import json

    text = canonical_json({"v": value})
    assert canonical_json(json.loads(text)) == text


@given(
    index=st.integers(min_value=0, max_value=2**63 - 1),
    timestamp=st.datetimes(timezones=st.timezones()),
    kind=st.text(),
    subject=st.text(),
    payload=st.dictionaries(
        st.text(),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(),
            lambda children: st.lists(children) | st.dictionaries(st.text(), children),
        ),
    ),
)
def test_entry_text_from_the_payload_text_is_entry_data(index, timestamp, kind, subject, payload):
    # The append path frames the payload's canonical JSON instead of encoding it again:
    # byte for byte the text (and so the leaf hash) entry_data gives.
    expected = entry_data(
        index=index, timestamp=timestamp, kind=kind, subject=subject, payload=payload
    )
    framed = entry_text(
        index=index,
        timestamp=timestamp,
        kind=kind,
        subject=subject,
        payload_json=canonical_json(payload),
    )
    assert framed == expected


def test_entry_text_refuses_an_index_that_json_spells_otherwise():
    with pytest.raises(EncodingError):
        entry_text(index=True, timestamp=MOMENT, kind="k", subject="s:1", payload_json="{}")


def test_checkpoint_note_format():
    note = checkpoint_note(origin="o", tree_size=3, root_hash=bytes(32), timestamp="t")

    assert note == b"o\n3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\ntime t\n"


@pytest.mark.parametrize("text", ["", "ab" * 31, "zz" * 32, "ab" * 33, None, 12])
def test_malformed_hashes_are_refused(text):
    with pytest.raises(EncodingError):
        hash_from_hex(text)
