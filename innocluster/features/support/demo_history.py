"""The fund's past in the demo: support awarded over the last three years, each award made as
it would have been, at its moment (core.democlock): an application submitted in that year's
call, taken, scored and approved by a reviewer (the award, its agreement and ledger entry),
the agreement accepted by the organization's owner and a fund administrator (in force, its
schedule on the ledger), and the first tranche paid by the fund (on the ledger). So the public
figures (awards, amounts awarded and paid) have years of history behind them, by month,
region and industry; nothing is written that the services would not write.

Measured on the 2,000-organization demo: about 0.1 s an award (the agreement's PDF drawn, the
rest the services' queries), once the demo's documents, all the same blank page, are checked
by qpdf once (`demo_data` runs in `core.uploads.pdf_checks_remembered`); without that, each
document's check is a process of its own and an award takes 0.5–0.7 s."""

import datetime as dt
import random
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from innocluster.core.calendar import MOSCOW, add_business_days, moscow_date
from innocluster.core.democlock import clock_at
from innocluster.core.errors import DomainError
from innocluster.platform.accounts.choices import StaffRole
from innocluster.platform.accounts.models import User
from innocluster.platform.organizations.models import Membership, Organization
from innocluster.platform.organizations.selectors import first_of_each_organization
from innocluster.platform.reviews import services as reviews
from innocluster.platform.status.selectors import with_active_status

from .awards import services as awards
from .awards.models import Award
from .demo import submit_application
from .eligibility import eligibility
from .models import Call, Measure
from .services.review import grant_score

YEARS = 3  # the calls of the three years before this one, and this year's
# Each year's window for every measure, as the fund opens them (Moscow dates, both included).
WINDOW = ((2, 1), (10, 31))


@dataclass
class HistoryReport:
    calls: int = 0
    awards: int = 0
    payments: int = 0


def build_history(*, seed: int, awards_count: int = 120, keep_free=()) -> HistoryReport:
    """`awards_count` awards decided over the past three years (fewer if not enough
    organizations are eligible), the first tranche of each paid. Once: a database with awards
    already has its history."""
    admin = _staff(StaffRole.ADMIN)
    reviewer = _staff(StaffRole.REVIEWER) or admin
    if admin is None or Award.objects.exists():
        return HistoryReport()
    rng = random.Random(f"support-history-{seed}")
    report = HistoryReport(calls=_past_calls())
    measures = list(Measure.objects.filter(requires_pilot=False).order_by("code"))
    owners = _owners(keep_free=keep_free, count=awards_count * 2)
    # One transaction around the steps: what waits for the commit (the ledger's checkpoint,
    # the notices' tasks) runs after it, at today's time, not inside a step's clock.
    with transaction.atomic():
        for membership, day in zip(owners, _days(rng, len(owners)), strict=True):
            if report.awards == awards_count:
                break
            paid = _award(membership, rng.choice(measures), day, rng, admin, reviewer)
            if paid is not None:
                report.awards += 1
                report.payments += paid
    return report


def _staff(role: str):
    return User.objects.filter(staff_role=role, is_active=True).order_by("pk").first()


def _past_calls() -> int:
    """Every measure's window in each of the past three years and this one (the window open
    now is `demo.build`'s, which may overlap this year's: harmless)."""
    this_year = moscow_date().year
    (open_month, open_day), (close_month, close_day) = WINDOW
    calls = []
    for measure in Measure.objects.prefetch_related("calls"):
        for year in range(this_year - YEARS, this_year + 1):
            opens = dt.date(year, open_month, open_day)
            closes = dt.date(year, close_month, close_day)
            if any(c.opens_on == opens and c.closes_on == closes for c in measure.calls.all()):
                continue
            calls.append(Call(measure=measure, opens_on=opens, closes_on=closes))
    Call.objects.bulk_create(calls)
    return len(calls)


def _owners(*, keep_free, count: int) -> list[Membership]:
    """Owners of organizations with an active status, one each, none of them fund staff nor
    of an organization with fund staff in it (nobody decides on their own company)."""
    staff = User.objects.exclude(staff_role="")
    with_staff = Membership.objects.filter(user__in=staff).values("organization_id")
    active = with_active_status(
        Organization.objects.exclude(pk__in=keep_free).exclude(pk__in=with_staff)
    )
    owners = (
        Membership.objects.filter(role="owner", organization__in=active)
        .exclude(user__in=staff)
        .select_related("organization__cluster_status", "user")
        .order_by("organization_id", "pk")
    )
    return first_of_each_organization(owners, count)


def _days(rng: random.Random, count: int) -> list[dt.date]:
    """Submission days inside the windows, spread over the years, none later than the window
    that leaves time for the decision and the payment before today."""
    today = moscow_date()
    (open_month, open_day), (close_month, close_day) = WINDOW
    latest = today - dt.timedelta(days=75)
    days = []
    while len(days) < count:
        year = today.year - rng.randrange(YEARS + 1)
        first = dt.date(year, open_month, open_day)
        last = min(dt.date(year, close_month, close_day), latest)
        if last < first:
            continue
        day = first + dt.timedelta(days=rng.randrange((last - first).days + 1))
        if day.weekday() < 5:
            days.append(day)
    return sorted(days)  # in the order it happened: case numbers and the ledger follow time


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)), MOSCOW)


def _award(membership, measure, day, rng, admin, reviewer) -> int | None:
    """One application to payment, each step on its day; the number of tranches paid, or None
    if the organization could not apply or the award came to nothing (all rolled back)."""
    organization, owner = membership.organization, membership.user
    if day < organization.cluster_status.granted_on:
        return None  # not yet a participant then
    decided = add_business_days(day, rng.randint(8, 15))
    in_force = add_business_days(decided, rng.randint(3, 10))
    try:
        with transaction.atomic():
            with clock_at(_at(day, 11)):
                if not eligibility(measure=measure, organization=organization).can_apply_now:
                    return None
                application = submit_application(measure, organization, owner, rng)
            with clock_at(_at(decided, 15)):
                _decide(application, reviewer, rng)
            award = Award.objects.get(application=application)
            agreement = award.agreement
            with clock_at(_at(in_force, 12)):
                awards.agreement_accept(agreement=agreement, actor=owner, sha256=agreement.sha256)
            with clock_at(_at(in_force, 16)):
                awards.agreement_accept(agreement=agreement, actor=admin, sha256=agreement.sha256)
            return _pay_first(award, admin, rng)
    except (ValidationError, DomainError):
        return None  # a cap reached, nothing left after the cuts: the services said no


def _decide(application, reviewer, rng: random.Random) -> None:
    case = application.case
    reviews.case_take(case=case, reviewer=reviewer)
    for criterion in application.measure.criteria.all():
        grant_score(
            application=application,
            reviewer=reviewer,
            criterion_id=criterion.pk,
            score=rng.randint(5, 10),
        )
    reviews.case_decide(case=case, reviewer=reviewer, decision="approve")


def _pay_first(award: Award, admin, rng: random.Random) -> int:
    """The first tranche (the advance, or the whole amount) paid when it fell due, if that day
    has come."""
    tranche = award.tranches.order_by("number").first()
    if tranche is None or tranche.due_on >= moscow_date():
        return 0
    with clock_at(_at(tranche.due_on, 14)):
        awards.payment_record(
            tranche=tranche,
            actor=admin,
            paid_on=tranche.due_on,
            reference=f"ПП № {rng.randrange(1000, 99999)}",
        )
    return 1
