"""The payment schedule of an award, as pure functions: which tranches, how much, and when.

The amounts come from `money.split_into_tranches` (they add up to the award to the kopeck).
A part of zero (an advance of 100% leaves nothing for the yearly tranches; a tiny award split
in three) is dropped: nothing is paid, so no report needs to release it.

The dates count from the day the agreement came into force (Moscow):
- the advance falls due 10 business days after that day;
- the report of the k-th year falls due on the k-th anniversary of that day (29 February
  becomes 28 February in a common year), and the tranche it releases 10 business days after
  the report's due date.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from innocluster.core.calendar import add_business_days

from ..money import split_into_tranches

PAYMENT_BUSINESS_DAYS = 10


@dataclass(frozen=True)
class Planned:
    number: int  # 1, 2, … in the order they are paid
    period: int  # 0: the advance; k: the tranche of the k-th year, after its report
    amount: Decimal


@dataclass(frozen=True)
class Dated:
    planned: Planned
    due_on: dt.date
    report_due_on: dt.date | None  # None for the advance


def plan(amount: Decimal, *, advance_percent: Decimal, yearly_tranches: int) -> list[Planned]:
    """The tranches of `amount` in paying order, none of them zero, summing to `amount`."""
    parts = split_into_tranches(
        amount, advance_percent=advance_percent, yearly_tranches=yearly_tranches
    )
    # split_into_tranches leaves out an advance of zero: then every part is a yearly one.
    has_advance = yearly_tranches == 0 or len(parts) == yearly_tranches + 1
    first = 0 if has_advance else 1
    periods = range(first, first + len(parts))
    kept = [(period, part) for period, part in zip(periods, parts, strict=True) if part > 0]
    return [Planned(n, period, part) for n, (period, part) in enumerate(kept, start=1)]


def anniversary(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February, in a year without one
        return day.replace(year=day.year + years, day=28)


def dated(planned: list[Planned], *, in_force_on: dt.date) -> list[Dated]:
    """Each tranche with its due date (and its report's), counted from `in_force_on`."""
    result = []
    for tranche in planned:
        if tranche.period == 0:
            due = add_business_days(in_force_on, PAYMENT_BUSINESS_DAYS)
            result.append(Dated(tranche, due, None))
        else:
            report_due = anniversary(in_force_on, tranche.period)
            due = add_business_days(report_due, PAYMENT_BUSINESS_DAYS)
            result.append(Dated(tranche, due, report_due))
    return result
