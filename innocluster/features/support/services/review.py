"""What reviewers do to a grant application before deciding: score it against the measure's
weighted criteria and cut costs they do not accept; and what approval does: fix the award."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.audit import audit_record, change, register_actions
from innocluster.core.calendar import moscow_date
from innocluster.core.errors import Conflict, NotFound
from innocluster.core.filters import id_or_none
from innocluster.platform.reviews import services as reviews
from innocluster.platform.reviews.choices import AWAITING_FUND
from innocluster.platform.reviews.errors import ReviewErrorCode
from innocluster.platform.reviews.services import require_reviewer

from ..awards.services import award_create
from ..errors import SupportErrorCode, refused
from ..models import GrantApplication, Score
from .applications import application_computation, money_value

# The history pages' words for what this module records (core.audit).
register_actions(
    {
        "support.cost_cut": gettext_lazy("accepted less of a claimed cost"),
    }
)

MAX_SCORE = 10


def grant_score(
    *, application: GrantApplication, reviewer, criterion_id, score, comment: str = ""
) -> Score:
    """Score one criterion 0–10 (scoring again replaces the score)."""
    require_reviewer(case=application.case, user=reviewer)
    criterion = application.measure.criteria.filter(pk=id_or_none(criterion_id)).first()
    if criterion is None:
        message = _("Choose one of the measure's criteria.")
        raise refused("criterion", message, "invalid_choice")
    value = _int(score)
    if value is None or not 0 <= value <= MAX_SCORE:
        raise refused("score", _("Give a whole number from 0 to 10."), "invalid")
    comment = (comment or "").strip()
    if len(comment) > 1000:
        raise refused("comment", _("At most 1,000 characters."), "max_length")
    with transaction.atomic():
        application = _under_review(application)
        scored, _created = Score.objects.update_or_create(
            application=application,
            criterion=criterion,
            defaults={"score": value, "comment": comment, "reviewer": reviewer},
        )
    return scored


def cost_item_cut(
    *, application: GrantApplication, reviewer, item_id, accepted_amount, reason: str
):
    """Accept less of one cost than claimed (down to zero), with the reason the applicant
    will read. Accepting the full amount again removes the cut."""
    require_reviewer(case=application.case, user=reviewer)
    accepted = money_value(accepted_amount, field="accepted_amount", allow_zero=True)
    reason = (reason or "").strip()
    with transaction.atomic():
        application = _under_review(application)
        item = application.items.select_for_update().filter(pk=id_or_none(item_id)).first()
        if item is None:
            raise NotFound(_("Cost item not found."))
        if accepted > item.amount:
            message = _("A reviewer can accept at most the claimed amount.")
            raise refused("accepted_amount", message, SupportErrorCode.ABOVE_CLAIMED)
        restored = accepted == item.amount
        if not restored and not reason:
            raise refused("reason", _("Give the reason for the cut."), "required")
        if len(reason) > 500:
            raise refused("reason", _("At most 500 characters."), "max_length")
        before = item.eligible_amount
        item.accepted_amount = None if restored else accepted
        item.cut_reason = "" if restored else reason
        item.save(update_fields=["accepted_amount", "cut_reason"])
        audit_record(
            actor=reviewer,
            action="support.cost_cut",
            target=application.case,
            organization=application.case.organization,
            changes={
                "item": item.description,
                "accepted": change(str(before), str(item.eligible_amount)),
            },
        )
    return item


def weighted_score(application: GrantApplication) -> Decimal | None:
    """The weighted mean of the scores, 0–10 with two decimals; None until every criterion
    is scored."""
    criteria = list(application.measure.criteria.all())
    scores = {score.criterion_id: score.score for score in application.scores.all()}
    if not criteria or any(criterion.pk not in scores for criterion in criteria):
        return None
    total_weight = sum(criterion.weight for criterion in criteria)
    weighted = sum(criterion.weight * scores[criterion.pk] for criterion in criteria)
    return (Decimal(weighted) / total_weight).quantize(Decimal("0.01"))


def award_on_approval(case, actor) -> None:
    """Fix the award: the measure's rules over the accepted costs, within the caps and never
    above the amount requested. Every criterion must be scored first."""
    application = case.grant_application
    missing = [
        criterion.title
        for criterion in application.measure.criteria.all()
        if not application.scores.filter(criterion=criterion).exists()
    ]
    if missing:
        message = _("Score every criterion first: %(c)s.") % {"c": ", ".join(missing)}
        raise refused("scores", message, SupportErrorCode.SCORES_MISSING)
    result = application_computation(application, year=application.cap_year or moscow_date().year)
    amount = min(result.total, application.requested_amount or 0)
    if amount <= 0:
        raise ValidationError(
            _("Nothing is left to award after the cuts and caps: reject the application instead."),
            code=SupportErrorCode.NOTHING_TO_AWARD,
        )
    application.awarded_computation = {**result.as_json(), "awarded": str(amount)}
    application.save(update_fields=["awarded_computation", "updated_at"])
    award_create(application=application, amount=amount, actor=actor)


def _under_review(application: GrantApplication) -> GrantApplication:
    locked = reviews.submission_locked(submission=application)
    if locked.case.status not in AWAITING_FUND:
        raise Conflict(
            _("Application %(number)s is %(status)s: it is not under review.")
            % {"number": locked.case.number, "status": locked.case.get_status_display()},
            code=ReviewErrorCode.CASE_STATE,
            extra={"case_status": locked.case.status},
        )
    return locked


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
