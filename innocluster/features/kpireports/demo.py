"""Demo KPI reports: the campaign of three years ago with the reports of the organizations
whose later two are accepted too (so the export growth has two years to show, like for like),
the campaign of the year before last with its reports accepted (so last year's figures stand
beside this year's), and last year's campaign with reports at every
stage — drafts, filed in time and late, in review, returned with questions, accepted — and
participants that have not filed. Made through the services and the kit's steps, as people
would; only the filing moments of last year's reports are set back before the deadline (the
demo is loaded after it), as they would have been."""

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from innocluster.core.calendar import MOSCOW, moscow_date
from innocluster.platform.accounts.choices import StaffRole
from innocluster.platform.accounts.models import User
from innocluster.platform.organizations.choices import MemberRole
from innocluster.platform.organizations.models import Membership
from innocluster.platform.reviews import services as kit

from . import services
from .models import Campaign, KpiReport, ReportDue

STAGES = ("draft", "in_time", "late", "in_review", "returned", "accepted")


@dataclass
class KpiDemoReport:
    campaigns: int = 0
    reports: int = 0
    not_filed: int = 0


def build(*, seed: int, first=None, per_stage: int = 4, accepted_more: int = 4) -> KpiDemoReport:
    """`first`: the demo tour's participant: its report of the year before last is accepted,
    and last year's is left for its owner to open (filled from the platform at that moment).
    `accepted_more` organizations more have all three years accepted, like the accepted stage:
    the export growth is shown for a year of at least 5 such organizations (figures.sources)."""
    admin = User.objects.filter(staff_role=StaffRole.ADMIN, is_active=True).first()
    reviewer = User.objects.filter(staff_role=StaffRole.REVIEWER, is_active=True).first() or admin
    if admin is None:
        return KpiDemoReport()
    rng = random.Random(seed)
    year = moscow_date().year - 1
    report = KpiDemoReport()
    if Campaign.objects.filter(year__in=(year - 2, year - 1, year)).exists():
        return KpiDemoReport()  # loaded once: a second run adds organizations, not campaigns
    oldest = services.campaign_open(
        year=year - 2, deadline=dt.date(year - 1, 4, 1), actor=admin, announce=False
    )
    earlier = services.campaign_open(
        year=year - 1, deadline=dt.date(year, 4, 1), actor=admin, announce=False
    )
    latest = services.campaign_open(
        year=year, deadline=dt.date(year + 1, 4, 1), actor=admin, announce=False
    )
    report.campaigns = 3
    staged = per_stage * len(STAGES)
    owners = _owners(latest, first, count=staged + accepted_more)
    for number, (organization, owner) in enumerate(owners):
        tour = first is not None and organization.pk == first.pk
        stage = STAGES[number % len(STAGES)] if number < staged else "accepted"
        base = _figures(rng)
        if stage == "accepted" and not tour:
            _accepted(oldest, organization, owner, _grown(base, rng, jump=False), reviewer)
            report.reports += 1
        _accepted(earlier, organization, owner, base, reviewer)
        report.reports += 1
        if tour:
            continue  # the tour's participant opens last year's report itself, filled then
        figures = _grown(base, rng, jump=number % 5 == 0)
        _report(latest, organization, owner, figures, stage, reviewer)
        report.reports += 1
    report.not_filed = services.dues_not_filed(latest).count()
    return report


def _owners(campaign, first, *, count: int):
    dues = ReportDue.objects.filter(campaign=campaign).order_by("organization_id")
    ids = list(dues.values_list("organization_id", flat=True)[: count * 2])
    if first is not None and dues.filter(organization=first).exists():
        ids = [first.pk, *(pk for pk in ids if pk != first.pk)]
    memberships = Membership.objects.filter(
        organization_id__in=ids, role=MemberRole.OWNER
    ).select_related("organization", "user")
    owner_of = {}
    for membership in memberships.order_by("created_at", "id"):
        owner_of.setdefault(membership.organization_id, membership)
    staff = User.objects.exclude(staff_role="")
    reviewers = set(staff.values_list("pk", flat=True))
    # Nobody decides on their own organization's report: leave the staff's organizations out.
    ids = [
        pk
        for pk in ids
        if not Membership.objects.filter(organization_id=pk, user__in=staff).exists()
    ]
    chosen = [
        (owner_of[pk].organization, owner_of[pk].user)
        for pk in ids
        if pk in owner_of and owner_of[pk].user_id not in reviewers
    ]
    return chosen[:count]


def _figures(rng) -> dict:
    revenue = Decimal(rng.randrange(5_000_000, 900_000_000))
    headcount = rng.randrange(5, 400)
    return {
        "revenue": f"{revenue:.2f}",
        "revenue_innovative": f"{revenue * Decimal(rng.randrange(5, 60)) / 100:.2f}",
        "headcount": str(headcount),
        "jobs_created": str(rng.randrange(0, max(headcount // 5, 2))),
        "exports": f"{revenue * Decimal(rng.randrange(0, 30)) / 100:.2f}",
        "export_countries": rng.sample(["KZ", "BY", "AM", "UZ", "CN", "IN", "AE", "TR"], 2),
        "rnd_spending": f"{revenue * Decimal(rng.randrange(2, 20)) / 100:.2f}",
        "ip_registered": str(rng.randrange(0, 6)),
        "products_to_market": str(rng.randrange(0, 4)),
        "cooperative_projects": str(rng.randrange(0, 5)),
        "investment_attracted": f"{Decimal(rng.randrange(0, 50_000_000)):.2f}",
    }


def _grown(figures: dict, rng, *, jump: bool) -> dict:
    grown = dict(figures)
    for code in ("revenue", "exports", "rnd_spending", "investment_attracted"):
        factor = Decimal(rng.randrange(85, 140)) / 100
        grown[code] = f"{Decimal(figures[code]) * factor:.2f}"
    grown["revenue_innovative"] = f"{Decimal(grown['revenue']) * Decimal('0.3'):.2f}"
    if jump:  # a figure the reviewer sees flagged
        grown["headcount"] = str(int(figures["headcount"]) * 4)
    return grown


def _fill(campaign, organization, owner, figures):
    report = services.report_open(campaign=campaign, organization=organization, actor=owner)
    return kit.submission_update(
        submission=report,
        actor=owner,
        fields={"figures": figures, "contact_phone": owner.phone or "+7 495 123-45-67"},
    )


def _accepted(campaign, organization, owner, figures, reviewer):
    report = _fill(campaign, organization, owner, figures)
    kit.case_submit(case=report.case, actor=owner)
    _filed_on(report, campaign.deadline - dt.timedelta(days=20))
    kit.case_decide(case=report.case, reviewer=reviewer, decision="approve")


def _report(campaign, organization, owner, figures, stage, reviewer):
    report = _fill(campaign, organization, owner, figures)
    if stage == "draft":
        return
    kit.case_submit(case=report.case, actor=owner)
    late = stage == "late"
    days = -9 if late else 15
    _filed_on(report, campaign.deadline - dt.timedelta(days=days))
    if stage in ("in_review", "returned", "accepted"):
        kit.case_take(case=report.case, reviewer=reviewer)
    if stage == "returned":
        reason = "Численность выросла вчетверо: подтвердите документом или исправьте."
        kit.case_decide(case=report.case, reviewer=reviewer, decision="request_info", reason=reason)
    if stage == "accepted":
        kit.case_decide(case=report.case, reviewer=reviewer, decision="approve")


def _filed_on(report: KpiReport, day: dt.date) -> None:
    """The demo is loaded after the deadline: the moment of filing as it would have been."""
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(11)), MOSCOW)
    with transaction.atomic():
        KpiReport.objects.filter(pk=report.pk).update(
            filed_at=moment, late=day > report.campaign.deadline
        )
