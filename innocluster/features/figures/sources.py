"""The figures the platform's own data gives (the report-based ones are registered by the KPI
reports' app). Each reads another feature only through that feature's selectors."""

from functools import partial

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from innocluster.features.clusters.selectors import joint_project_facts
from innocluster.features.exchange.selectors import awarded_between_participants_facts
from innocluster.features.facilities.selectors import confirmed_booking_facts
from innocluster.features.ipregistry.selectors import registered_facts
from innocluster.features.jobs.selectors import hire_facts
from innocluster.features.pilots.selectors import finished_pilot_facts
from innocluster.features.support.selectors import award_facts, payment_facts
from innocluster.platform.status.choices import StatusKind, StatusState
from innocluster.platform.status.models import Status

from .choices import Kpi, Unit
from .disclosure import Facts
from .registry import FigureSource, register


def _statuses(kind=None):
    statuses = Status.objects.filter(state=StatusState.ACTIVE)
    return statuses.filter(kind=kind) if kind else statuses


def facts_source(code, *, facts: Facts, unit: str, **kwargs) -> FigureSource:
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
    facts=Facts(_statuses, "organization", "granted_on", cumulative=True),
    unit=Unit.ORGANIZATIONS,
    label=_("Participants and partners"),
    methodology=_(
        "Organizations holding an active participant or partner status on the day, from the "
        "public register, counted by the month their status was granted. A status suspended "
        "or revoked since is not counted."
    ),
    source=_("the register of participants and partners"),
    order=5,
)
facts_source(
    "participants",
    facts=Facts(
        partial(_statuses, StatusKind.PARTICIPANT), "organization", "granted_on", cumulative=True
    ),
    unit=Unit.ORGANIZATIONS,
    label=pgettext_lazy("a figure", "Participants"),
    methodology=_(
        "Organizations holding an active participant status on the day, from the public "
        "register, counted by the month their status was granted. A status suspended or "
        "revoked since is not counted."
    ),
    source=_("the register of participants and partners"),
    kpis=(Kpi.PARTICIPANTS_GROWTH,),
    order=10,
)
facts_source(
    "partners",
    facts=Facts(
        partial(_statuses, StatusKind.PARTNER), "organization", "granted_on", cumulative=True
    ),
    unit=Unit.ORGANIZATIONS,
    label=_("Partners"),
    methodology=_(
        "Organizations from other regions holding an active partner status on the day, from "
        "the public register, counted by the month their status was granted."
    ),
    source=_("the register of participants and partners"),
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
    facts=Facts(hire_facts, "application__vacancy__organization", "at"),
    unit=Unit.PEOPLE,
    label=_("People hired through the job board"),
    methodology=_(
        "Applications to vacancies moved to «hired» by the employer, by the day of the hire, "
        "in the employer's group. Jobs reported in the yearly KPI reports are a separate figure."
    ),
    source=_("the job board"),
    kpis=(Kpi.NEW_JOBS,),
    order=30,
)
facts_source(
    "support_awards",
    facts=Facts(award_facts, "organization", "awarded_at"),
    unit=Unit.ITEMS,
    label=_("Support awards"),
    methodology=_("Support awards decided by the fund, by the day of the decision."),
    source=_("support measures"),
    order=40,
)
facts_source(
    "support_awarded_rub",
    facts=Facts(award_facts, "organization", "awarded_at", amount="amount"),
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
