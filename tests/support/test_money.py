"""The amount rules as properties: never above a cap, never negative, tranches exact."""

from dataclasses import dataclass
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from innocluster.features.support.money import compute, item_support, kopecks, split_into_tranches

D = Decimal
money = st.decimals(min_value=D("0.01"), max_value=D("999999999.99"), places=2)
percent = st.decimals(min_value=D("0"), max_value=D("100"), places=2)
caps = st.none() | money


@dataclass
class Rule:
    category: str = "equipment"
    origin: str = "any"
    mode: str = "share"
    percent: Decimal | None = D("50")
    fixed_amount: Decimal | None = None
    item_cap: Decimal | None = None


@dataclass
class Item:
    eligible_amount: Decimal
    description: str = "станок"
    category: str = "equipment"
    origin: str = "domestic"


@given(st.lists(money, min_size=1, max_size=8), percent, caps, caps, caps)
def test_the_total_is_never_above_any_cap_nor_negative(amounts, share, item_cap, per_app, left):
    rule = Rule(percent=share, item_cap=item_cap)
    result = compute(
        rules=[rule],
        items=[Item(a) for a in amounts],
        cap_per_application=per_app,
        yearly_left=left,
    )
    assert result.total >= 0
    assert result.total <= result.subtotal <= sum(amounts)
    assert per_app is None or result.total <= per_app
    assert left is None or result.total <= max(left, 0)
    for line in result.lines:
        assert 0 <= line.support <= line.cost
        assert item_cap is None or line.support <= item_cap
        assert line.support == line.support.quantize(D("0.01"))


@given(money, percent)
def test_a_share_rounds_down_to_the_kopeck(cost, share):
    support, _capped = item_support(Rule(percent=share), cost)
    exact = cost * share / 100
    assert support <= exact < support + D("0.01")


@given(money, money)
def test_a_fixed_sum_never_exceeds_the_cost(cost, fixed):
    support, _capped = item_support(Rule(mode="fixed", percent=None, fixed_amount=fixed), cost)
    assert support == min(cost, fixed)


@given(money, percent, st.integers(min_value=0, max_value=10))
def test_tranches_add_up_to_the_award_exactly(amount, advance, years):
    parts = split_into_tranches(amount, advance_percent=advance, yearly_tranches=years)
    assert sum(parts) == amount
    assert all(part >= 0 for part in parts)
    assert all(part == kopecks(part) for part in parts)


def test_the_equipment_example_to_the_kopeck():
    # 50% of 1,000,000.01 domestic = 500,000.00 (half a kopeck dropped); 35% of 333.33 imported
    # = 116.6655 → 116.66.
    rules = [Rule(origin="domestic", percent=D("50")), Rule(origin="imported", percent=D("35"))]
    items = [Item(D("1000000.01")), Item(D("333.33"), origin="imported")]
    result = compute(rules=rules, items=items, cap_per_application=None, yearly_left=None)
    assert [line.support for line in result.lines] == [D("500000.00"), D("116.66")]
    assert result.total == D("500116.66")


def test_the_import_substitution_schedule():
    assert split_into_tranches(D("1000000.00"), advance_percent=D("25"), yearly_tranches=3) == [
        D("250000.00"), D("250000.00"), D("250000.00"), D("250000.00"),
    ]  # fmt: skip
    assert split_into_tranches(D("100.00"), advance_percent=D("25"), yearly_tranches=3) == [
        D("25.00"), D("25.00"), D("25.00"), D("25.00"),
    ]  # fmt: skip
    assert split_into_tranches(D("0.10"), advance_percent=D("25"), yearly_tranches=3) == [
        D("0.02"), D("0.02"), D("0.02"), D("0.04"),
    ]  # fmt: skip
