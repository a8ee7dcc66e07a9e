"""The share and hash rules, as properties: what sums to 100 in cents is accepted, nothing else."""

from decimal import Decimal
from itertools import pairwise

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from innocluster.core.uploads import sha256_of
from innocluster.features.ipregistry.errors import IPRegistryErrorCode as Code
from innocluster.features.ipregistry.rules import (
    MAX_RIGHTHOLDERS,
    clean_rightholders,
    normalize_sha256,
)
from tests.ipregistry.helpers import WORK, WORK_SHA256, work_file


def cents_summing_to_100(max_size: int = MAX_RIGHTHOLDERS):
    """1 to max_size positive whole numbers of cents that add up to 10,000 (= 100.00 %)."""
    return st.integers(1, max_size).flatmap(
        lambda n: st.sets(st.integers(1, 9_999), min_size=n - 1, max_size=n - 1).map(
            lambda cuts: [b - a for a, b in pairwise([0, *sorted(cuts), 10_000])]
        )
    )


def rows(cents: list[int]) -> list[dict]:
    return [{"name": f"Holder {n}", "share": Decimal(c).scaleb(-2)} for n, c in enumerate(cents)]


def refused(rows_) -> list[ValidationError]:
    """What is wrong with the rows: each refusal with its code and its params."""
    with pytest.raises(ValidationError) as error:
        clean_rightholders(rows_)
    return error.value.error_dict["rightholders"]


def codes(refusals: list[ValidationError]) -> list[str]:
    return [refusal.code for refusal in refusals]


@given(cents_summing_to_100())
def test_positive_two_decimal_shares_summing_to_100_are_accepted(cents):
    cleaned = clean_rightholders(rows(cents))
    assert sum(row["share"] for row in cleaned) == Decimal("100.00")
    assert all(row["share"].as_tuple().exponent == -2 for row in cleaned)


@given(st.lists(st.integers(1, 10_000), min_size=1, max_size=MAX_RIGHTHOLDERS))
def test_any_other_total_is_refused(cents):
    if sum(cents) == 10_000:
        clean_rightholders(rows(cents))
    else:
        assert Code.SHARES_TOTAL in codes(refused(rows(cents)))


@given(cents_summing_to_100(max_size=MAX_RIGHTHOLDERS - 1), st.integers(1, 9), st.data())
def test_a_third_decimal_is_refused_even_when_the_total_is_100(cents, thousandths, data):
    # Move a few thousandths of a percent from the last share to a new one: still 100 in all.
    shares = [Decimal(c).scaleb(-2) for c in cents]
    moved = Decimal(thousandths).scaleb(-3)
    if shares[-1] <= moved:
        return
    shares[-1] -= moved
    given_rows = [{"name": f"H{n}", "share": s} for n, s in enumerate([*shares, moved])]
    assert sum(row["share"] for row in given_rows) == 100
    assert Code.SHARE_PRECISION in codes(refused(given_rows))


@given(cents_summing_to_100(max_size=MAX_RIGHTHOLDERS - 1), st.sampled_from(["0", "-0.01", "-5"]))
def test_a_zero_or_negative_share_is_refused_even_when_the_total_is_100(cents, bad):
    given_rows = [*rows(cents), {"name": "Nobody", "share": Decimal(bad)}]
    if bad == "-5":
        given_rows[0]["share"] += 5
    assert Code.SHARE_OUT_OF_RANGE in codes(refused(given_rows))


@pytest.mark.parametrize(
    "shares",
    [
        [33.33, 33.33, 33.34],  # floats, even ones that look right
        ["100.001"],
        ["101", "-1"],
        ["abc"],
        ["NaN"],
        ["Infinity"],
        [None],
    ],
)
def test_shares_that_are_not_exact_numbers_in_range_are_refused(shares):
    refused([{"name": f"H{n}", "share": share} for n, share in enumerate(shares)])


def test_strings_and_integers_are_exact_shares():
    cleaned = clean_rightholders(
        [
            {"name": "A", "share": "33.33"},
            {"name": "B", "share": 33},
            {"name": "C", "share": "33.67"},
        ]
    )
    assert [row["share"] for row in cleaned] == [
        Decimal("33.33"),
        Decimal("33.00"),
        Decimal("33.67"),
    ]


def test_from_1_to_20_rightholders():
    for too_few_or_many in ([], rows([400] * 25)):
        (refusal,) = refused(too_few_or_many)
        assert refusal.code == Code.RIGHTHOLDERS_COUNT and refusal.params == {"max": 20}
    assert len(clean_rightholders(rows([500] * 20))) == 20


def test_names_are_required_and_unique_whatever_the_case_and_spaces():
    (refusal,) = refused([{"name": "  ", "share": "50"}, {"name": "B", "share": "50"}])
    assert (refusal.code, refusal.params) == (Code.NAME_EMPTY, {"n": 1})
    (refusal,) = refused(
        [{"name": "ООО  Ромашка", "share": "50"}, {"name": "ооо ромашка", "share": "50"}]
    )
    assert (refusal.code, refusal.params) == (Code.NAMED_TWICE, {"name": "ооо ромашка"})


def test_every_bad_row_is_reported_at_once():
    refusals = refused([{"name": "", "share": "0"}, {"name": "B"}, {"name": "C", "share": "1.234"}])
    assert [(r.code, r.params["n"]) for r in refusals] == [
        (Code.NAME_EMPTY, 1),
        (Code.SHARE_OUT_OF_RANGE, 1),
        (Code.RIGHTHOLDER_INCOMPLETE, 2),
        (Code.SHARE_PRECISION, 3),
    ]
    assert ValidationError(refusals).messages[0] == "Rightholder 1: the name is empty."


def test_the_hash_of_an_upload_is_read_in_chunks_and_equals_hashlib():
    import hashlib
    import os

    big = os.urandom(3 * 1024 * 1024 + 17)  # several chunks
    assert sha256_of(work_file(big)) == hashlib.sha256(big).hexdigest()
    assert sha256_of(work_file(WORK)) == WORK_SHA256


@pytest.mark.parametrize(
    "pasted",
    [
        WORK_SHA256,
        f"  {WORK_SHA256.upper()}\n",  # PowerShell's Get-FileHash
        f"{WORK_SHA256}  sapphire.pdf",  # a line of sha256sum
        f"{WORK_SHA256} *sapphire one.pdf",  # sha256sum --binary, a name with a space
        " ".join(WORK_SHA256[i : i + 2] for i in range(0, 64, 2)),  # older certutil
    ],
)
def test_a_hash_is_taken_as_the_tools_print_it(pasted):
    assert normalize_sha256(pasted) == WORK_SHA256


@pytest.mark.parametrize("pasted", ["", "  xyz ", "ab" * 31, f"{WORK_SHA256}0", "g" * 64])
def test_anything_else_is_left_for_the_validator_to_refuse(pasted):
    assert normalize_sha256(pasted) == pasted.strip().lower()
