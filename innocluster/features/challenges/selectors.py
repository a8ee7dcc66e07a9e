"""Reads that depend on who asks. What the caller may not see is a 404, never a 403.

- Challenges are public.
- An entry, before the submissions deadline: only the people of its organizations (the
  leading one and the co-applicants). Nobody else, the poster and the fund included.
- After the deadline, also the poster's owners and editors, fund staff, and the evaluators it
  is assigned to; after the results, everyone when the challenge made entries public.
- The evaluation board: the poster's owners and editors and fund staff, after the deadline.
"""

from math import isqrt

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from innocluster.core.filters import id_or_none
from innocluster.platform.organizations import selectors as organizations
from innocluster.platform.organizations.models import Organization
from innocluster.platform.organizations.permissions import EDIT_PROFILE
from innocluster.platform.status.selectors import with_active_status

from .choices import POSTER_TYPES, Stage
from .models import Assignment, Challenge, Entry, Evaluator, Score

# Owners and editors act for their organization (the roles that may edit its profile).
ACTING = EDIT_PROFILE


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def is_fund_staff(user) -> bool:
    return _authenticated(user) and bool(getattr(user, "is_fund_staff", False))


def organization_ids_of(user, ability=None) -> set[int]:
    """The organizations `user` belongs to (with ACTING: acts for), as a set."""
    return set(organizations.organization_ids_of(user=user, ability=ability))


def challenge_list():
    return (
        Challenge.objects.select_related("organization")
        .annotate(entry_count=Count("entries", distinct=True))
        .order_by("-submissions_until", "-pk")
    )


def challenge_get(*, pk) -> Challenge:
    try:
        return Challenge.objects.select_related("organization").get(pk=pk)
    except (Challenge.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def is_poster_person(*, user, challenge) -> bool:
    return challenge.organization_id in organization_ids_of(user, ACTING)


def may_run(*, user, challenge) -> bool:
    """The poster's owners and editors and fund staff assign, see the board and decide."""
    return is_fund_staff(user) or is_poster_person(user=user, challenge=challenge)


def posting_organizations(*, user):
    """The organizations `user` may post challenges for."""
    ids = organization_ids_of(user, ACTING)
    return Organization.objects.filter(pk__in=ids, org_type__in=POSTER_TYPES).order_by("short_name")


def entering_organizations(*, user):
    """The organizations `user` may submit an entry for: owner or editor, active participant."""
    ids = organization_ids_of(user, ACTING)
    organizations = Organization.objects.filter(pk__in=ids).order_by("short_name")
    return with_active_status(organizations, kinds=("participant",))


def _entries():
    return Entry.objects.select_related("challenge__organization", "organization").prefetch_related(
        "partners__organization", "documents"
    )


def entry_list_visible(*, user, challenge):
    """The entries of `challenge` that `user` may open, by the rules above."""
    entries = _entries().filter(challenge=challenge)
    stage = challenge.stage()
    if stage == Stage.DECIDED and challenge.entries_public:
        return entries
    mine = organization_ids_of(user)
    own = Q(organization_id__in=mine) | Q(partners__organization_id__in=mine)
    if stage == Stage.OPEN:
        return entries.filter(own).distinct() if mine else entries.none()
    if may_run(user=user, challenge=challenge):
        return entries
    if not _authenticated(user):
        return entries.none()
    return entries.filter(own | Q(assignments__evaluator__user=user)).distinct()


def entry_get_visible(*, user, pk) -> Entry:
    pk = id_or_none(pk)
    try:
        entry = Entry.objects.select_related("challenge").get(pk=pk)
    except (Entry.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    try:
        return entry_list_visible(user=user, challenge=entry.challenge).get(pk=pk)
    except Entry.DoesNotExist:
        raise Http404 from None


def entry_get_own(*, user, pk) -> Entry:
    """An entry one of whose organizations `user` acts for (owner or editor), any time."""
    pk = id_or_none(pk)  # "null,null" from a URL is no id: a 404, not a ValueError's 500
    ids = organization_ids_of(user, ACTING)
    entry = (
        _entries()
        .filter(pk=pk)
        .filter(Q(organization_id__in=ids) | Q(partners__organization_id__in=ids))
        .distinct()
        .first()
    )
    if entry is None:
        raise Http404
    return entry


def is_entrant_person(*, user, entry) -> bool:
    return bool(entry.organization_ids() & organization_ids_of(user))


def assignment_get(*, user, entry) -> Assignment:
    """`user`'s assignment to `entry`, after the deadline; 404 when not assigned."""
    if entry.challenge.is_open() or not _authenticated(user):
        raise Http404
    try:
        return Assignment.objects.select_related("evaluator", "entry__challenge").get(
            entry=entry, evaluator__user=user
        )
    except Assignment.DoesNotExist:
        raise Http404 from None


def assignments_of(*, user, challenge):
    """`user`'s assignments in `challenge` with their scores, after the deadline."""
    if challenge.is_open() or not _authenticated(user):
        return Assignment.objects.none()
    return (
        Assignment.objects.filter(entry__challenge=challenge, evaluator__user=user)
        .select_related("entry__organization")
        .prefetch_related("scores")
        .order_by("entry_id")
    )


def evaluator_of(*, user, challenge) -> Evaluator | None:
    if not _authenticated(user):
        return None
    return Evaluator.objects.filter(challenge=challenge, user=user).first()


def board(*, challenge) -> list[dict]:
    """Each entry's row of the evaluation board (`board_figures`), with its entry (title,
    decision and leading organization's short name): every entry, for the API."""
    return with_entries(board_figures(challenge=challenge))


def board_figures(*, challenge) -> list[dict]:
    """Each entry's weighted mean (over its evaluators' weighted scores, each out of 10), the
    spread between evaluators (max − min and the standard deviation of their weighted scores),
    and how many scores are missing (assigned evaluators × criteria − scores given); by entry
    id, `entry_id` naming the entry (`with_entries` adds the entries of the rows one shows).

    Three queries whatever the size, none of them of model instances: the number of criteria,
    the entries' ids, and each assignment's totals, kept on it as its scores are written
    (models.Assignment: 500 entries × 10 evaluators is 5,000 rows, not 25,000 scores to sum on
    each view). The means and spreads are worked out here, in the order of the assignments."""
    criteria = challenge.criteria.count()
    entry_ids = (
        Entry.objects.filter(challenge=challenge).order_by("pk").values_list("pk", flat=True)
    )
    assignments = (
        Assignment.objects.filter(entry__challenge=challenge)
        .order_by("pk")
        .values_list("entry_id", "weighted_sum", "scores_given")
    )
    complete: dict[int, list[int]] = {}
    assigned: dict[int, int] = {}
    given: dict[int, int] = {}
    for entry_id, total, count in assignments:
        assigned[entry_id] = assigned.get(entry_id, 0) + 1
        given[entry_id] = given.get(entry_id, 0) + count
        if count and count == criteria:
            complete.setdefault(entry_id, []).append(total)
    return [
        _board_row(
            entry_id,
            complete.get(entry_id, []),
            assigned.get(entry_id, 0),
            given.get(entry_id, 0),
            criteria,
        )  # fmt: skip
        for entry_id in entry_ids
    ]


def with_entries(rows: list[dict]) -> list[dict]:
    """`rows` of the board, each with its `entry` (one query for all of them): give it only
    the rows shown (a page of them), not the 500 of a large challenge."""
    entries = Entry.objects.select_related("organization").only(
        "pk", "title", "decision", "challenge_id", "organization__short_name"
    )
    found = entries.in_bulk([row["entry_id"] for row in rows])
    return [{**row, "entry": found[row["entry_id"]]} for row in rows if row["entry_id"] in found]


def _board_row(entry_id, totals: list[int], assigned: int, given: int, criteria: int) -> dict:
    """`totals`: each complete evaluator's weighted sum, 100 × their score out of 10. Worked
    out in whole numbers, so the figures do not depend on the order the database returns the
    assignments in (a float sum does, in its last bit: a mean of exactly 6.025 showed as 6.02
    or 6.03 by the plan); the mean and the standard deviation are rounded half up, as on
    paper (two evaluators 1.25 apart: σ 0.625, shown 0.63)."""
    n = len(totals)
    if not n:
        return {
            "entry_id": entry_id, "mean": None, "spread": None, "stdev": None,
            "evaluators_done": 0, "assigned": assigned, "missing": assigned * criteria - given,
        }  # fmt: skip
    total = sum(totals)
    # The population variance × (100 n)², exactly: n Σx² − (Σx)².
    variance = n * sum(t * t for t in totals) - total * total
    return {
        "entry_id": entry_id,
        "mean": (2 * total + n) // (2 * n) / 100,
        "spread": (max(totals) - min(totals)) / 100,
        "stdev": (isqrt(4 * variance) + n) // (2 * n) / 100,  # half up too (exact: see test)
        "evaluators_done": n,
        "assigned": assigned,
        "missing": assigned * criteria - given,
    }


def missing_scores(*, challenge) -> int:
    criteria = challenge.criteria.count()
    assigned = Assignment.objects.filter(entry__challenge=challenge).count()
    given = Score.objects.filter(assignment__entry__challenge=challenge).count()
    return assigned * criteria - given


def entry_results(*, entry) -> list[dict]:
    """Each evaluator's scores and comments of `entry`, without naming the evaluator (shown to
    the entrant once results are published)."""
    assignments = entry.assignments.prefetch_related(
        Prefetch(
            "scores",
            queryset=Score.objects.select_related("criterion").order_by(
                "criterion__position", "criterion_id"
            ),
        )
    )
    return [{"number": n, "scores": list(a.scores.all())} for n, a in enumerate(assignments, 1)]


def due_for_deadline_notice(now=None):
    """Challenges whose deadline passed and whose evaluators were not told yet."""
    now = now or timezone.now()
    return Challenge.objects.filter(
        submissions_until__lte=now, deadline_notified_at__isnull=True
    ).values_list("pk", flat=True)
