"""The figures: from the platform's own data and from the yearly KPI reports the fund accepted.
Each reads another feature only through that feature's selectors."""

from decimal import Decimal
from functools import partial

from django.db.models import Exists, OuterRef
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from innocluster.features.clusters.selectors import joint_project_facts
from innocluster.features.exchange.selectors import awarded_between_participants_facts
from innocluster.features.facilities.selectors import confirmed_booking_facts
from innocluster.features.ipregistry.selectors import registered_facts
from innocluster.features.jobs.selectors import hire_facts
from innocluster.features.kpireports.selectors import (
    accepted_figure_facts,
    accepted_growth_by_year,
)
from innocluster.features.pilots.selectors import finished_pilot_facts
from innocluster.features.support.selectors import award_facts, payment_facts
from innocluster.platform.status.choices import StatusKind, StatusState
from innocluster.platform.status.models import Status

from .choices import Kpi, Unit
from .disclosure import CATEGORY_DIMENSIONS, Facts, FactsSum, yearly_rates
from .registry import FigureSource, register

REGISTER = _("the register of participants and partners")
REPORTS = _("the yearly KPI reports the fund accepted")
YEARLY = ("by_year", *CATEGORY_DIMENSIONS)  # a report's figures have years, not months
EMPLOYER = "application__vacancy__organization"  # a hire's organization


def _statuses(kind=None):
    statuses = Status.objects.filter(state=StatusState.ACTIVE)
    return statuses.filter(kind=kind) if kind else statuses


def _status_facts(kind=None) -> Facts:
    return Facts(partial(_statuses, kind), "organization", "granted_on", cumulative=True)


def _award_facts(**measure) -> Facts:
    return Facts(award_facts, "organization", "awarded_at", **measure)


def _accepted(code: str) -> Facts:
    """An indicator of the accepted reports, dated by the end of the period reported."""
    facts = partial(accepted_figure_facts, code=code)
    return Facts(facts, "organization", "period_end", amount="value", tables=YEARLY)


def _hires_not_reported():
    """Hires through the job board in the years for which the employer has no accepted report
    giving its jobs created (the report, filled in advance with those hires, stands for them)."""
    reported = accepted_figure_facts(code="jobs_created").filter(
        organization=OuterRef(EMPLOYER), year=OuterRef("_year")
    )
    return hire_facts().alias(_year=ExtractYear("at")).filter(~Exists(reported))


def _export_growth(*, day) -> dict:
    rows = [
        (year, ((now / before - 1) * 100).quantize(Decimal("0.01")), orgs)
        for year, now, before, orgs in accepted_growth_by_year(code="exports", until=day)
        if before
    ]
    return yearly_rates(unit=Unit.PERCENT, rows=rows)


def facts_source(code, *, facts: Facts | FactsSum, unit: str, **kwargs) -> FigureSource:
    return register(
        FigureSource(
            code=code,
            unit=unit,
            compute=partial(facts.compute, unit=unit),
            facts=facts,
            **kwargs,
        )
    )


facts_source(
    "members",
    facts=_status_facts(),
    unit=Unit.ORGANIZATIONS,
    label=_("Participants and partners"),
    methodology=_(
        "Organizations holding an active participant or partner status on the day, from the "
        "public register, counted by the month their status was granted. A status suspended "
        "or revoked since is not counted."
    ),
    source=REGISTER,
    order=5,
)
facts_source(
    "participants",
    facts=_status_facts(StatusKind.PARTICIPANT),
    unit=Unit.ORGANIZATIONS,
    label=pgettext_lazy("a figure", "Participants"),
    methodology=_(
        "Organizations holding an active participant status on the day, from the public "
        "register, counted by the month their status was granted. A status suspended or "
        "revoked since is not counted."
    ),
    source=REGISTER,
    kpis=(Kpi.PARTICIPANTS_GROWTH,),
    order=10,
)
facts_source(
    "partners",
    facts=_status_facts(StatusKind.PARTNER),
    unit=Unit.ORGANIZATIONS,
    label=_("Partners"),
    methodology=_(
        "Organizations from other regions holding an active partner status on the day, from "
        "the public register, counted by the month their status was granted."
    ),
    source=REGISTER,
    kpis=(Kpi.PARTICIPANTS_GROWTH,),
    order=11,
)
facts_source(
    "joint_projects",
    facts=Facts(joint_project_facts, "organization", "project__created_at", count="project_id"),
    unit=Unit.ITEMS,
    label=_("Joint projects of intersectoral clusters"),
    methodology=_(
        "Joint projects recorded by the intersectoral clusters, counted once each by the day "
        "they were recorded; by region, type and industry, a project counts in the group of "
        "each organization taking part."
    ),
    source=_("intersectoral clusters"),
    kpis=(Kpi.COOPERATIVE_PROJECTS,),
    order=20,
)
facts_source(
    "pilots_finished",
    facts=Facts(finished_pilot_facts, "organization", "status_changed_at"),
    unit=Unit.ITEMS,
    label=_("Pilots finished"),
    methodology=_(
        "Pilot tests of products at the city's sites that have finished (with or without a "
        "published result), by the day of their last step, in the group of the company tested."
    ),
    source=_("pilot testing"),
    kpis=(Kpi.COOPERATIVE_PROJECTS,),
    order=21,
)
facts_source(
    "orders_between_participants",
    facts=Facts(awarded_between_participants_facts, "offer__organization", "awarded_at"),
    unit=Unit.ITEMS,
    label=_("Production orders awarded between participants"),
    methodology=_(
        "Production orders of the exchange awarded by an organization with an active status "
        "to a supplier with an active status, by the day of the award, in the supplier's group."
    ),
    source=_("the production exchange"),
    kpis=(Kpi.COOPERATIVE_PROJECTS,),
    order=22,
)
facts_source(
    "hires",
    facts=Facts(hire_facts, EMPLOYER, "at"),
    unit=Unit.PEOPLE,
    label=_("People hired through the job board"),
    methodology=_(
        "Applications to vacancies moved to «hired» by the employer, by the day of the hire, "
        "in the employer's group. The KPI «new jobs» is the figure «New jobs», which adds the "
        "jobs of the yearly KPI reports without counting these hires twice."
    ),
    source=_("the job board"),
    order=31,
)
facts_source(
    "support_awards",
    facts=_award_facts(),
    unit=Unit.ITEMS,
    label=_("Support awards"),
    methodology=_("Support awards decided by the fund, by the day of the decision."),
    source=_("support measures"),
    order=40,
)
facts_source(
    "support_awarded_rub",
    facts=_award_facts(amount="amount"),
    unit=Unit.RUB,
    label=_("Support awarded"),
    methodology=_("The amounts of the support awards, in roubles, by the day of the decision."),
    source=_("support measures"),
    order=41,
)
facts_source(
    "support_paid_rub",
    facts=Facts(payment_facts, "tranche__award__organization", "paid_on", amount="amount"),
    unit=Unit.RUB,
    label=_("Support paid"),
    methodology=_("The tranches of support paid, in roubles, by the day of the payment order."),
    source=_("support measures"),
    order=42,
)
facts_source(
    "ip_registered",
    facts=Facts(registered_facts, "organization", "registered_at"),
    unit=Unit.ITEMS,
    label=_("Intellectual property registered"),
    methodology=_(
        "Objects of intellectual property whose registration is final and on the ledger, by "
        "the day of registration, in the group of the registering organization."
    ),
    source=_("the register of intellectual property"),
    order=50,
)
facts_source(
    "facility_bookings",
    facts=Facts(confirmed_booking_facts, "resource__facility__organization", "starts_at"),
    unit=Unit.ITEMS,
    label=_("Facility bookings"),
    methodology=_(
        "Confirmed bookings of rooms and equipment at the facilities, by the day they start, "
        "in the group of the facility's operator."
    ),
    source=_("facilities"),
    order=60,
)
facts_source(
    "new_jobs",
    facts=FactsSum(
        (_accepted("jobs_created"), Facts(_hires_not_reported, EMPLOYER, "at")), tables=YEARLY
    ),
    unit=Unit.PEOPLE,
    label=_("New jobs"),
    methodology=_(
        "The jobs created in a year as the yearly KPI reports the fund accepted give them, plus "
        "the people hired through the job board by organizations without an accepted report "
        "for that year. A report is filled in advance with the organization's hires through "
        "the job board, which the company confirms or corrects, so where a report was accepted "
        "its figure stands for the year and those hires are not counted again. By the year "
        "reported (a hire: by the day of the hire, Moscow time), in the organization's group."
    ),
    source=_("the yearly KPI reports and the job board"),
    kpis=(Kpi.NEW_JOBS,),
    order=30,
)
facts_source(
    "exports_rub",
    facts=_accepted("exports"),
    unit=Unit.RUB,
    label=_("Exports"),
    methodology=_(
        "The exports of goods and services, in roubles, that the yearly KPI reports accepted "
        "by the fund give, by the year reported, in the reporting organization's group."
    ),
    source=REPORTS,
    order=70,
)
register(
    FigureSource(
        code="export_growth",
        label=_("Export growth"),
        unit=Unit.PERCENT,
        methodology=_(
            "The growth of exports from the year before, in percent, like for like: over the "
            "organizations whose yearly KPI reports of both years the fund accepted, their "
            "exports of the year against their exports of the year before. A year of fewer "
            "than 5 such organizations is not shown. The fund's KPI compares it with the "
            "city's average growth of exports that the fund enters for the year."
        ),
        compute=_export_growth,
        source=REPORTS,
        kpis=(Kpi.EXPORTS_VS_CITY,),
        order=71,
    )
)
