"""The payment schedule's rules: amounts to the kopeck, and the dates."""

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from innocluster.core.calendar import add_business_days
from innocluster.features.support.awards import schedule
from innocluster.features.support.awards.pdf import long_date, rub
from innocluster.features.support.money import split_into_tranches

amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999999999.99"), places=2)
percents = st.decimals(min_value=Decimal("0"), max_value=Decimal("100"), places=2)
tranche_counts = st.integers(min_value=0, max_value=10)


@given(amount=amounts, advance=percents, yearly=tranche_counts)
def test_tranches_sum_to_the_award_exactly_and_none_is_negative(amount, advance, yearly):
    parts = split_into_tranches(amount, advance_percent=advance, yearly_tranches=yearly)
    assert sum(parts) == amount
    assert all(part >= 0 for part in parts)
    assert all(part == part.quantize(Decimal("0.01")) for part in parts)
    assert len(parts) in (yearly, yearly + 1, 1)


@given(amount=amounts, advance=percents, yearly=tranche_counts)
def test_the_plan_pays_the_award_in_positive_numbered_tranches(amount, advance, yearly):
    planned = schedule.plan(amount, advance_percent=advance, yearly_tranches=yearly)
    assert sum(t.amount for t in planned) == amount
    assert all(t.amount > 0 for t in planned)
    assert [t.number for t in planned] == list(range(1, len(planned) + 1))
    periods = [t.period for t in planned]
    assert periods == sorted(set(periods)) and all(0 <= p <= yearly for p in periods)


def test_a_quarter_in_advance_then_three_yearly_tranches():
    planned = schedule.plan(Decimal("100.00"), advance_percent=Decimal(25), yearly_tranches=3)
    assert [(t.period, t.amount) for t in planned] == [
        (0, Decimal("25.00")),
        (1, Decimal("25.00")),
        (2, Decimal("25.00")),
        (3, Decimal("25.00")),
    ]


def test_without_an_advance_every_tranche_waits_for_its_report():
    planned = schedule.plan(Decimal("100.00"), advance_percent=Decimal(0), yearly_tranches=3)
    assert [t.period for t in planned] == [1, 2, 3]
    assert [t.amount for t in planned] == [Decimal("33.33"), Decimal("33.33"), Decimal("33.34")]


def test_all_in_advance_leaves_no_empty_tranches():
    planned = schedule.plan(Decimal("100.00"), advance_percent=Decimal(100), yearly_tranches=2)
    assert [(t.number, t.period, t.amount) for t in planned] == [(1, 0, Decimal("100.00"))]


def test_dates_count_from_the_day_the_agreement_came_into_force():
    planned = schedule.plan(Decimal("100.00"), advance_percent=Decimal(25), yearly_tranches=1)
    advance, yearly = schedule.dated(planned, in_force_on=dt.date(2026, 12, 25))
    # 10 business days after Friday 25 December, past the New Year holidays (1–11 January)
    assert advance.due_on == dt.date(2027, 1, 19) and advance.report_due_on is None
    assert yearly.report_due_on == dt.date(2027, 12, 25)
    # … and its tranche 10 business days after that (the 2028 calendar is not decreed yet)
    assert yearly.due_on == add_business_days(dt.date(2027, 12, 25), 10) > dt.date(2028, 1, 8)


def test_an_anniversary_of_29_february_falls_on_28_february():
    assert schedule.anniversary(dt.date(2028, 2, 29), 1) == dt.date(2029, 2, 28)
    assert schedule.anniversary(dt.date(2028, 2, 29), 4) == dt.date(2032, 2, 29)


def test_amounts_and_dates_read_the_russian_way():
    assert rub(Decimal("1234567.8")) == "1\u00a0234\u00a0567,80"
    assert rub(Decimal("0.05")) == "0,05"
    assert long_date(dt.date(2026, 3, 3)) == "«03» марта 2026 г."
