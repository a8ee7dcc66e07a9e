import datetime as dt

from django.utils import timezone

from innocluster.features.kpireports import services
from innocluster.features.kpireports.models import Campaign, ReportDue
from innocluster.platform.reviews import services as kit

from ..factories import OrganizationFactory, member_of, with_status
from ..status.helpers import fund_admin

YEAR = 2025
DEADLINE = dt.date(2026, 4, 1)

COMPLETE = {
    "revenue": "1250000.50",
    "revenue_innovative": "250000",
    "headcount": "42",
    "jobs_created": "5",
    "exports": "100000",
    "export_countries": ["KZ", "BY"],
    "rnd_spending": "50000",
    "ip_registered": "1",
    "products_to_market": "2",
    "cooperative_projects": "3",
    "investment_attracted": "0",
}


def the_catalogue() -> None:
    """The starting catalogue of the data migration (a transactional test flushes it)."""
    from importlib import import_module

    from django.apps import apps

    from innocluster.features.kpireports.models import Indicator

    if not Indicator.objects.exists():
        import_module("innocluster.features.kpireports.migrations.0002_starting_catalogue").add(
            apps, None
        )


def a_campaign(year=YEAR, deadline=DEADLINE, actor=None) -> Campaign:
    the_catalogue()
    return services.campaign_open(year=year, deadline=deadline, actor=actor or fund_admin())


def a_participant():
    organization = with_status(OrganizationFactory())
    return organization, member_of(organization, "owner")


def a_report(campaign=None, organization=None, owner=None):
    campaign = campaign or Campaign.objects.first() or a_campaign()
    if organization is None:
        organization, owner = a_participant()
        ReportDue.objects.get_or_create(campaign=campaign, organization=organization)
    return services.report_open(campaign=campaign, organization=organization, actor=owner)


def filled(report, actor, figures=None):
    return kit.submission_update(
        submission=report,
        actor=actor,
        fields={"figures": figures or COMPLETE, "contact_phone": "+7 495 000-00-00"},
    )


def submitted(report=None, actor=None):
    report = report or a_report()
    actor = actor or report.case.created_by
    filled(report, actor)
    kit.case_submit(case=report.case, actor=actor)
    report.refresh_from_db()
    return report


def now_is(monkeypatch, day: dt.date):
    """Make the report's clock (filing, reminders) read `day` in Moscow at noon."""
    from innocluster.features.kpireports import kind

    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(12)), dt.UTC)
    monkeypatch.setattr(kind.timezone, "now", lambda: moment)
