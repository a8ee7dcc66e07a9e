"""Figures from facts, aggregated in SQL and protected by the disclosure rule.

The rule: no published number is made of fewer than THRESHOLD (5) organizations.
- A figure whose total counts fewer than 5 organizations is not published at all (null).
- By region and by organization type (each organization in exactly one group): a group of
  fewer than 5 is merged into «other»; if «other» then holds fewer than 5 organizations, the
  smallest published groups join it until it holds 5 or more (complementary suppression). So
  the total minus the published groups gives «other», never a small group: what a group of
  fewer than 5 contributes is always mixed with at least 5 organizations in all.
- By industry (an organization may have several): each published group has 5 or more
  organizations and «other» is merged the same way, but as groups overlap, the total minus the
  groups is not a group; differences between overlapping industries are not guarded against.
- By month and by year: a period with fewer than 5 organizations is merged into the following
  ones until the merged period holds 5 (it is labelled by its last period), a tail is merged
  into the last published period (relabelled to the latest). The running total at every
  published label is therefore exact, and the difference of two published labels is always
  made of 5 or more organizations.
Not guarded: differences between two tabulations of the same figure (by region against by type)
and between two days' snapshots; the fund's dashboard (staff only) shows organizations.

Everything is GROUP BY in the database: the rows reaching Python are one per group.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth, TruncYear
from django.utils import timezone

from innocluster.core.schedule import MOSCOW

from .choices import OTHER, THRESHOLD

CATEGORY_DIMENSIONS = {
    "by_region": "region",
    "by_org_type": "org_type",
    "by_industry": "industries__slug",
}


def _number(value):
    """JSON-safe and exact: whole numbers as int, money as a string with its kopecks."""
    if value is None:
        return 0
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    return value


def _key(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    return value.isoformat() if isinstance(value, date) else str(value)


@dataclass(frozen=True)
class Facts:
    """Facts of a figure: a queryset and where, from its rows, the organization, the date and
    the measure are. The figure counts distinct `count` values, or sums `amount`."""

    queryset: Callable  # () -> QuerySet
    org: str  # lookup of the organization: "organization", "offer__organization"
    at: str  # lookup of the date or time
    count: str = "pk"
    amount: str | None = None
    cumulative: bool = False  # a stock (participants) rather than a flow (payments)

    def base(self, day: date):
        end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min), MOSCOW)
        return self.queryset().filter(**{f"{self.at}__lt": end, f"{self.org}__isnull": False})

    def _measure(self):
        if self.amount:
            return Sum(self.amount)
        return Count(self.count, distinct=True)

    def _grouped(self, qs, key) -> list[tuple]:
        rows = (
            qs.annotate(_k=key)
            .values("_k")
            .annotate(_v=self._measure(), _o=Count(self.org, distinct=True))
            .order_by("_k")
            .values_list("_k", "_v", "_o")
        )
        return [(_key(k), _number(v), o) for k, v, o in rows]

    def orgs_where(self, qs, condition: Q) -> int:
        return qs.filter(condition).aggregate(n=Count(self.org, distinct=True))["n"]

    def compute(self, *, day: date, unit: str = "") -> dict:
        from django.db.models import F

        qs = self.base(day)
        total = qs.aggregate(v=self._measure(), o=Count(self.org, distinct=True))
        figure = {
            "unit": unit,
            "cumulative": self.cumulative,
            "total": protect_total(_number(total["v"]), total["o"]),
        }
        for name, trunc in (("by_month", TruncMonth), ("by_year", TruncYear)):
            rows = self._grouped(qs, trunc(self.at))
            figure[name] = protect_periods(
                rows, lambda keys, t=trunc: self._orgs_in_periods(qs, t, keys)
            )
        for name, dimension in CATEGORY_DIMENSIONS.items():
            lookup = f"{self.org}__{dimension}"
            rows = self._grouped(qs, F(lookup))
            figure[name] = protect_groups(
                rows, lambda keys, lk=lookup: self.orgs_where(qs, _in_keys(lk, keys))
            )
        if figure["total"] is None:  # nothing at all for fewer than 5 organizations
            for name in ("by_month", "by_year", *CATEGORY_DIMENSIONS):
                figure[name] = []
        return figure

    def _orgs_in_periods(self, qs, trunc, keys: list[str]) -> int:
        start = date.fromisoformat(min(keys))
        end = date.fromisoformat(max(keys))
        end = (
            date(end.year + 1, 1, 1)
            if trunc is TruncYear
            else (end.replace(day=28) + timedelta(days=4)).replace(day=1)
        )
        start, end = (
            timezone.make_aware(datetime.combine(d, time.min), MOSCOW) for d in (start, end)
        )
        return self.orgs_where(qs, Q(**{f"{self.at}__gte": start, f"{self.at}__lt": end}))


def _in_keys(lookup: str, keys: list) -> Q:
    condition = Q(**{f"{lookup}__in": [k for k in keys if k is not None]})
    if None in keys:
        condition |= Q(**{f"{lookup}__isnull": True})
    return condition


def protect_total(value, orgs: int) -> dict | None:
    return {"value": value, "orgs": orgs} if orgs >= THRESHOLD else None


def _add(a, b):
    if isinstance(a, str) or isinstance(b, str):
        return str(Decimal(str(a)) + Decimal(str(b)))
    return a + b


def _sum(values):
    result = 0
    for value in values:
        result = _add(result, value)
    return _number(Decimal(result)) if isinstance(result, str) else result


def protect_groups(rows: list[tuple], orgs_in: Callable[[list], int]) -> list[dict]:
    """Groups (key, value, orgs) of one tabulation, the small ones merged into «other» (see
    the module's rule). `orgs_in(keys)` counts the distinct organizations of several groups
    (one SQL query). The published groups come first, largest value first; «other» last."""
    shown = [r for r in rows if r[0] is not None and r[2] >= THRESHOLD]
    hidden = [r for r in rows if r not in shown]
    shown.sort(key=lambda r: (Decimal(str(r[1])), r[2]), reverse=True)
    while hidden:
        orgs = orgs_in([r[0] for r in hidden])
        if orgs >= THRESHOLD:
            break
        if not shown:  # everything together is under the threshold: nothing is published
            return []
        hidden.append(shown.pop())  # the smallest published group joins «other»
    result = [{"key": k, "value": v, "orgs": o} for k, v, o in shown]
    if hidden:
        value = _sum(r[1] for r in hidden)
        result.append({"key": OTHER, "value": value, "orgs": orgs})
    return result


def protect_periods(rows: list[tuple], orgs_in: Callable[[list], int]) -> list[dict]:
    """Periods (key, value, orgs) in order, a small one merged with the following ones (see the
    module's rule); each published period is labelled by its last period."""
    buckets: list[tuple[list[tuple], int]] = []  # (the periods merged, their organizations)
    pending: list[tuple] = []
    for row in rows:
        pending.append(row)
        if len(pending) == 1:
            orgs = row[2]
        elif sum(r[2] for r in pending) >= THRESHOLD:
            orgs = orgs_in([r[0] for r in pending])
        else:
            continue
        if orgs >= THRESHOLD:
            buckets.append((pending, orgs))
            pending = []
    if pending and buckets:  # the tail joins the last published period, relabelled
        periods, _orgs = buckets.pop()
        periods = periods + pending
        buckets.append((periods, orgs_in([r[0] for r in periods])))
    return [
        {"key": periods[-1][0], "value": _sum(r[1] for r in periods), "orgs": orgs}
        for periods, orgs in buckets
    ]


def figure(*, unit: str, total: tuple, by_year=(), by_region=(), orgs_in=None) -> dict:
    """A figure from grouped rows another app computed (e.g. accepted KPI reports):
    `total` is (value, orgs), the groups (key, value, orgs); `orgs_in(dimension, keys)` counts
    the distinct organizations of several groups (needed to merge small ones)."""
    return {
        "unit": unit,
        "cumulative": False,
        "total": protect_total(*total),
        "by_month": [],
        "by_year": protect_periods(list(by_year), lambda keys: orgs_in("year", keys)),
        "by_region": protect_groups(list(by_region), lambda keys: orgs_in("region", keys)),
        "by_org_type": [],
        "by_industry": [],
    }
