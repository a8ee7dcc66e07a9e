"""Writes of city challenges. Each runs in one transaction, checks the state under the
challenge's row lock (always taken first, so two writers never deadlock), records the change in
the audit trail and sends its notifications in the same transaction."""

import logging
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.audit import audit_record, register_actions
from innocluster.core.calendar import moscow_date
from innocluster.core.errors import Conflict, NotFound
from innocluster.core.files import files_deleted_on_rollback, pdf_name
from innocluster.core.limits import require_max_length
from innocluster.core.uploads import sha256_of, validate_pdf
from innocluster.platform.status.errors import StatusErrorCode
from innocluster.platform.status.selectors import has_active_status

from . import hooks, notifications
from . import selectors as sel
from .choices import (
    MAX_CRITERIA,
    MAX_DOCUMENT_BYTES,
    MAX_DOCUMENTS,
    MAX_PARTNERS,
    MAX_SCORE,
    WEIGHTS_TOTAL,
    Decision,
)
from .errors import ChallengeErrorCode as E
from .models import (
    Assignment,
    Challenge,
    Criterion,
    Entry,
    EntryDocument,
    EntryPartner,
    Evaluator,
    Score,
)

logger = logging.getLogger(__name__)

register_actions(
    {
        "challenge.created": gettext_lazy("posted a challenge"),
        "challenge.entry_submitted": gettext_lazy("submitted an entry to a challenge"),
        "challenge.entry_updated": gettext_lazy("changed an entry to a challenge"),
        "challenge.document_added": gettext_lazy("attached a document to a challenge entry"),
        "challenge.partner_confirmed": gettext_lazy("confirmed taking part in a challenge entry"),
        "challenge.assigned": gettext_lazy("assigned an evaluator to a challenge entry"),
        "challenge.scored": gettext_lazy("scored a challenge entry"),
        "challenge.decided": gettext_lazy("decided on a challenge entry"),
        "challenge.results_published": gettext_lazy("published a challenge's results"),
        "challenge.pilot_started": gettext_lazy("handed a winning entry over to pilot testing"),
    }
)


def _refuse(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _locked(challenge) -> Challenge:
    return Challenge.objects.select_for_update().get(pk=challenge.pk)


# --- posting -------------------------------------------------------------------------------


@transaction.atomic
def challenge_create(
    *,
    organization,
    actor,
    title: str,
    problem: str,
    expected_result: str,
    constraints: str = "",
    prize_kind: str,
    prize_amount: Decimal,
    submissions_until,
    evaluation_until,
    results_by,
    entries_public: bool = False,
    criteria: list[tuple[str, int]],
    evaluators: list,
) -> Challenge:
    """Post a challenge for `organization` (a city organization or large corporation that
    `actor` owns or edits). The criteria's weights sum to 100; the dates are in order (entries
    close in the future, evaluation ends on or after that day, results on or after that); each
    evaluator is a person of the organization or fund staff."""
    if organization not in sel.posting_organizations(user=actor):
        raise _refuse(
            "organization",
            _("Only an owner or editor of a city organization or corporation posts a challenge."),
            E.NOT_A_POSTER,
        )
    _check_criteria(criteria)
    _check_dates(submissions_until, evaluation_until, results_by)
    people = _check_evaluators(organization, evaluators)
    challenge = Challenge(
        organization=organization, created_by=actor, title=title, problem=problem,
        expected_result=expected_result, constraints=constraints, prize_kind=prize_kind,
        prize_amount=prize_amount, submissions_until=submissions_until,
        evaluation_until=evaluation_until, results_by=results_by, entries_public=entries_public,
    )  # fmt: skip
    challenge.full_clean(exclude=["search_text"])
    challenge.save()
    Criterion.objects.bulk_create(
        Criterion(challenge=challenge, name=name, weight=weight, position=i)
        for i, (name, weight) in enumerate(criteria)
    )
    Evaluator.objects.bulk_create(
        Evaluator(challenge=challenge, user=user, is_fund_expert=expert) for user, expert in people
    )
    audit_record(
        actor=actor, action="challenge.created", target=challenge, organization=organization
    )
    return challenge


def _check_criteria(criteria) -> None:
    if not criteria or len(criteria) > MAX_CRITERIA:
        raise _refuse(
            "criteria",
            _("Give from 1 to %(max)d criteria.") % {"max": MAX_CRITERIA},
            E.WEIGHTS_NOT_100,
        )
    for name, weight in criteria:
        if not str(name).strip() or len(str(name)) > 200:
            raise _refuse(
                "criteria", _("Each criterion needs a name of up to 200 characters."), "invalid"
            )
        if not isinstance(weight, int) or not 1 <= weight <= WEIGHTS_TOTAL:
            raise _refuse("criteria", _("Each weight is a whole number from 1 to 100."), "invalid")
    total = sum(weight for _name, weight in criteria)
    if total != WEIGHTS_TOTAL:
        raise _refuse(
            "criteria",
            _("The weights sum to %(total)d; they must sum to 100.") % {"total": total},
            E.WEIGHTS_NOT_100,
        )


def _check_dates(submissions_until, evaluation_until, results_by) -> None:
    if submissions_until <= timezone.now():
        raise _refuse(
            "submissions_until", _("Entries must close in the future."), E.DATES_OUT_OF_ORDER
        )
    if evaluation_until < moscow_date(submissions_until):
        raise _refuse(
            "evaluation_until",
            _("Evaluation cannot end before entries close."),
            E.DATES_OUT_OF_ORDER,
        )
    if results_by < evaluation_until:
        raise _refuse(
            "results_by", _("Results cannot come before evaluation ends."), E.DATES_OUT_OF_ORDER
        )


def _check_evaluators(organization, evaluators) -> list[tuple]:
    """(user, is a fund expert) for each distinct evaluator; refused when one is neither of
    the organization's people nor fund staff."""
    members = set(
        organization.memberships.filter(user__in=evaluators).values_list("user_id", flat=True)
    )
    people, seen = [], set()
    for position, user in enumerate(evaluators, start=1):
        if user.pk in seen:
            continue
        seen.add(user.pk)
        if user.pk not in members and not sel.is_fund_staff(user):
            raise _refuse(
                "evaluators",
                # By its place in the list, not by name: the refusal must not tell a poster
                # who any user id of the platform is.
                _(
                    "Evaluator no. %(position)d is neither of the organization's people nor a "
                    "fund expert."
                )
                % {"position": position},
                E.NOT_AN_EVALUATOR,
            )
        people.append((user, user.pk not in members))
    return people


# --- entries -------------------------------------------------------------------------------


def _check_open(challenge, now=None) -> None:
    if challenge.results_published_at:
        raise Conflict(_("The results of this challenge are published."), code=E.RESULTS_PUBLISHED)
    if not challenge.is_open(now):
        raise Conflict(_("Entries to this challenge are closed."), code=E.SUBMISSIONS_CLOSED)


@transaction.atomic
def entry_submit(
    *, challenge, organization, actor, title: str, solution: str, pilot_plan: str, partners=()
) -> Entry:
    """Submit `organization`'s entry (an active participant that `actor` owns or edits), with
    co-applicant organizations who confirm later. Refused after the deadline, checked under the
    challenge's lock so an entry is never let in after it."""
    challenge = _locked(challenge)
    _check_open(challenge)
    if organization not in sel.entering_organizations(user=actor):
        raise _refuse(
            "organization",
            _("An entry is submitted by an owner or editor of an active participant."),
            StatusErrorCode.NOT_A_PARTICIPANT,
        )
    partners = _check_partners(organization, partners)
    if Entry.objects.filter(challenge=challenge, organization=organization).exists():
        raise Conflict(_("This organization has already entered."), code=E.ALREADY_ENTERED)
    entry = Entry(
        challenge=challenge, organization=organization, submitted_by=actor, title=title,
        solution=solution, pilot_plan=pilot_plan,
    )  # fmt: skip
    entry.full_clean(exclude=["challenge", "organization", "submitted_by"])
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        raise Conflict(
            _("This organization has already entered."), code=E.ALREADY_ENTERED
        ) from None
    EntryPartner.objects.bulk_create(EntryPartner(entry=entry, organization=p) for p in partners)
    audit_record(
        actor=actor, action="challenge.entry_submitted", target=entry, organization=organization
    )
    notifications.entry_submitted(entry)
    return entry


def _check_partners(lead, partners) -> list:
    distinct = {p.pk: p for p in partners if p.pk != lead.pk}
    if len(distinct) > MAX_PARTNERS:
        raise _refuse(
            "partners", _("At most %(max)d co-applicants.") % {"max": MAX_PARTNERS}, "invalid"
        )
    for partner in distinct.values():
        if not has_active_status(organization=partner, kinds=("participant",)):
            raise _refuse(
                "partners",
                _("%(name)s is not an active participant.") % {"name": partner.short_name},
                StatusErrorCode.NOT_A_PARTICIPANT,
            )
    return list(distinct.values())


ENTRY_FIELDS = ("title", "solution", "pilot_plan")


@transaction.atomic
def entry_update(*, entry, actor, **fields) -> Entry:
    """Change the entry's text until the deadline (the leading organization's people)."""
    _check_open(_locked(entry.challenge))
    _check_lead(entry, actor)
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    changed = {}
    for name, value in fields.items():
        if name not in ENTRY_FIELDS:
            raise _refuse(name, _("This field cannot be changed."), "not_editable")
        if getattr(entry, name) != value:
            changed[name] = {"from": getattr(entry, name), "to": value}
            setattr(entry, name, value)
    entry.full_clean(exclude=["challenge", "organization", "submitted_by"])
    entry.save(update_fields=[*ENTRY_FIELDS, "updated_at"])
    audit_record(
        actor=actor, action="challenge.entry_updated", target=entry,
        organization=entry.organization, changes=changed,
    )  # fmt: skip
    return entry


def _check_lead(entry, actor) -> None:
    if entry.organization_id not in sel.organization_ids_of(actor, sel.ACTING):
        raise NotFound(_("No such entry."))


def entry_document_add(*, entry, actor, upload) -> EntryDocument:
    """Attach a PDF (checked by its content, core/uploads) until the deadline. Its file is
    deleted again if anything after it fails (core.files.files_deleted_on_rollback)."""
    with files_deleted_on_rollback() as written, transaction.atomic():
        return _document_add(entry, actor, upload, written)


def _document_add(entry, actor, upload, written) -> EntryDocument:
    _check_open(_locked(entry.challenge))
    _check_lead(entry, actor)
    if entry.documents.count() >= MAX_DOCUMENTS:
        raise _refuse(
            "file", _("At most %(max)d documents.") % {"max": MAX_DOCUMENTS}, E.TOO_MANY_DOCUMENTS
        )
    try:
        validate_pdf(upload, max_bytes=MAX_DOCUMENT_BYTES)
    except ValidationError as error:
        raise ValidationError({"file": error}) from None
    document = EntryDocument(entry=entry, name=pdf_name(upload.name), sha256=sha256_of(upload))
    written.save(document.file, document.name, upload)
    document.save()
    audit_record(
        actor=actor, action="challenge.document_added", target=entry,
        organization=entry.organization, changes={"document": document.name},
    )  # fmt: skip
    return document


@transaction.atomic
def partner_confirm(*, entry, organization, actor) -> EntryPartner:
    """A co-applicant's owner or editor confirms its part, until the deadline."""
    _check_open(_locked(entry.challenge))
    if organization.pk not in sel.organization_ids_of(actor, sel.ACTING):
        raise _refuse("organization", _("You do not act for this organization."), E.NOT_A_PARTNER)
    partner = (
        EntryPartner.objects.select_for_update()
        .filter(entry=entry, organization=organization)
        .first()
    )
    if partner is None:
        raise _refuse(
            "organization", _("This organization is not named on the entry."), E.NOT_A_PARTNER
        )
    if partner.confirmed_at is None:
        partner.confirmed_at, partner.confirmed_by = timezone.now(), actor
        partner.save(update_fields=["confirmed_at", "confirmed_by"])
        audit_record(
            actor=actor,
            action="challenge.partner_confirmed",
            target=entry,
            organization=organization,
        )
    return partner


# --- evaluation ----------------------------------------------------------------------------


def _check_evaluating(challenge) -> None:
    if challenge.results_published_at:
        raise Conflict(_("The results of this challenge are published."), code=E.RESULTS_PUBLISHED)
    if challenge.is_open():
        raise Conflict(
            _("Entries are still accepted; evaluation starts after the deadline."),
            code=E.SUBMISSIONS_OPEN,
        )


def _own_organization(user, entry) -> bool:
    return bool(entry.organization_ids() & sel.organization_ids_of(user))


@transaction.atomic
def assignment_create(*, entry, evaluator, actor) -> Assignment:
    """Assign one of the challenge's evaluators to `entry` (the poster's owners and editors or
    fund staff, after the deadline). Never an evaluator of one of the entry's organizations."""
    challenge = _locked(entry.challenge)
    if not sel.may_run(user=actor, challenge=challenge):
        raise NotFound(_("No such challenge."))
    _check_evaluating(challenge)
    if evaluator.challenge_id != challenge.pk:
        raise _refuse("evaluator", _("Not an evaluator of this challenge."), E.NOT_AN_EVALUATOR)
    if _own_organization(evaluator.user, entry):
        raise _refuse(
            "evaluator",
            _("An evaluator never scores an entry of their own organization."),
            E.OWN_ORGANIZATION,
        )
    assignment, created = Assignment.objects.get_or_create(entry=entry, evaluator=evaluator)
    if created:
        audit_record(
            actor=actor, action="challenge.assigned", target=entry,
            organization=challenge.organization, changes={"evaluator": evaluator.user_id},
        )  # fmt: skip
    return assignment


@transaction.atomic
def score_set(*, entry, actor, criterion_id, score: int, comment: str = "") -> Score:
    """`actor` scores one criterion of an entry assigned to them, 0–10 with a comment.

    Each score is its own row (unique per assignment and criterion), written after the
    challenge's row lock: two evaluators scoring at once both land, one after the other, and
    the "every score is in" notice goes out exactly once."""
    challenge = _locked(entry.challenge)
    _check_evaluating(challenge)
    if _own_organization(actor, entry):
        raise _refuse(
            "entry",
            _("An evaluator never scores an entry of their own organization."),
            E.OWN_ORGANIZATION,
        )
    assignment = Assignment.objects.filter(entry=entry, evaluator__user=actor).first()
    if assignment is None:
        raise NotFound(_("This entry is not assigned to you."), code=E.NOT_ASSIGNED)
    if not challenge.criteria.filter(pk=criterion_id).exists():
        raise _refuse("criterion", _("Not a criterion of this challenge."), E.UNKNOWN_CRITERION)
    if not isinstance(score, int) or isinstance(score, bool) or not 0 <= score <= MAX_SCORE:
        raise _refuse("score", _("A score is a whole number from 0 to 10."), E.SCORE_RANGE)
    require_max_length("comment", comment, 2000)
    row, _created = Score.objects.update_or_create(
        assignment=assignment, criterion_id=criterion_id,
        defaults={"score": score, "comment": comment},
    )  # fmt: skip
    Assignment.objects.filter(pk=assignment.pk).refresh_totals()  # the board's (models.py)
    audit_record(
        actor=actor, action="challenge.scored", target=entry, organization=challenge.organization,
        changes={"criterion": criterion_id, "score": score},
    )  # fmt: skip
    if challenge.scores_complete_at is None and sel.missing_scores(challenge=challenge) == 0:
        challenge.scores_complete_at = timezone.now()
        challenge.save(update_fields=["scores_complete_at"])
        notifications.scores_complete(challenge)
    return row


@transaction.atomic
def deadline_notify(*, challenge_id: int) -> bool:
    """Tell each evaluator, once, that entries are closed and how many are assigned to them.
    True when this call sent it."""
    challenge = Challenge.objects.select_for_update().get(pk=challenge_id)
    if challenge.deadline_notified_at or challenge.is_open():
        return False
    counts = {}
    for evaluator in challenge.evaluators.select_related("user"):
        counts[evaluator.user] = evaluator.assignments.count()
    challenge.deadline_notified_at = timezone.now()
    challenge.save(update_fields=["deadline_notified_at"])
    notifications.deadline_passed(challenge, counts)
    return True


def deadlines_notify_due() -> int:
    return sum(deadline_notify(challenge_id=pk) for pk in list(sel.due_for_deadline_notice()))


# --- decision and results ------------------------------------------------------------------


@transaction.atomic
def entry_decide(*, entry, actor, decision: str, reason: str) -> Entry:
    """The poster (owner or editor) decides on one entry with a reason, after the deadline."""
    challenge = _locked(entry.challenge)
    if not sel.is_poster_person(user=actor, challenge=challenge):
        raise NotFound(_("No such entry."))
    _check_evaluating(challenge)
    if decision not in (Decision.WINNER, Decision.NOT_CHOSEN):
        raise _refuse("decision", _("Choose winner or not chosen."), "invalid_choice")
    if not reason.strip():
        raise _refuse("reason", _("Give the reason for the decision."), "required")
    require_max_length("reason", reason, 2000)
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    entry.decision, entry.reason = decision, reason.strip()
    entry.save(update_fields=["decision", "reason"])
    audit_record(
        actor=actor, action="challenge.decided", target=entry, organization=challenge.organization,
        changes={"decision": decision},
    )  # fmt: skip
    return entry


@transaction.atomic
def results_publish(*, challenge, actor) -> Challenge:
    """Publish the results: every entry decided; each entrant is told; each winner's pilot is
    handed over to pilot testing (_start_winner_pilot)."""
    challenge = _locked(challenge)
    if not sel.is_poster_person(user=actor, challenge=challenge):
        raise NotFound(_("No such challenge."))
    _check_evaluating(challenge)
    entries = list(challenge.entries.prefetch_related("partners").select_related("challenge"))
    undecided = [e for e in entries if not e.decision]
    if undecided:
        raise Conflict(
            _("%(count)d entries have no decision yet.") % {"count": len(undecided)},
            code=E.NOT_DECIDED,
        )
    challenge.results_published_at = timezone.now()
    challenge.save(update_fields=["results_published_at"])
    audit_record(
        actor=actor, action="challenge.results_published", target=challenge,
        organization=challenge.organization,
    )  # fmt: skip
    for entry in entries:
        if entry.decision == Decision.WINNER:
            _start_winner_pilot(entry)
    notifications.results(challenge, entries)
    return challenge


def _start_winner_pilot(entry) -> str | None:
    """Hand a winning entry over to pilot testing: the pilots app's registered hook
    (hooks.register_winner_pilot, e.g. pilots.services.create_pilot_from_entry) creates the
    pilot at its agreement step; the entry records when, and what the hook named it. With no
    hook registered this is a no-op with a logged warning."""
    hook = hooks.winner_pilot_hook()
    if hook is None:
        logger.warning(
            "No pilot hook is registered: the winning entry %s of challenge %s is not handed "
            "over to pilot testing.",
            entry.pk,
            entry.challenge_id,
        )
        return None
    reference = str(hook(entry) or "")[:64]
    entry.pilot_started_at, entry.pilot_reference = timezone.now(), reference
    entry.save(update_fields=["pilot_started_at", "pilot_reference"])
    audit_record(
        actor=None, action="challenge.pilot_started", target=entry, organization=entry.organization,
        changes={"pilot": reference},
    )  # fmt: skip
    return reference
