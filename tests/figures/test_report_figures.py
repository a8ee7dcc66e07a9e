"""The figures from the accepted KPI reports: new jobs (reports plus hires through the job board,
a hire never counted twice), exports and their growth like for like, against the city's growth
the fund enters; each under the disclosure rule."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from innocluster.features.figures.choices import Kpi
from innocluster.features.figures.models import ExportGrowth, KpiTarget
from innocluster.features.figures.selectors import snapshot_latest
from innocluster.features.figures.services import snapshot_take
from innocluster.features.figures.views import kpi_rows
from innocluster.features.jobs.models import Application, StageChange
from innocluster.features.kpireports.models import AcceptedFigure
from innocluster.platform.status.models import Status
from tests.factories import OrganizationFactory, UserFactory, with_status
from tests.jobs.helpers import make_vacancy
from tests.kpireports.helpers import a_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    """A report to hang the accepted figures on (the figures read AcceptedFigure only)."""
    return a_report()


def accepted(report, organization, year: int, **figures):
    for code, value in figures.items():
        AcceptedFigure.objects.create(
            organization=organization,
            year=year,
            period_end=dt.date(year, 12, 31),
            indicator_code=code,
            value=Decimal(value),
            report=report,
        )


def hired(organization, count: int, on: dt.date):
    """`count` people hired through the job board by `organization` on `on` (Moscow noon)."""
    if not Status.objects.filter(organization=organization).exists():
        with_status(organization)  # the job board is for participants and partners
    vacancy, _owner = make_vacancy(organization)
    when = timezone.make_aware(dt.datetime.combine(on, dt.time(12)))
    for _ in range(count):
        application = Application.objects.create(
            vacancy=vacancy,
            applicant=UserFactory(),
            consent_at=when,
            consent_version="1",
            stage="hired",
        )
        change = StageChange.objects.create(application=application, stage="hired")
        StageChange.objects.filter(pk=change.pk).update(at=when)


def kpi(published, which, year):
    return next(r for r in kpi_rows(published) if r["kpi"] == which and r["year"] == year)


def test_new_jobs_add_the_reports_and_the_hires_of_those_without_one(report, today):
    reporters = [OrganizationFactory() for _ in range(5)]
    for organization in reporters:
        accepted(report, organization, 2025, jobs_created="10")
    first = reporters[0]
    hired(first, 3, dt.date(2025, 6, 1))  # in its accepted report already: not again
    hired(first, 2, dt.date(2024, 6, 1))  # no report of 2024: counted
    others = [OrganizationFactory() for _ in range(4)]
    for organization in others:
        hired(organization, 1, dt.date(2025, 3, 1))
    snapshot_take(day=today)
    published = snapshot_latest()
    jobs = published.figures["new_jobs"]
    # 5 × 10 reported + 4 hires of those without a report + 2 of the first's year without one;
    # the first organization counted once though it is in both parts
    assert jobs["total"] == {"value": 56, "orgs": 9}
    assert jobs["by_region"] == [{"key": "77", "value": 56, "orgs": 9}]
    # 2024 holds one organization: merged into 2025, so the running total stays exact
    assert jobs["by_year"] == [{"key": "2025-01-01", "value": 56, "orgs": 9}]
    assert jobs["by_month"] == []  # reports have years, not months
    # Every hire is still its own figure, which no longer counts towards the KPI
    assert published.figures["hires"]["total"] == {"value": 9, "orgs": 5}
    assert kpi(published, Kpi.NEW_JOBS, 2025)["figures"] == ["new_jobs"]


def test_new_jobs_of_four_organizations_are_not_shown_and_a_fifth_shows_them(report, today):
    organizations = [OrganizationFactory() for _ in range(4)]
    for organization in organizations:
        accepted(report, organization, 2025, jobs_created="7")
    hired(organizations[0], 1, dt.date(2025, 5, 5))  # the same organization: still four
    snapshot_take(day=today)
    assert snapshot_latest().figures["new_jobs"]["total"] is None
    assert snapshot_latest().figures["new_jobs"]["by_region"] == []
    hired(OrganizationFactory(), 1, dt.date(2025, 5, 5))
    snapshot_take(day=today + dt.timedelta(days=1))
    assert snapshot_latest().figures["new_jobs"]["total"] == {"value": 29, "orgs": 5}


def test_exports_and_their_growth_like_for_like_against_the_city(report, today):
    for _ in range(6):
        accepted(report, OrganizationFactory(), 2024, exports="100")
    panel = AcceptedFigure.objects.filter(year=2024).values_list("organization_id", flat=True)
    for organization_id in list(panel):
        AcceptedFigure.objects.create(
            organization_id=organization_id,
            year=2025,
            period_end=dt.date(2025, 12, 31),
            indicator_code="exports",
            value=Decimal("110"),
            report=report,
        )
    accepted(report, OrganizationFactory(), 2025, exports="1000")  # new: not in the growth
    ExportGrowth.objects.create(year=2025, percent=Decimal("4.80"))
    KpiTarget.objects.create(kpi=Kpi.EXPORTS_VS_CITY, year=2025, target=Decimal("5"))
    snapshot_take(day=today)
    published = snapshot_latest()
    exports = published.figures["exports_rub"]
    assert exports["total"] == {"value": 2260, "orgs": 7}
    assert exports["by_year"] == [
        {"key": "2024-01-01", "value": 600, "orgs": 6},
        {"key": "2025-01-01", "value": 1660, "orgs": 7},
    ]
    growth = published.figures["export_growth"]
    assert growth["by_year"] == [{"key": "2025-01-01", "value": 10, "orgs": 6}]
    assert growth["total"] == {"value": 10, "orgs": 6}
    row = kpi(published, Kpi.EXPORTS_VS_CITY, 2025)
    # 10 % against the city's 4.8 %: 5.2 percentage points above, the target of 5 met
    assert round(float(row["actual"].replace(",", ".")), 1) == 5.2 and row["met"] is True


def test_a_growth_of_four_organizations_is_not_shown(report, today):
    for _ in range(4):
        organization = OrganizationFactory()
        accepted(report, organization, 2024, exports="100")
        accepted(report, organization, 2025, exports="150")
    for _ in range(3):  # more exporters, but not reporting both years
        accepted(report, OrganizationFactory(), 2025, exports="10")
    ExportGrowth.objects.create(year=2025, percent=Decimal("4.80"))
    snapshot_take(day=today)
    published = snapshot_latest()
    assert published.figures["export_growth"]["total"] is None
    assert published.figures["export_growth"]["by_year"] == []
    assert kpi(published, Kpi.EXPORTS_VS_CITY, 2025)["actual"] == "—"


def test_the_fund_drills_down_to_each_organizations_new_jobs(client, report, today):
    reporters = [OrganizationFactory(short_name=f"ООО «Рабочие {n}»") for n in range(5)]
    for organization in reporters:
        accepted(report, organization, 2025, jobs_created="10")
    hired(reporters[0], 3, dt.date(2025, 6, 1))
    hired(reporters[1], 2, dt.date(2024, 6, 1))
    client.force_login(UserFactory(staff_role="reviewer"))
    response = client.get("/en/figures/fund/new_jobs/?table=by_region&key=77")
    rows = {row["org_id"]: row["value"] for row in response.context["rows"]}
    assert rows[reporters[0].pk] == 10 and rows[reporters[1].pk] == 12
    assert len(rows) == 5
