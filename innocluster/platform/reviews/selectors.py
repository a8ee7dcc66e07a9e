"""Reads of review cases, each checked against the caller.

Applicants see their own organization's cases (drafts included); reviewers see every submitted
case of the kinds their role may decide, never anybody's drafts. Anything else is 404.
"""

from django.db.models import QuerySet
from django.http import Http404

from innocluster.platform.organizations.permissions import VIEW_APPLICATIONS
from innocluster.platform.organizations.selectors import user_can

from .kinds import all_kinds
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
        .select_related("organization", "reviewer")
        .order_by("decision_due", "submitted_at", "pk")
    )


def case_get_for_reviewer(*, user, pk) -> Case:
    return _get_or_404(case_queue(user=user), pk)


def case_list_for_organization(*, user, organization) -> QuerySet[Case]:
    if not user_can(user=user, organization=organization, ability=VIEW_APPLICATIONS):
        return Case.objects.none()
    return Case.objects.filter(organization=organization).select_related("organization")


def case_list_for_user(*, user) -> QuerySet[Case]:
    """The cases of every organization the person belongs to."""
    return Case.objects.filter(organization__memberships__user=user).select_related("organization")


def case_get_for_applicant(*, user, pk, kind: str | None = None) -> Case:
    cases = case_list_for_user(user=user) if user.is_authenticated else Case.objects.none()
    if kind:
        cases = cases.filter(kind=kind)
    return _get_or_404(cases, pk)


def case_history(*, case: Case):
    return case.events.select_related("actor")


def _get_or_404(queryset, pk) -> Case:
    try:
        return queryset.get(pk=int(pk))
    except (Case.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
