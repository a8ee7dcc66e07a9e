"""Reads of the catalogue and of grant applications, each checked against the caller."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404

from innocluster.core.querycache import cached_objects
from innocluster.platform.organizations.permissions import APPLY
from innocluster.platform.organizations.selectors import abilities_of, organization_list_for_member
from innocluster.platform.reviews import selectors as reviews
from innocluster.platform.reviews.choices import AWAITING_FUND
from innocluster.platform.status.selectors import status_of

from .eligibility import Eligibility, eligibility
from .models import Call, GrantApplication, Measure
from .services.applications import CASE_KIND


def measure_list():
    """The published catalogue, with what eligibility and the pages read prefetched."""
    return eligibility_list().prefetch_related("cost_rules", "required_documents", "criteria")


def eligibility_list():
    """The published catalogue with what `eligibility` reads prefetched (the industries and
    the application windows) and nothing more: "measures for me" shows no other rule."""
    return catalogue_list().prefetch_related("industries")


def catalogue_list():
    """The published catalogue as its page lists it: each measure with its application
    windows, in order, and none of its other rules, which the cards do not show (issue 18:
    their four prefetches were a sixth of the page's CPU)."""
    return (
        Measure.objects.filter(is_published=True)
        .prefetch_related(Prefetch("calls", queryset=Call.objects.order_by("opens_on")))
        .order_by("level", "title_ru")
    )


def measure_get(*, pk) -> Measure:
    try:
        return measure_list().get(pk=int(pk))
    except (Measure.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def pilot_measures(*, organization) -> list[Eligibility]:
    """The published measures an application to which refers to a pilot ("pilot testing"),
    each with whether `organization` may apply now: a pilot's page offers them."""
    measures = eligibility_list().filter(requires_pilot=True)
    return [eligibility(measure=measure, organization=organization) for measure in measures]


@dataclass
class MeasuresFor:
    """The catalogue sorted for one organization."""

    organization: object
    now: list[Eligibility] = field(default_factory=list)
    one_step: list[Eligibility] = field(default_factory=list)
    not_now: list[Eligibility] = field(default_factory=list)


def measures_for(*, organization) -> MeasuresFor:
    """Measures it can apply to now; those it could after one step of its own; the rest,
    each with every criterion shown met or unmet (and a closed call counts as 'not now')."""
    status = status_of(organization=organization)
    result = MeasuresFor(organization=organization)
    # The published catalogue is everyone's: read from the query cache (its rules and windows
    # change seldom; the organization's own facts are checked against it below, never cached).
    for measure in cached_objects(eligibility_list()):
        found = eligibility(measure=measure, organization=organization, status=status)
        if found.can_apply_now:
            result.now.append(found)
        elif found.one_step_away and found.open_call:
            result.one_step.append(found)
        else:
            result.not_now.append(found)
    return result


def applying_organizations(*, user) -> list:
    """The user's organizations on whose behalf they may apply (for the pages to show: an
    application's writes check the ability themselves). Read from the query cache, keyed by
    the user, until a write to an organization, a membership or an industry (issue 18)."""
    if not user.is_authenticated:
        return []
    mine = organization_list_for_member(user=user).prefetch_related("industries")
    return [
        organization
        for organization in cached_objects(mine)
        if APPLY in abilities_of(user=user, role=organization.my_role)
    ]


def application_queryset():
    """Grant applications with what their pages and API read."""
    return GrantApplication.objects.select_related(
        "case__organization", "case__person", "measure", "call"
    ).prefetch_related("items", "documents__requirement", "measure__cost_rules")


def application_get_for_member(*, user, pk) -> GrantApplication:
    """An application of one of the user's organizations (drafts included), else 404."""
    return reviews.submission_get_for_member(kind=CASE_KIND, user=user, pk=pk)


def application_get_for_reviewer(*, user, pk) -> GrantApplication:
    return reviews.submission_get_for_reviewer(kind=CASE_KIND, user=user, pk=pk)


def application_get_for_anyone_entitled(*, user, pk) -> GrantApplication:
    return reviews.submission_get_for_anyone_entitled(kind=CASE_KIND, user=user, pk=pk)


def application_for_review(case) -> GrantApplication:
    """The application as a reviewer's case page shows it: with each criterion's score, the
    weighted score and the amount on the costs accepted so far."""
    from .services.applications import application_computation
    from .services.review import weighted_score

    application = application_queryset().get(case=case)
    scores = {score.criterion_id: score for score in application.scores.all()}
    application.score_rows = [
        (criterion, scores.get(criterion.pk)) for criterion in application.measure.criteria.all()
    ]
    application.weighted_score = weighted_score(application)
    # While the fund decides: the amount on what is accepted so far. After the decision the
    # award's own computation is shown (recomputing would count the award against itself).
    awaiting = application.case.status in AWAITING_FUND
    application.accepted_computation = (
        application_computation(application, year=application.cap_year) if awaiting else None
    )
    return application


def awards_received(*, organization_id: int, start, end) -> tuple:
    """The number and the sum of the awards the organization received in [start, end): what
    its yearly KPI report is filled with."""
    from decimal import Decimal

    from django.db.models import Count, Sum

    from .awards.models import Award

    totals = Award.objects.filter(
        organization_id=organization_id, awarded_at__gte=start, awarded_at__lt=end
    ).aggregate(count=Count("pk"), amount=Sum("amount"))
    return totals["count"], totals["amount"] or Decimal("0")


def award_facts():
    """The fund's figures and open data (features/figures): every support award, with its
    organization, measure, amount and time. Awards are public (each is on the ledger)."""
    from .awards.models import Award

    return Award.objects.all()


def payment_facts():
    """The fund's figures and open data: every tranche paid, with the award's organization."""
    from .awards.models import Payment

    return Payment.objects.all()
