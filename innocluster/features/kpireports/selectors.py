"""Reads of KPI reporting, each checked against the caller where it depends on one.

For the figures step (the public figures, the fund's dashboard, open data), two reads of the
accepted reports, and nothing else of this app's tables:

    accepted_values(year=2025, codes=["revenue", "exports"])
        → iterator of (organization_id, indicator_code, value: Decimal)
    previous_year_values(year=2025, organization_ids=[…])
        → {organization_id: {indicator_code: Decimal}} of 2024

and, for the figure sources (the figures app groups them in SQL):

    accepted_figure_facts(code="exports")  → AcceptedFigure rows: organization, period_end, value
    accepted_growth_by_year(code="exports", until=day)  → [(year, sum, sum the year before, orgs)]

A value is the figure the fund accepted (roubles to the kopeck, counts whole, percent); for
the countries indicator it is the number of countries, and `accepted_countries` gives the
codes. Only reports the fund accepted count; a report returned with questions does not until
it is accepted.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count, OuterRef, Subquery, Sum
from django.http import Http404

from innocluster.platform.organizations.permissions import APPLY
from innocluster.platform.organizations.selectors import organization_ids_of
from innocluster.platform.status.selectors import status_of

from .figures import is_jump
from .models import AcceptedFigure, Campaign, Indicator, KpiReport, ReportDue
from .services import FILED_STATUSES, LIVE_STATUSES, dues_not_filed


def accepted_values(
    *, year: int, codes: Iterable[str] | None = None
) -> Iterator[tuple[int, str, Decimal]]:
    """(organization_id, indicator_code, value) of every accepted report of `year`, ordered
    by organization and code, streamed (safe for a million rows)."""
    rows = AcceptedFigure.objects.filter(year=year)
    if codes is not None:
        rows = rows.filter(indicator_code__in=list(codes))
    return (
        rows.order_by("organization_id", "indicator_code")
        .values_list("organization_id", "indicator_code", "value")
        .iterator(chunk_size=5000)
    )


def accepted_countries(*, year: int) -> Iterator[tuple[int, list[str]]]:
    """(organization_id, [ISO 3166 codes]) of the export countries accepted for `year`."""
    return (
        AcceptedFigure.objects.filter(year=year)
        .exclude(countries=[])
        .order_by("organization_id")
        .values_list("organization_id", "countries")
        .iterator(chunk_size=5000)
    )


def accepted_figure_facts(*, code: str):
    """The accepted figures of one indicator, as facts: `organization`, `year`, `period_end`
    (the figure's date on a time series) and `value`."""
    return AcceptedFigure.objects.filter(indicator_code=code)


def accepted_growth_by_year(*, code: str, until: date) -> list[tuple[int, Decimal, Decimal, int]]:
    """(year, the sum of `code`, the same organizations' sum the year before, how many) per
    year whose period ended by `until`, over the organizations whose figures of both years were
    accepted: like for like, so an organization joining or leaving does not move the growth."""
    before = AcceptedFigure.objects.filter(
        organization=OuterRef("organization"), indicator_code=code, year=OuterRef("year") - 1
    ).values("value")[:1]
    rows = (
        AcceptedFigure.objects.filter(indicator_code=code, period_end__lte=until)
        .annotate(before=Subquery(before))
        .filter(before__isnull=False)
        .values("year")
        .annotate(now=Sum("value"), then=Sum("before"), orgs=Count("organization"))
        .order_by("year")
    )
    return [(r["year"], r["now"], r["then"], r["orgs"]) for r in rows]


def previous_year_values(
    *, year: int, organization_ids: Iterable[int] | None = None
) -> dict[int, dict[str, Decimal]]:
    """Each organization's accepted figures of the year before `year`."""
    values: dict[int, dict[str, Decimal]] = defaultdict(dict)
    rows = AcceptedFigure.objects.filter(year=year - 1)
    if organization_ids is not None:
        rows = rows.filter(organization_id__in=list(organization_ids))
    for organization_id, code, value in rows.values_list(
        "organization_id", "indicator_code", "value"
    ):
        values[organization_id][code] = value
    return dict(values)


def _previous_stored(organization_id: int, year: int) -> dict:
    """Last year's accepted figures of one organization as a report stores them."""
    rows = AcceptedFigure.objects.filter(organization_id=organization_id, year=year - 1)
    return {row.indicator_code: row.countries or format(row.value.normalize(), "f") for row in rows}


def report_rows(report: KpiReport) -> list[dict]:
    """Each indicator of the report's campaign with this year's figure, last year's, what
    the platform knew, and whether the move from last year is a jump for the reviewer."""
    previous = _previous_stored(report.case.organization_id, report.campaign.year)
    rows = []
    for indicator in report.campaign.indicators():
        value = report.figures.get(indicator.code)
        before = previous.get(indicator.code)
        rows.append(
            {
                "indicator": indicator,
                "value": value,
                "previous": before,
                "prefill": report.prefill.get(indicator.code),
                "jump": is_jump(value, before),
            }
        )
    return rows


def catalogue():
    return Indicator.objects.filter(is_active=True).select_related("part_of")


def campaign_list():
    return Campaign.objects.all()


def campaign_get(*, year) -> Campaign:
    campaign = Campaign.objects.filter(year=year).first() if isinstance(year, int) else None
    if campaign is None:
        raise Http404
    return campaign


def campaign_progress(campaign: Campaign) -> dict[str, int]:
    """How the campaign stands: owed, filed, late, accepted, not filed."""
    reports = KpiReport.objects.filter(campaign=campaign)
    due = ReportDue.objects.filter(campaign=campaign).count()
    filed = reports.filter(case__status__in=FILED_STATUSES)
    return {
        "due": due,
        "drafts": reports.filter(case__status="draft").count(),
        "filed": filed.count(),
        "late": filed.filter(late=True).count(),
        "accepted": reports.filter(case__status="approved").count(),
        "returned": reports.filter(case__status="info_requested").count(),
        "not_filed": dues_not_filed(campaign).count(),
    }


# The register entry's own status change, preset to revocation for a report not filed: the
# administrator decides each there (query of participation:entry).
REVOKE_QUERY = urlencode({"action": "revoked", "grounds": "kpi_report_not_filed"})


def open_campaigns_progress(*, today: date, first: int = 10) -> list[dict]:
    """Each open campaign with its progress, whether its deadline has passed and then the
    `first` organizations that have not filed, each with its status (the fund's dashboard; the
    campaign's page lists them all)."""
    result = []
    for campaign in Campaign.objects.filter(closed_at__isnull=True).order_by("-year"):
        overdue = today > campaign.deadline
        result.append(
            {
                "campaign": campaign,
                "progress": campaign_progress(campaign),
                "overdue": overdue,
                "not_filed": with_status(not_filed(campaign)[:first]) if overdue else [],
            }
        )
    return result


def not_filed(campaign: Campaign):
    """The organizations that owe the campaign a report and have not filed it, each with its
    status (the register number links to the register's own revocation action)."""
    rows = (
        dues_not_filed(campaign)
        .select_related("organization")
        .order_by("organization__short_name", "pk")
    )
    return rows


def with_status(dues) -> list:
    dues = list(dues)
    for due in dues:
        due.status = status_of(organization=due.organization)
    return dues


def dues_of(*, user):
    """The reports the user's organizations owe (they act as owner or editor) in open
    campaigns, each with its live report (or None), newest campaign first."""
    mine = organization_ids_of(user=user, ability=APPLY)
    dues = (
        ReportDue.objects.filter(organization_id__in=mine, campaign__closed_at__isnull=True)
        .select_related("campaign", "organization")
        .order_by("-campaign__year", "organization__short_name")
    )
    dues = list(dues)
    reports = KpiReport.objects.filter(
        case__status__in=LIVE_STATUSES,
        campaign_id__in={due.campaign_id for due in dues},
        case__organization_id__in={due.organization_id for due in dues},
    ).select_related("case")
    by_key = {(r.campaign_id, r.case.organization_id): r for r in reports}
    for due in dues:
        due.report = by_key.get((due.campaign_id, due.organization_id))
    return dues


def reports_of(*, user):
    """Every report of the user's organizations (any member), newest first."""
    mine = organization_ids_of(user=user)
    return (
        KpiReport.objects.filter(case__organization_id__in=mine)
        .select_related("case__organization", "campaign")
        .order_by("-campaign__year", "case__organization__short_name")
    )


def has_dues(*, user) -> bool:
    """Whether any of the user's organizations was ever asked for a report."""
    return ReportDue.objects.filter(organization_id__in=organization_ids_of(user=user)).exists()
