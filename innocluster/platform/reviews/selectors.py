"""Reads of review cases and their submissions, each checked against the caller.

Applicants see their own cases (their organizations', drafts included, or their own as a
person); reviewers see every submitted case of the kinds their role may decide, never
anybody's drafts. Anything else is 404.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from innocluster.platform.organizations.permissions import VIEW_APPLICATIONS
from innocluster.platform.organizations.selectors import organization_ids_of, user_can

from .kinds import ReviewKind, all_kinds, kind_get
from .models import Case


def reviewable_kinds(*, user) -> list[str]:
    role = getattr(user, "staff_role", "")
    return [kind.code for kind in all_kinds() if role and role in kind.reviewer_roles]


def case_queue(*, user) -> QuerySet[Case]:
    """Every case a reviewer may see, due soonest first; cases without a clock (paused,
    decided) after them."""
    return (
        # Only what was submitted: a draft, or a draft discarded unsubmitted, is the applicant's.
        Case.objects.filter(kind__in=reviewable_kinds(user=user), submitted_at__isnull=False)
        .select_related("organization", "person", "reviewer")
        .order_by("decision_due", "submitted_at", "pk")
    )


# What the queue's rows show of the applicant and the reviewer (reviews/queue.html).
_QUEUE_RELATED_SHOWN = (
    "organization__short_name",
    "organization__inn",
    "person__full_name",
    "person__email",
    "reviewer__full_name",
)


def case_queue_rows(*, user) -> QuerySet[Case]:
    """`case_queue` as its page lists it: each case whole, of its applicant and reviewer only
    what the rows show (issue 18: reading an organization's thirty columns and two people's
    whole rows was a third of the time to read a page of 25)."""
    own = [field.name for field in Case._meta.concrete_fields]
    return case_queue(user=user).only(*own, *_QUEUE_RELATED_SHOWN)


def case_get_for_reviewer(*, user, pk) -> Case:
    return _get_or_404(case_queue(user=user), pk)


def case_list_for_organization(*, user, organization) -> QuerySet[Case]:
    if not user_can(user=user, organization=organization, ability=VIEW_APPLICATIONS):
        return Case.objects.none()
    return Case.objects.filter(organization=organization).select_related("organization")


def case_list_for_user(*, user) -> QuerySet[Case]:
    """The cases of every organization the person belongs to (and of the kinds that let
    other organizations act for a case, the cases those act for: ReviewKind.acting_cases),
    and their own as a person."""
    mine = organization_ids_of(user=user)
    acted_for = Q(organization_id__in=mine)
    for kind in all_kinds():
        if type(kind).acting_cases is not ReviewKind.acting_cases:
            acted_for |= Q(kind=kind.code) & kind.acting_cases(mine)
    return Case.objects.filter(acted_for | Q(person=user)).select_related("organization", "person")


def case_get_for_applicant(*, user, pk, kind: str | None = None) -> Case:
    cases = case_list_for_user(user=user) if user.is_authenticated else Case.objects.none()
    if kind:
        cases = cases.filter(kind=kind)
    return _get_or_404(cases, pk)


def case_history(*, case: Case):
    return case.events.select_related("actor")


def _get_or_404(queryset, pk):
    try:
        return queryset.get(pk=int(pk))
    except (queryset.model.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None


# --- the submission kit: a kind's submissions, by the id of their case --------------------


def submission_list_for_member(*, kind: str, user) -> QuerySet:
    """The submissions of `kind` of the user's organizations and of the user as a person,
    newest first (drafts included)."""
    if not user.is_authenticated:
        return kind_get(kind).model.objects.none()
    cases = case_list_for_user(user=user).filter(kind=kind)
    return (
        kind_get(kind)
        .submission_queryset()
        .filter(case__in=cases.values("pk"))
        .order_by("-case__created_at")
    )


def submission_get_for_member(*, kind: str, user, pk):
    """A submission of the user's organizations or of the user (drafts included), else 404."""
    case = case_get_for_applicant(user=user, pk=pk, kind=kind)
    return _submission_of(kind, case)


def submission_get_for_reviewer(*, kind: str, user, pk):
    """A submitted case's submission to a reviewer of its kind, else 404."""
    case = _get_or_404(case_queue(user=user).filter(kind=kind), pk)
    return _submission_of(kind, case)


def submission_get_for_anyone_entitled(*, kind: str, user, pk):
    """For reading and for documents: the applicant and the fund's reviewers, else 404."""
    try:
        return submission_get_for_member(kind=kind, user=user, pk=pk)
    except Http404:
        return submission_get_for_reviewer(kind=kind, user=user, pk=pk)


def submission_row_get(rows: QuerySet, pk):
    """One of a submission's documents (or other rows) by id, else 404."""
    return _get_or_404(rows, pk)


def _submission_of(kind: str, case: Case):
    submission = kind_get(kind).submission_queryset().filter(case=case).first()
    if submission is None:
        raise Http404
    return submission
