"""The fund's drill-down: the organizations behind a figure, live from the tables (staff only:
this is where the disclosure rule does not apply)."""

from django.db.models import Count, F, Sum
from django.utils import timezone

from .choices import OTHER
from .disclosure import CATEGORY_DIMENSIONS
from .registry import source_get

LIMIT = 200


def organizations_behind(*, code: str, table: str = "", key: str = ""):
    """Up to LIMIT organizations contributing to figure `code` (largest first), in the group
    `key` of `table` if given; None for an unknown figure, table or a figure without facts.
    «other» is not a group here: the fund sees every group by its own key."""
    source = source_get(code)
    if source is None or source.facts is None:
        return None
    facts = source.facts
    qs = facts.base(timezone.localdate())
    if table:
        if table not in CATEGORY_DIMENSIONS or not key or key == OTHER:
            return None
        qs = qs.filter(**{f"{facts.org}__{CATEGORY_DIMENSIONS[table]}": key})
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
