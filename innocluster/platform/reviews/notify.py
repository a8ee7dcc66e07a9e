"""Who hears of each step of a case, and what they read.

Every step notifies the applicant's members; reviewers hear of new cases, resubmissions,
withdrawals, deadlines coming and deadlines missed.
"""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innocluster.platform.notifications.kinds import NotificationKind, register
from innocluster.platform.notifications.services import notification_send

from .kinds import kind_get

KINDS = [
    NotificationKind(
        "review.submitted",
        _("Application {number} submitted"),
        _("{organization}: the fund decides by {due}."),
    ),
    NotificationKind("review.taken", _("Application {number} is in review"), _("{organization}")),
    NotificationKind(
        "review.info_requested",
        _("Application {number}: the fund asks for more information"),
        _("{reason}"),
    ),
    NotificationKind("review.approved", _("Application {number} approved"), _("{reason}")),
    NotificationKind("review.rejected", _("Application {number} rejected"), _("{reason}")),
    NotificationKind("review.withdrawn", _("Application {number} withdrawn"), _("{organization}")),
    NotificationKind(
        "review.new_case",
        _("New case {number} to review"),
        _("{organization}. Decision due by {due}."),
    ),
    NotificationKind(
        "review.resubmitted",
        _("Case {number} resubmitted"),
        _("{organization} answered the request. Decision due by {due}."),
    ),
    NotificationKind(
        "review.due_soon",
        _("Case {number} falls due in two business days"),
        _("{organization}. Decision due by {due}."),
    ),
    NotificationKind(
        "review.overdue",
        _("Case {number} is overdue"),
        _("{organization}. The decision was due by {due}."),
    ),
]
for _kind in KINDS:
    register(_kind)


def submitted(case) -> None:
    applicant(case, "review.submitted")
    reviewers(case, "review.new_case")


def resubmitted(case) -> None:
    applicant(case, "review.resubmitted")
    reviewers(case, "review.resubmitted")


def applicant(case, kind: str, *, reason: str = "") -> None:
    """Tell every member of the applicant organization, or the person who applies."""
    if case.person_id is not None:
        people = get_user_model().objects.filter(pk=case.person_id)
    else:
        people = kind_get(case.kind).applicant_people(case)
    _send(case, kind, people, url=kind_get(case.kind).applicant_url(case), reason=reason)


def reviewers(case, kind: str) -> None:
    """Tell the fund's staff who may decide this kind of case (never the people of an
    organization that acts for it: require_reviewer would refuse them)."""
    spec = kind_get(case.kind)
    staff = get_user_model().objects.filter(staff_role__in=spec.reviewer_roles, is_active=True)
    if case.person_id is not None:
        staff = staff.exclude(pk=case.person_id)
    else:
        acting = spec.case_acting_organization_ids(case)
        staff = staff.exclude(memberships__organization_id=case.organization_id)
        staff = staff.exclude(memberships__organization_id__in=acting)
    _send(case, kind, staff, url=reverse("reviews:case", kwargs={"pk": case.pk}))


def _send(case, kind: str, recipients, *, url: str, reason: str = "") -> None:
    notification_send(
        recipients=recipients,
        kind=kind,
        context={
            "number": case.number,
            "organization": case.applicant_name,
            "due": case.decision_due.isoformat() if case.decision_due else "",
            "reason": reason,
        },
        url=url,
    )
