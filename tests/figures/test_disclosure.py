"""The disclosure rule: no published number is made of fewer than 5 organizations, and a small
group cannot be recovered by subtracting the published groups from the total."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from innocluster.features.figures.choices import OTHER, THRESHOLD
from innocluster.features.figures.disclosure import protect_groups, protect_periods
from innocluster.features.figures.selectors import snapshot_latest
from innocluster.features.figures.services import snapshot_take

from .conftest import members


def _orgs_of(groups):
    """For the pure function: each group's organizations are distinct ids, as in a partition."""
    ids, start = {}, 0
    for key, _value, orgs in groups:
        ids[key] = set(range(start, start + orgs))
        start += orgs
    return ids


def _counter(ids):
    return lambda keys: len(set().union(*(ids[k] for k in keys)))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=12), min_size=1, max_size=8))
def test_every_published_group_holds_five_and_other_hides_the_small_ones(sizes):
    # Given groups of a partition (each organization in one group), value = 10 × organizations
    groups = [(f"g{i}", size * 10, size) for i, size in enumerate(sizes)]
    ids = _orgs_of(groups)
    # When protected
    published = protect_groups(groups, _counter(ids))
    total_orgs = sum(sizes)
    if total_orgs < THRESHOLD:
        assert published == []
        return
    # Then every published group, «other» included, is made of 5 organizations or more
    assert all(g["orgs"] >= THRESHOLD for g in published)
    # and no group under 5 is published under its own key
    shown = {g["key"] for g in published if g["key"] != OTHER}
    assert all(size >= THRESHOLD for key, _v, size in groups if key in shown)
    # and the total minus the published groups is «other» (≥ 5 organizations), never a small
    # group alone
    rest = sum(v for k, v, _o in groups) - sum(g["value"] for g in published if g["key"] != OTHER)
    other = [g for g in published if g["key"] == OTHER]
    assert rest == (other[0]["value"] if other else 0)


def test_a_lone_small_group_is_merged_with_the_smallest_published_one():
    # Given 7 organizations in Moscow, 6 in the Moscow region and 3 in Krasnodar
    groups = [("77", 7, 7), ("50", 6, 6), ("23", 3, 3)]
    published = protect_groups(groups, _counter(_orgs_of(groups)))
    # Then Krasnodar's 3 cannot be read as total − 77 − 50: the Moscow region joins «other»
    assert published == [
        {"key": "77", "value": 7, "orgs": 7},
        {"key": OTHER, "value": 9, "orgs": 9},
    ]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=9), min_size=1, max_size=14))
def test_periods_merge_forward_and_running_totals_stay_exact(sizes):
    periods = [(f"2025-{i + 1:02d}-01", size, size) for i, size in enumerate(sizes) if size]
    ids = _orgs_of(periods)
    published = protect_periods(periods, _counter(ids))
    assert all(p["orgs"] >= THRESHOLD for p in published)
    # The running total at each published label is the true one at that period.
    running = 0
    for period in published:
        running += period["value"]
        assert running == sum(v for k, v, _o in periods if k <= period["key"])
    if published:
        assert running == sum(v for _k, v, _o in periods)


@pytest.mark.django_db
def test_the_snapshot_merges_a_small_region_and_a_small_figure_is_not_published(today):
    # Given 7 participants in Moscow, 6 partners in the Moscow region, 3 in Krasnodar
    members(7, region="77")
    members(6, region="50")
    members(3, region="23")
    # When the day's figures are computed
    snapshot_take(day=today)
    figures = snapshot_latest().figures
    # Then by region only Moscow is shown; the Krasnodar 3 are inside «other» with the 6
    assert figures["members"]["total"] == {"value": 16, "orgs": 16}
    assert figures["members"]["by_region"] == [
        {"key": "77", "value": 7, "orgs": 7},
        {"key": OTHER, "value": 9, "orgs": 9},
    ]
    # and partners (9) are shown in all, but by region all together: the Moscow region's 6
    # alone would give away Krasnodar's 3
    assert figures["partners"]["total"]["value"] == 9
    assert figures["partners"]["by_region"] == [{"key": OTHER, "value": 9, "orgs": 9}]
    # and a figure of fewer than 5 organizations (no awards at all here) is not published
    assert figures["support_awards"]["total"] is None
    assert figures["support_awards"]["by_region"] == []


@pytest.mark.django_db
def test_a_figure_of_four_organizations_publishes_nothing(today):
    members(4, region="77")
    snapshot_take(day=today)
    figure = snapshot_latest().figures["members"]
    assert figure["total"] is None
    assert all(figure[t] == [] for t in ("by_month", "by_year", "by_region", "by_industry"))


def test_money_is_added_exactly():
    groups = [("a", "0.10", 5), ("b", "0.20", 2), ("c", "0.30", 3)]
    published = protect_groups(groups, _counter(_orgs_of(groups)))
    assert Decimal(published[-1]["value"]) == Decimal("0.50")


def test_exports_against_the_citys_growth():
    from innocluster.features.figures.registry import growth_over_city_rule

    data = {"export_growth": {"2025": "4.80"}}
    # 10 % growth (the export growth figure's year) against the city's 4.8 %: 5.2 p.p. above
    assert round(growth_over_city_rule([("export_growth", 10)], data, 2025), 2) == 5.2
    # unknown while the city's growth or the year's growth (fewer than 5) is not there
    assert growth_over_city_rule([("export_growth", 10)], data, 2024) is None
    assert growth_over_city_rule([("export_growth", None)], data, 2025) is None


@pytest.mark.django_db
def test_the_job_sends_the_same_statements_whatever_the_number_of_rows(today):
    """GROUP BY in the database: the statements do not grow with the organizations."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from innocluster.features.figures.models import Snapshot

    def statements() -> int:
        Snapshot.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            snapshot_take(day=today)
        return len(queries.captured_queries)

    members(6)
    statements()  # the first snapshot meets the ledger's one-time set-up
    six = statements()
    members(24)
    assert statements() == six


@pytest.mark.django_db
def test_a_features_figure_counts_its_facts_and_merges_a_small_month(today):
    """IP registered: read through the IP register's selector, by month and region."""
    from datetime import timedelta

    from django.utils import timezone

    from innocluster.features.ipregistry.models import IPObject
    from tests.factories import OrganizationFactory

    def register(organization, when, state="registered"):
        IPObject.objects.create(
            organization=organization,
            title="Программа для ЭВМ",
            kind="software",
            work_sha256=f"{IPObject.objects.count():064x}",
            state=state,
            registered_at=when if state == "registered" else None,
        )

    earlier = timezone.now() - timedelta(days=40)
    for _ in range(6):
        register(OrganizationFactory(region="77"), earlier)
    for _ in range(2):  # two organizations of the Moscow region, two objects each, this month
        organization = OrganizationFactory(region="50")
        register(organization, timezone.now())
        register(organization, timezone.now())
    register(OrganizationFactory(region="77"), timezone.now(), state="pending")  # not counted
    snapshot_take(day=today)
    figure = snapshot_latest().figures["ip_registered"]
    assert figure["total"] == {"value": 10, "orgs": 8}
    # This month's 2 organizations are merged into the month before, relabelled to this month,
    # so the running total at the label is exact and the pair is never alone
    assert figure["by_month"] == [{"key": today.replace(day=1).isoformat(), "value": 10, "orgs": 8}]
    assert figure["by_region"] == [{"key": OTHER, "value": 10, "orgs": 8}]
