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
- A rate per year (export growth, in percent): a year of fewer than 5 organizations is left
  out, not merged, as rates do not add up.
Not guarded: differences between two tabulations of the same figure (by region against by type)
and between two days' snapshots; the fund's dashboard (staff only) shows organizations.

Everything is GROUP BY in the database: the rows reaching Python are one per group.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import partial

from django.db.models import Count, F, Q, Sum
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


PERIODS = {"by_month": TruncMonth, "by_year": TruncYear}
TABLES = (*PERIODS, *CATEGORY_DIMENSIONS)


def tabulate(*, unit: str, cumulative: bool, total: tuple, rows, orgs_in, tables=TABLES) -> dict:
    """A figure from its total (value, orgs) and, for each of `tables`, `rows(table)` — groups
    (key, value, orgs) — and `orgs_in(table, keys)`, the distinct organizations of several
    groups; each table protected by the rule (periods merged forward, groups into «other»).
    Nothing but the null total when the total counts fewer than THRESHOLD organizations."""
    figure = {"unit": unit, "cumulative": cumulative, "total": protect_total(*total)}
    for table in TABLES:
        if figure["total"] is None or table not in tables:
            figure[table] = []
            continue
        protect = protect_periods if table in PERIODS else protect_groups
        figure[table] = protect(list(rows(table)), partial(orgs_in, table))
    return figure


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
    tables: tuple = TABLES  # yearly facts (the KPI reports) have no months

    def base(self, day: date):
        end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min), MOSCOW)
        return self.queryset().filter(**{f"{self.at}__lt": end, f"{self.org}__isnull": False})

    def measure(self):
        if self.amount:
            return Sum(self.amount)
        return Count(self.count, distinct=True)

    def total(self, qs) -> tuple:
        total = qs.aggregate(v=self.measure(), o=Count(self.org, distinct=True))
        return _number(total["v"]), total["o"]

    def rows(self, qs, table: str) -> list[tuple]:
        """The groups (key, value, orgs) of one table, in the order of their keys."""
        key = PERIODS[table](self.at) if table in PERIODS else F(self.lookup(table))
        rows = (
            qs.annotate(_k=key)
            .values("_k")
            .annotate(_v=self.measure(), _o=Count(self.org, distinct=True))
            .order_by("_k")
            .values_list("_k", "_v", "_o")
        )
        return [(_key(k), _number(v), o) for k, v, o in rows]

    def lookup(self, table: str) -> str:
        return f"{self.org}__{CATEGORY_DIMENSIONS[table]}"

    def condition(self, table: str, keys: list) -> Q:
        """The facts of the groups `keys` of `table`."""
        if table not in PERIODS:
            return _in_keys(self.lookup(table), keys)
        start, end = date.fromisoformat(min(keys)), date.fromisoformat(max(keys))
        end = (
            date(end.year + 1, 1, 1)
            if table == "by_year"
            else (end.replace(day=28) + timedelta(days=4)).replace(day=1)
        )
        start, end = (
            timezone.make_aware(datetime.combine(d, time.min), MOSCOW) for d in (start, end)
        )
        return Q(**{f"{self.at}__gte": start, f"{self.at}__lt": end})

    def orgs_where(self, qs, condition: Q) -> int:
        return qs.filter(condition).aggregate(n=Count(self.org, distinct=True))["n"]

    def compute(self, *, day: date, unit: str = "") -> dict:
        qs = self.base(day)
        return tabulate(
            unit=unit,
            cumulative=self.cumulative,
            total=self.total(qs),
            rows=partial(self.rows, qs),
            orgs_in=lambda table, keys: self.orgs_where(qs, self.condition(table, keys)),
            tables=self.tables,
        )


@dataclass(frozen=True)
class FactsSum:
    """A figure made of several kinds of facts added together (new jobs: those the accepted
    reports give, and hires through the job board where no report was accepted). Values add
    up; an organization is counted once across the parts (the organizations' table, asked
    once per table). The parts must never hold the same organization in the same month or
    year: then a period's organizations are the parts' added (the sources see to it)."""

    parts: tuple[Facts, ...]
    tables: tuple = TABLES

    def bases(self, day: date) -> list[tuple[Facts, object]]:
        return [(part, part.base(day)) for part in self.parts]

    def compute(self, *, day: date, unit: str = "") -> dict:
        bases = self.bases(day)
        total = (_sum(part.total(qs)[0] for part, qs in bases), organizations(bases).count())
        return tabulate(
            unit=unit,
            cumulative=False,
            total=total,
            rows=partial(self._rows, bases),
            orgs_in=lambda table, keys: organizations(bases, table, keys).count(),
            tables=self.tables,
        )

    def _rows(self, bases, table: str) -> list[tuple]:
        values, orgs = defaultdict(list), defaultdict(int)
        for part, qs in bases:
            for key, value, count in part.rows(qs, table):
                values[key].append(value)
                orgs[key] += count
        if table in CATEGORY_DIMENSIONS:  # an organization may be in several parts
            dimension = CATEGORY_DIMENSIONS[table]
            grouped = (
                organizations(bases)
                .values(dimension)
                .annotate(_o=Count("pk", distinct=True))
                .order_by()
            )
            orgs = {_key(row[dimension]): row["_o"] for row in grouped}
        keys = sorted(values, key=lambda k: (k is None, k or ""))
        return [(key, _sum(values[key]), orgs.get(key, 0)) for key in keys]


def organizations(bases, table: str = "", keys=()):
    """The organizations behind any of the parts' facts (in the groups `keys` of `table`): one
    IN over the UNION of the parts' organizations, which the database hashes once (an OR of
    subqueries, or an EXISTS per organization, is probed for each of a million)."""
    from innocluster.platform.organizations.models import Organization

    ids = [
        (qs.filter(part.condition(table, list(keys))) if table else qs).order_by().values(part.org)
        for part, qs in bases
    ]
    return Organization.objects.filter(pk__in=ids[0].union(*ids[1:]))


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
    """A figure from grouped rows another app computed: `total` is (value, orgs), the groups
    (key, value, orgs); `orgs_in(dimension, keys)` counts the distinct organizations of several
    groups ("year" or "region": needed to merge small ones)."""
    given = {"by_year": ("year", by_year), "by_region": ("region", by_region)}
    return tabulate(
        unit=unit,
        cumulative=False,
        total=total,
        rows=lambda table: given[table][1],
        orgs_in=lambda table, keys: orgs_in(given[table][0], keys),
        tables=tuple(given),
    )


def yearly_rates(*, unit: str, rows) -> dict:
    """A figure of a rate per year (a growth in percent) from rows (year, value, orgs): a year
    made of fewer than THRESHOLD organizations is left out, not merged (rates do not add up);
    the total is the latest year published."""
    shown = [
        {"key": f"{year}-01-01", "value": _number(value), "orgs": orgs}
        for year, value, orgs in rows
        if orgs >= THRESHOLD
    ]
    empty = {table: [] for table in TABLES}
    total = {"value": shown[-1]["value"], "orgs": shown[-1]["orgs"]} if shown else None
    return {**empty, "unit": unit, "cumulative": False, "total": total, "by_year": shown}
