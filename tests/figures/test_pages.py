"""The public figures page, a figure's methodology and history, the snapshot's proof and the
fund's dashboard."""

import hashlib
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innocluster.features.figures.models import KpiTarget, Snapshot
from innocluster.features.figures.services import snapshot_take
from innocluster.platform.accounts.choices import StaffRole
from innocluster.platform.ledger.selectors import entries_for_subject
from tests.factories import UserFactory

from .conftest import members

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapshot(today):
    members(8, region="77", org_type="manufacturer")
    members(6, region="50")
    return snapshot_take(day=today)


def test_the_snapshot_hash_is_on_the_ledger_and_a_day_is_never_replaced(snapshot, today):
    # The stored body is what was hashed, and the ledger holds that hash
    assert hashlib.sha256(snapshot.body.encode()).hexdigest() == snapshot.sha256
    entry = entries_for_subject(subject=snapshot.ledger_subject, kind="figures.snapshot").get()
    assert snapshot.sha256 in entry.data
    # A second snapshot of the same day is refused and changes nothing
    with pytest.raises(ValidationError) as refused:
        snapshot_take(day=today)
    assert refused.value.code == "figures_snapshot_exists"
    assert Snapshot.objects.get().sha256 == snapshot.sha256


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_page_reads_the_snapshot_only_and_draws_accessible_svg(client, snapshot, prefix):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{prefix}/figures/")
    assert response.status_code == 200
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    # Never the raw tables: the snapshot and the ledger's entry only
    for table in ("status_status", "organizations_organization", "support_award"):
        assert table not in sql
    html = response.content.decode()
    svgs = re.findall(r"<svg [^>]*class=\"pygal-chart\"[^>]*>", html)
    assert len(svgs) >= 3
    assert all('role="img"' in svg and "aria-label=" in svg for svg in svgs)
    assert "<script" not in html.split("<main", 1)[1].split("</main>")[0]
    assert "cdn" not in html.lower() and "kozea.github.io" not in html
    assert snapshot.sha256 in html
    assert "<title>" in html.split('class="pygal-chart"', 1)[1][:1000]


def test_russian_numbers_and_words(client, snapshot):
    html = client.get("/figures/").content.decode()
    assert "Участники и партнёры" in html or "Участники" in html
    assert "Москва" in html  # the region's name, not its code


def test_each_table_downloads_as_csv(client, snapshot):
    response = client.get("/en/figures/members/by_region.csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert text.splitlines()[0] == "key,label,value,running_total"
    assert "77,Moscow,8" in text


def test_a_figure_has_its_methodology_and_history(client, snapshot):
    html = client.get("/en/figures/members/").content.decode()
    assert 'id="methodology"' in html and 'id="history"' in html
    assert snapshot.day.strftime("%Y-%m-%d") in html


def test_the_snapshot_downloads_exactly_as_hashed(client, snapshot):
    response = client.get(f"/figures/snapshots/{snapshot.day.isoformat()}.json")
    assert hashlib.sha256(response.content).hexdigest() == snapshot.sha256


def test_figures_before_any_snapshot_are_a_404(client, snapshot):
    assert client.get("/en/figures/?on=2000-01-01").status_code == 404
    assert client.get("/en/figures/?on=yesterday").status_code == 404
    assert client.get("/en/figures/nonsense/").status_code == 404


def test_the_chart_stylesheet_is_served_from_our_address(client):
    response = client.get("/figures/charts.css")
    assert response["Content-Type"].startswith("text/css")
    assert ".pygal-chart" in response.content.decode()


def test_the_fund_dashboard_is_staff_only(client, snapshot, today):
    person = UserFactory()
    client.force_login(person)
    assert client.get("/en/figures/fund/").status_code == 404
    assert client.get("/en/figures/fund/members/").status_code == 404
    reviewer = UserFactory(staff_role=StaffRole.REVIEWER)
    KpiTarget.objects.create(kpi="participants_growth", year=today.year, target=10)
    client.force_login(reviewer)
    html = client.get("/en/figures/fund/").content.decode()
    assert "growth in participants and partners" in html.lower()
    entry = entries_for_subject(subject=snapshot.ledger_subject, kind="figures.snapshot").get()
    assert f"ledger entry #{entry.index}" in html  # the snapshot's proof, as on the public page
    targets = client.get("/en/figures/fund/targets/").content.decode()
    assert ">10<" in targets and "10.00" not in targets  # a count, not a price
    drill = client.get("/en/figures/fund/members/?table=by_region&key=77").content.decode()
    assert drill.count("/organizations/") >= 8
    assert client.get("/en/figures/fund/members/?table=by_region&key=other").status_code == 404


@pytest.mark.parametrize(
    ("language", "value", "shown"),
    [
        ("ru", "1343290529.34000", "1,3 миллиарда"),  # as the snapshot stores it: a string
        ("en", "1343290529.34", "1.3 billion"),
        ("ru", "10500000000", "10,5 миллиардов"),
        ("ru", 999999, "999\xa0999"),  # under a million: every digit, grouped
        ("ru", None, "—"),
    ],
)
def test_a_headline_past_a_million_is_in_words(language, value, shown):
    """Ten digits overflowed a headline card («1 343 290 529» cut at its edge)."""
    from django.utils import translation

    from innocluster.features.figures.present import headline_number

    with translation.override(language):
        assert headline_number(value, "rub") == shown
