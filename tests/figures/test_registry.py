"""The registry: the daily job, and a figure source another app registers (as the KPI reports
will: jobs from reports) reaching the snapshot, the page and the fund's KPIs."""

from datetime import timedelta

import pytest
from django.utils.translation import gettext_lazy

from innocluster.core.schedule import jobs
from innocluster.features.figures import registry
from innocluster.features.figures.choices import Kpi, Unit
from innocluster.features.figures.disclosure import figure
from innocluster.features.figures.models import KpiTarget, Snapshot
from innocluster.features.figures.selectors import snapshot_latest
from innocluster.features.figures.services import snapshot_take
from innocluster.features.figures.tasks import figures_daily_snapshot
from innocluster.features.figures.views import kpi_rows
from innocluster.platform.ledger.selectors import entries_for_subject
from tests.factories import UserFactory

from .conftest import members

pytestmark = pytest.mark.django_db


def test_the_daily_job_publishes_yesterday_once(today):
    assert "figures.daily_snapshot" in {job.name for job in jobs()}
    members(5)
    figures_daily_snapshot.call()
    figures_daily_snapshot.call()  # a retry after success changes nothing
    snapshot = Snapshot.objects.get()
    assert snapshot.day == today - timedelta(days=1)
    assert entries_for_subject(subject=snapshot.ledger_subject).count() == 1


@pytest.fixture
def reported_jobs():
    """A report-based figure as the lead will register it: already grouped rows."""

    def compute(*, day):
        return figure(
            unit=Unit.PEOPLE,
            total=(120, 6),
            by_year=[(f"{day.year}-01-01", 120, 6)],
            by_region=[("77", 100, 5), ("50", 20, 1)],
            orgs_in=lambda dimension, keys: sum({"77": 5, "50": 1}.get(k, 6) for k in keys),
        )

    source = registry.FigureSource(
        code="jobs_reported",
        label=gettext_lazy("Jobs created (KPI reports)"),
        unit=Unit.PEOPLE,
        methodology=gettext_lazy("From the accepted yearly KPI reports."),
        compute=compute,
        kpis=(Kpi.NEW_JOBS,),
    )
    registry.register(source)
    yield source
    registry._SOURCES.pop("jobs_reported")


def test_a_registered_source_reaches_the_snapshot_the_page_and_the_kpis(
    client, reported_jobs, today
):
    members(5)
    snapshot_take(day=today)
    figure_data = snapshot_latest().figures["jobs_reported"]
    # The one organization of the Moscow region is not published on its own: with Moscow's
    # 5 it makes «other», and Moscow alone is not published beside a total of 120 either
    assert figure_data["by_region"] == [{"key": "other", "value": 120, "orgs": 6}]
    assert "Jobs created (KPI reports)" in client.get("/en/figures/").content.decode()
    KpiTarget.objects.create(kpi=Kpi.NEW_JOBS, year=today.year, target=100)
    row = next(
        r
        for r in kpi_rows(snapshot_latest())
        if r["kpi"] == Kpi.NEW_JOBS and r["year"] == today.year
    )
    assert row["met"] is True  # 120 reported (+ no new jobs of the platform's) against 100
    assert row["figures"] == ["new_jobs", "jobs_reported"]


def test_another_source_under_a_taken_code_is_refused(reported_jobs):
    with pytest.raises(ValueError):
        registry.register(
            registry.FigureSource(
                code="jobs_reported", label="x", unit="", methodology="", compute=lambda **k: {}
            )
        )


def test_the_page_before_any_snapshot_says_so(client):
    response = client.get("/en/figures/")
    assert response.status_code == 200
    assert "No figures have been published yet" in response.content.decode()
    staff = UserFactory(staff_role="admin")
    client.force_login(staff)
    assert client.get("/en/figures/fund/").status_code == 200
