"""The amount rules of a measure, as pure functions over Decimal roubles.

Rounding: the support for an item is its eligible cost times the measure's share, rounded
DOWN to the kopeck (ROUND_DOWN), so the fund never pays more than the share; fixed sums, caps
and amounts are whole kopecks already, so nothing else rounds. Tranches are rounded down too
and the last one takes the remainder, so they add up to the award exactly.

Order of the rules: each item gets its share or fixed sum (never above the item's cost), then
its item cap; the items are summed; then the cap per application, then what is left of the
cap per company per calendar year. Each cap that bites is named in the computation.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from typing import Protocol

from django.utils.translation import gettext as _

from .choices import Origin, RateMode

KOPECK = Decimal("0.01")
ZERO = Decimal("0.00")


class Rule(Protocol):
    category: str
    origin: str
    mode: str
    percent: Decimal | None
    fixed_amount: Decimal | None
    item_cap: Decimal | None


class Item(Protocol):
    description: str
    category: str
    origin: str
    eligible_amount: Decimal


def kopecks(amount: Decimal) -> Decimal:
    return amount.quantize(KOPECK, rounding=ROUND_DOWN)


@dataclass(frozen=True)
class Line:
    description: str
    category: str
    origin: str
    cost: Decimal
    rate: str  # "50%" or "≤ 75 000.00"
    support: Decimal
    capped: bool


@dataclass
class Computation:
    lines: list[Line] = field(default_factory=list)
    subtotal: Decimal = ZERO
    total: Decimal = ZERO
    caps: list[str] = field(default_factory=list)  # each cap that reduced the total, in words
    uncovered: list[str] = field(default_factory=list)  # items no rule covers any more

    def as_json(self) -> dict:
        """What the application keeps: strings for money, so nothing turns into a float."""
        return {
            "lines": [
                {**line.__dict__, "cost": str(line.cost), "support": str(line.support)}
                for line in self.lines
            ],
            "subtotal": str(self.subtotal),
            "total": str(self.total),
            "caps": self.caps,
        }


def rule_for(rules: Iterable[Rule], category: str, origin: str) -> Rule | None:
    """The rule for the exact origin wins over the rule for any origin."""
    matching = [rule for rule in rules if rule.category == category]
    exact = [rule for rule in matching if rule.origin == origin]
    fallback = [rule for rule in matching if rule.origin == Origin.ANY]
    return (exact or fallback or [None])[0]


def item_support(rule: Rule, cost: Decimal) -> tuple[Decimal, bool]:
    """The support for one item and whether its item cap reduced it."""
    if rule.mode == RateMode.SHARE:
        amount = kopecks(cost * rule.percent / 100)
    else:
        amount = min(cost, rule.fixed_amount)
    if rule.item_cap is not None and amount > rule.item_cap:
        return rule.item_cap, True
    return amount, False


def rate_text(rule: Rule) -> str:
    if rule.mode == RateMode.SHARE:
        return f"{rule.percent.normalize():f}%"
    return f"≤ {rule.fixed_amount}"


def compute(
    *,
    rules: Sequence[Rule],
    items: Iterable[Item],
    cap_per_application: Decimal | None,
    yearly_left: Decimal | None,
) -> Computation:
    """The requested amount for `items`. An item no rule covers (a rule the fund removed after
    the item was added) gets nothing and is listed in `uncovered`. `yearly_left` is what the
    company may still receive from the measure this year (None: no yearly cap)."""
    result = Computation()
    for item in items:
        rule = rule_for(rules, item.category, item.origin)
        if rule is None:
            result.uncovered.append(item.description)
            support, capped, rate = ZERO, False, _("not covered by the measure")
        else:
            support, capped = item_support(rule, item.eligible_amount)
            rate = rate_text(rule)
        result.lines.append(
            Line(
                item.description,
                item.category,
                item.origin,
                item.eligible_amount,
                rate,
                support,
                capped,
            )
        )
    result.subtotal = sum((line.support for line in result.lines), ZERO)
    result.total = result.subtotal
    if any(line.capped for line in result.lines):
        result.caps.append(_("the cap per item"))
    if cap_per_application is not None and result.total > cap_per_application:
        result.total = cap_per_application
        result.caps.append(_("cap per application: %(cap)s RUB") % {"cap": cap_per_application})
    if yearly_left is not None and result.total > yearly_left:
        result.total = max(yearly_left, ZERO)
        result.caps.append(
            _("left of the yearly cap for the company: %(left)s RUB") % {"left": result.total}
        )
    return result


def split_into_tranches(
    amount: Decimal, *, advance_percent: Decimal, yearly_tranches: int
) -> list[Decimal]:
    """The advance (if any), then `yearly_tranches` equal parts of the rest (the last takes
    the remainder): always adds up to `amount` exactly, never a negative part."""
    if yearly_tranches == 0:
        return [amount]
    advance = kopecks(amount * advance_percent / 100)
    rest = amount - advance
    part = kopecks(rest / yearly_tranches)
    parts = [part] * (yearly_tranches - 1)
    return [advance] * (advance > 0) + [*parts, rest - part * (yearly_tranches - 1)]
