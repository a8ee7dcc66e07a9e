"""The fund's drill-down: the organizations behind a figure, live from the tables (staff only:
this is where the disclosure rule does not apply)."""

from django.db.models import Count, DecimalField, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from .choices import OTHER
from .disclosure import CATEGORY_DIMENSIONS, FactsSum, organizations
from .registry import source_get

LIMIT = 200


def organizations_behind(*, code: str, table: str = "", key: str = ""):
    """Up to LIMIT organizations contributing to figure `code` (largest first), in the group
    `key` of `table` if given; None for an unknown figure, table or a figure without facts.
    «other» is not a group here: the fund sees every group by its own key."""
    source = source_get(code)
    if source is None or source.facts is None:
        return None
    if table and (table not in CATEGORY_DIMENSIONS or not key or key == OTHER):
        return None
    facts = source.facts
    if isinstance(facts, FactsSum):
        return _behind_sum(facts, table, key)
    qs = facts.base(timezone.localdate())
    if table:
        qs = qs.filter(**{facts.lookup(table): key})
    measure = Sum(facts.amount) if facts.amount else Count(facts.count, distinct=True)
    return list(
        qs.values(
            org_id=F(facts.org),
            name=F(f"{facts.org}__short_name"),
            inn=F(f"{facts.org}__inn"),
            region=F(f"{facts.org}__region"),
        )
        .annotate(value=measure)
        .order_by("-value", "org_id")[:LIMIT]
    )


def _behind_sum(facts: FactsSum, table: str, key: str) -> list[dict]:
    """Each organization's value: its parts' values added (one subquery per part)."""
    bases = facts.bases(timezone.localdate())
    found = organizations(bases)
    if table:
        found = found.filter(**{CATEGORY_DIMENSIONS[table]: key})
    number = DecimalField(max_digits=20, decimal_places=2)
    value = Value(0, output_field=number)
    for part, qs in bases:
        own = qs.filter(**{part.org: OuterRef("pk")}).values(part.org).annotate(_v=part.measure())
        value = value + Coalesce(Subquery(own.values("_v")), Value(0), output_field=number)
    return list(
        found.annotate(value=value)
        .values("inn", "region", "value", org_id=F("pk"), name=F("short_name"))
        .order_by("-value", "org_id")[:LIMIT]
    )
