"""The review pipeline's writes: draft → submitted → in review → (information requested ⇄
resubmitted) → approved or rejected, or withdrawn by the applicant before the decision.

Every step locks the case row, then its submission, then (where a kind's hook needs it) the
organization: one order for every step (`case_locked`), so two people acting on one case wait
for each other instead of deadlocking. It checks the step is allowed from where the case
stands (one table, TRANSITIONS), saves, and records a history event and an audit event in the same
transaction; decisions also go on the transparency ledger. Notifications are written in the
same transaction and e-mailed by a background task after the commit.
"""

from collections.abc import Collection

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from innocluster.core.audit import audit_record, change, register_actions, register_change_names
from innocluster.core.calendar import add_business_days, business_days_after, moscow_date
from innocluster.core.errors import Conflict, NotFound, PermissionDenied
from innocluster.core.limits import require_max_length
from innocluster.platform.ledger.kinds import register_kind, register_subject
from innocluster.platform.ledger.services import ledger_append
from innocluster.platform.organizations.permissions import APPLY
from innocluster.platform.organizations.selectors import organization_ids_of

from .. import notify
from ..choices import AWAITING_FUND, OPEN_STATUSES, CaseAction, CaseStatus, Decision
from ..errors import ReviewErrorCode
from ..kinds import PERSON, kind_choices, kind_get
from ..models import REASON_MAX_LENGTH, Case, CaseEvent

# The history pages' words for what this module records (core.audit).
register_actions(
    {
        "review.created": gettext_lazy("opened a draft application"),
        "review.submitted": gettext_lazy("submitted an application"),
        "review.taken": gettext_lazy("took an application into review"),
        "review.info_requested": gettext_lazy("asked for more information on an application"),
        "review.resubmitted": gettext_lazy("answered the fund's request on an application"),
        "review.approved": gettext_lazy("approved an application"),
        "review.rejected": gettext_lazy("rejected an application"),
        "review.withdrawn": gettext_lazy("withdrew an application"),
    }
)
register_change_names({"case": pgettext_lazy("the history of changes", "application")})

# What the public pages say for the ledger entries this module appends.
register_kind(
    "review.decided",
    gettext_lazy("decision on an application"),
    values={
        "kind": lambda code: dict(kind_choices()).get(code),
        "decision": dict(CaseStatus.choices),
    },
)
# An application's page is its applicant's and the fund's: the ledger names it, never links it.
register_subject("review_case", gettext_lazy("application"))

S = CaseStatus
# action: (the statuses it may start from, the status it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    CaseAction.SUBMITTED: ((S.DRAFT,), S.SUBMITTED),
    CaseAction.TAKEN: ((S.SUBMITTED, S.RESUBMITTED), S.IN_REVIEW),
    CaseAction.INFO_REQUESTED: (AWAITING_FUND, S.INFO_REQUESTED),
    CaseAction.RESUBMITTED: ((S.INFO_REQUESTED,), S.RESUBMITTED),
    CaseAction.APPROVED: (AWAITING_FUND, S.APPROVED),
    CaseAction.REJECTED: (AWAITING_FUND, S.REJECTED),
    CaseAction.WITHDRAWN: (OPEN_STATUSES, S.WITHDRAWN),
}


class CaseStateConflict(Conflict):
    code = ReviewErrorCode.CASE_STATE


def case_create(*, kind: str, actor, organization=None, fields: dict | None = None) -> Case:
    """Open a draft of `kind` for `organization`, or for `actor` when the kind's applicants
    are people.

    Unless the kind allows several, one open case per applicant and kind, guarded by a
    unique constraint, so two people opening drafts at once get one draft and one Conflict
    that points at it.
    """
    spec = kind_get(kind)  # unknown kind: KeyError, a bug
    applicant = _applicant(spec, organization=organization, actor=actor, fields=fields or {})
    open_cases = Case.objects.open().filter(kind=kind, **applicant)
    exclusive = spec.one_open_per_organization
    if exclusive and (existing := open_cases.first()):
        raise _already_open(existing)
    try:
        with transaction.atomic():
            case = Case.objects.create(
                kind=kind, created_by=actor, exclusive=exclusive, **applicant
            )
            _record(case, CaseAction.CREATED, actor=actor, before=None)
    except IntegrityError:
        raise _already_open(open_cases.get()) from None
    return case


def _applicant(spec, *, organization, actor, fields) -> dict:
    """The case's applicant fields: the organization (whose owners and editors apply), or the
    person applying for themself."""
    if spec.applicant == PERSON:
        if not actor.is_authenticated:
            raise PermissionDenied(_("Sign in to apply."))
        return {"person": actor}
    acting = spec.acting_organization_ids(organization=organization, fields=fields)
    _require_acting(actor, acting)
    return {"organization": organization}


def require_applicant(*, case: Case, actor) -> None:
    """Only the applicant acts for a case: an owner or editor of its organization (or of
    another the kind lets act for it: ReviewKind.acting_organization_ids), or the person who
    applies."""
    if case.person_id is not None:
        if case.person_id != getattr(actor, "pk", None):  # somebody else's: not even shown
            raise NotFound(_("Application not found."))
        return
    _require_acting(actor, kind_get(case.kind).case_acting_organization_ids(case))


def _require_acting(actor, organization_ids: Collection[int]) -> None:
    """NotFound unless `actor` is an owner or editor of one of `organization_ids` (the
    kind's acting organizations), as for an organization that does not exist."""
    if (
        not organization_ids_of(user=actor, ability=APPLY)
        .filter(organization_id__in=organization_ids)
        .exists()
    ):
        raise NotFound(_("Organization not found."))


def case_locked(case: Case) -> Case:
    """The case, locked, and then its submission: the first two steps of the one lock order
    (case, submission, organization). Only those rows: `of=("self",)` keeps PostgreSQL from
    also locking the joined organization out of order."""
    locked = (
        Case.objects.select_for_update(of=("self",))
        .select_related("organization", "person")
        .get(pk=case.pk)
    )
    model = kind_get(locked.kind).model
    if model is not None:
        model.objects.select_for_update(of=("self",)).filter(case=locked).first()
    return locked


def case_submit(*, case: Case, actor) -> Case:
    """Submit a draft; the decision falls due at the end of the kind's N-th business day
    after today (Moscow). Idempotent: a case already submitted comes back unchanged."""
    require_applicant(case=case, actor=actor)
    kind = kind_get(case.kind)
    with transaction.atomic():
        case = case_locked(case)
        if case.submitted_at and case.status != S.WITHDRAWN:
            return case
        _require_from(case, CaseAction.SUBMITTED)
        kind.check_complete(case)
        kind.on_submit(case, actor)
        case.submitted_at = timezone.now()
        case.decision_due = add_business_days(moscow_date(), kind.business_days_for(case))
        _move(case, CaseAction.SUBMITTED, actor=actor, fields=("submitted_at", "decision_due"))
        notify.submitted(case)
    return case


def case_withdraw(*, case: Case, actor, reason: str = "") -> Case:
    """The applicant takes the case back before the decision; it can no longer be decided."""
    require_applicant(case=case, actor=actor)
    require_max_length("reason", reason, REASON_MAX_LENGTH)
    with transaction.atomic():
        case = case_locked(case)
        _require_from(case, CaseAction.WITHDRAWN)
        case.decision_due = None
        case.paused_days_left = None
        _move(
            case,
            CaseAction.WITHDRAWN,
            actor=actor,
            message=reason.strip(),
            fields=("decision_due", "paused_days_left"),
        )
        notify.applicant(case, "review.withdrawn")
    return case


def case_resubmit(*, case: Case, actor, message: str = "") -> Case:
    """Answer a request for information. The clock resumes with the business days that were
    left when it stopped. Idempotent: a case already resubmitted comes back unchanged."""
    require_applicant(case=case, actor=actor)
    require_max_length("message", message, REASON_MAX_LENGTH)
    kind = kind_get(case.kind)
    with transaction.atomic():
        case = case_locked(case)
        if _answered(case):
            return case
        _require_from(case, CaseAction.RESUBMITTED)
        kind.check_complete(case)
        kind.on_submit(case, actor)
        case.decision_due = add_business_days(moscow_date(), case.paused_days_left or 0)
        case.paused_days_left = None
        _move(
            case,
            CaseAction.RESUBMITTED,
            actor=actor,
            message=message.strip(),
            fields=("decision_due", "paused_days_left"),
        )
        notify.resubmitted(case)
    return case


def _answered(case: Case) -> bool:
    """Was the last request for information answered already (a repeated resubmission)?"""
    last = case.events.filter(action__in=[CaseAction.INFO_REQUESTED, CaseAction.RESUBMITTED]).last()
    answered = last is not None and last.action == CaseAction.RESUBMITTED
    return case.status in AWAITING_FUND and answered


def case_take(*, case: Case, reviewer) -> Case:
    """A reviewer takes a submitted (or resubmitted) case into review and becomes its reviewer."""
    require_reviewer(case=case, user=reviewer)
    with transaction.atomic():
        case = case_locked(case)
        _require_from(case, CaseAction.TAKEN)
        case.reviewer = reviewer
        _move(case, CaseAction.TAKEN, actor=reviewer, fields=("reviewer",))
        notify.applicant(case, "review.taken")
    return case


def case_decide(*, case: Case, reviewer, decision: str, reason: str = "") -> Case:
    """Approve, reject (a reason is required) or request information (what is missing is
    required). Exactly one decision is recorded: whoever comes second gets a Conflict.

    Approval runs the kind's `on_approve` in the same transaction, so a status granted or an
    award fixed commits with the decision or not at all; decisions go on the ledger.
    """
    require_reviewer(case=case, user=reviewer)
    reason = (reason or "").strip()
    _require_reason(decision, reason)
    require_max_length("reason", reason, REASON_MAX_LENGTH)
    with transaction.atomic():
        case = case_locked(case)
        if decision == Decision.REQUEST_INFO:
            return _request_info(case, reviewer=reviewer, message=reason)
        return _decide(case, reviewer=reviewer, approve=decision == Decision.APPROVE, reason=reason)


def _request_info(case: Case, *, reviewer, message: str) -> Case:
    _require_from(case, CaseAction.INFO_REQUESTED)
    case.paused_days_left = business_days_after(moscow_date(), case.decision_due)
    case.decision_due = None
    case.reviewer = case.reviewer or reviewer
    _move(
        case,
        CaseAction.INFO_REQUESTED,
        actor=reviewer,
        message=message,
        fields=("paused_days_left", "decision_due", "reviewer"),
    )
    notify.applicant(case, "review.info_requested", reason=message)
    return case


def _decide(case: Case, *, reviewer, approve: bool, reason: str) -> Case:
    action = CaseAction.APPROVED if approve else CaseAction.REJECTED
    _require_from(case, action)
    case.decided_at = timezone.now()
    case.decided_by = reviewer
    case.decision_reason = reason
    case.reviewer = case.reviewer or reviewer
    fields = ("decided_at", "decided_by", "decision_reason", "reviewer")
    _move(case, action, actor=reviewer, message=reason, fields=fields)
    kind = kind_get(case.kind)
    (kind.on_approve if approve else kind.on_reject)(case, reviewer)
    _append_decision(case)
    notify.applicant(case, f"review.{action}", reason=reason)
    return case


def _belongs_to_acting(user, case: Case) -> bool:
    """Whether `user` belongs to an organization that acts for the case: the applicant, or
    for a kind that widens it (a cluster's members), any of those."""
    acting = kind_get(case.kind).case_acting_organization_ids(case)
    own = Q(organization_id=case.organization_id) | Q(organization_id__in=acting)
    return organization_ids_of(user=user).filter(own).exists()


def require_reviewer(*, case: Case, user) -> None:
    """Only fund staff of the roles the kind names decide, and never on their own company."""
    if not user.is_authenticated or user.staff_role not in kind_get(case.kind).reviewer_roles:
        raise PermissionDenied(_("Only the fund's reviewers can do this."))
    if case.person_id is not None and case.person_id == user.pk:
        raise PermissionDenied(
            _("This is your own application, so another reviewer must decide it."),
            code=ReviewErrorCode.OWN_ORGANIZATION,
        )
    if case.organization_id and _belongs_to_acting(user, case):
        raise PermissionDenied(
            _("You belong to this organization, so another reviewer must decide its case."),
            code=ReviewErrorCode.OWN_ORGANIZATION,
        )


def _require_reason(decision: str, reason: str) -> None:
    if decision not in Decision.values:
        message = _("Choose approve, reject or request_info.")
        raise ValidationError({"decision": ValidationError(message, code="invalid_choice")})
    if decision == Decision.REJECT and not reason:
        message = _("Give the reason for the rejection.")
        raise ValidationError({"reason": ValidationError(message, code="required")})
    if decision == Decision.REQUEST_INFO and not reason:
        message = _("Say what information is missing.")
        raise ValidationError({"reason": ValidationError(message, code="required")})


def _require_from(case: Case, action: str) -> None:
    sources, _target = TRANSITIONS[action]
    if case.status not in sources:
        raise CaseStateConflict(
            _("Case %(number)s is already %(status)s, so it cannot be %(action)s.")
            % {
                "number": case.number,
                "status": case.get_status_display(),
                "action": CaseAction(action).label,
            },
            extra={"case_status": case.status},
        )


def _move(case: Case, action: str, *, actor, message: str = "", fields=()) -> None:
    before = case.status
    case.status = TRANSITIONS[action][1]
    case.save(update_fields=["status", "updated_at", *fields])
    _record(case, action, actor=actor, before=before, message=message)


def _record(case: Case, action: str, *, actor, before: str | None, message: str = "") -> None:
    CaseEvent.objects.create(
        case=case,
        actor=actor,
        action=action,
        status=case.status,
        message=message,
        decision_due=case.decision_due,
    )
    audit_record(
        actor=actor,
        action=f"review.{action}",
        target=case,
        organization=case.organization,
        changes={"status": change(before, case.status), "case": case.number},
    )


def _append_decision(case: Case) -> None:
    ledger_append(
        kind="review.decided",
        subject=case.ledger_subject,
        payload={
            "case": case.number,
            "kind": case.kind,
            # A person's name stays off the public log: the case number identifies them to
            # whoever may know.
            "organization": _ledger_organization(case),
            "decision": case.status,
            "decided_at": case.decided_at,
        },
    )


def _ledger_organization(case: Case) -> dict | None:
    if case.organization_id is None:
        return None
    return {"id": case.organization_id, "inn": case.organization.inn}


def _already_open(case: Case) -> Conflict:
    text = (
        _("You already have an open application %(number)s (%(status)s).")
        if case.person_id
        else _("Your organization already has an open application %(number)s (%(status)s).")
    )
    return Conflict(
        text % {"number": case.number, "status": case.get_status_display()},
        code=ReviewErrorCode.CASE_ALREADY_OPEN,
        extra={"case_id": case.pk, "url": kind_get(case.kind).applicant_url(case)},
    )


def case_send_deadline_reminders(*, today=None) -> dict[str, int]:
    """Warn reviewers of cases due within two business days, and flag overdue cases; each
    once per deadline (a deadline moved by a pause warns again). A window, not one date, so a
    deadline set late (a resubmission with a day left) or a missed run is still warned of."""
    today = today or moscow_date()
    warn_on = add_business_days(today, 2)
    sent = {"due_soon": 0, "overdue": 0}
    due_soon = Case.objects.filter(
        status__in=AWAITING_FUND, decision_due__gte=today, decision_due__lte=warn_on
    ).exclude(reminded_for=F("decision_due"))
    for case in due_soon:
        sent["due_soon"] += _remind(case, CaseAction.DUE_SOON, "reminded_for")
    for case in Case.objects.overdue(today).exclude(flagged_overdue_for=F("decision_due")):
        sent["overdue"] += _remind(case, CaseAction.OVERDUE, "flagged_overdue_for")
    return sent


def _remind(case: Case, action: str, marker: str) -> int:
    with transaction.atomic():
        case = case_locked(case)
        if case.status not in AWAITING_FUND or getattr(case, marker) == case.decision_due:
            return 0
        setattr(case, marker, case.decision_due)
        case.save(update_fields=[marker])
        CaseEvent.objects.create(
            case=case, action=action, status=case.status, decision_due=case.decision_due
        )
        notify.reviewers(case, f"review.{action}")
    return 1
