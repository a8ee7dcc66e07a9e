"""Applying for a support measure: a draft filled from the profile, itemized costs with their
documents, the measure's required documents, and the submission that fixes the requested
amount under the yearly-cap lock."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from innocluster.core.calendar import moscow_date
from innocluster.core.uploads import sha256_of
from innocluster.platform.organizations.models import Organization
from innocluster.platform.reviews import services as reviews
from innocluster.platform.reviews.choices import AWAITING_FUND, CaseStatus
from innocluster.platform.reviews.kinds import missing_contact

from ..choices import CostCategory, Origin, OverCapPolicy
from ..eligibility import eligibility
from ..models import Award, CostItem, GrantApplication, Measure
from ..money import Computation, compute, rule_for

CASE_KIND = "support.grant"
EDITABLE_FIELDS = ("purpose", "contact_name", "contact_position", "contact_phone", "contact_email")
# A pending application holds its requested amount against the yearly cap until decided.
RESERVING_STATUSES = (*AWAITING_FUND, CaseStatus.INFO_REQUESTED)
MAX_ITEMS = 200
MAX_AMOUNT = Decimal("999999999999.99")


def grant_application_create(
    *, measure: Measure, organization, actor, **fields
) -> GrantApplication:
    """Open a draft for a measure the organization may apply to now (an open call, every
    criterion met); the contact is whoever opens it, from their profile."""
    return reviews.submission_create(
        kind=CASE_KIND,
        organization=organization,
        actor=actor,
        fields={"measure": measure, **fields},
    )


def cost_item_add(
    *,
    application: GrantApplication,
    actor,
    description: str,
    category: str,
    origin: str,
    amount,
    upload,
) -> CostItem:
    """Add one cost: its category must be one the measure covers (for its origin), its amount
    positive with at most two decimals, its supporting document a PDF."""
    amount = money_value(amount, field="amount")
    errors = _item_errors(application.measure, description, category, origin)
    if errors:
        raise ValidationError(errors)
    reviews.check_pdf(upload, field="document")
    with transaction.atomic():
        application = reviews.submission_locked_for_change(submission=application, actor=actor)
        if application.items.count() >= MAX_ITEMS:
            message = _("At most %(n)d cost items per application.") % {"n": MAX_ITEMS}
            raise ValidationError({"description": [message]})
        claimed = application.items.aggregate(total=Sum("amount"))["total"] or 0
        if claimed + amount > MAX_AMOUNT:
            raise ValidationError({"amount": [_("The costs of one application are too large.")]})
        return CostItem.objects.create(
            application=application,
            description=description.strip(),
            category=category,
            origin=origin,
            amount=amount,
            document=upload,
            document_name=(upload.name or "document.pdf")[-200:],
            document_sha256=sha256_of(upload),
        )


def cost_item_remove(*, application: GrantApplication, actor, item_id) -> None:
    with transaction.atomic():
        application = reviews.submission_locked_for_change(submission=application, actor=actor)
        reviews.row_delete_with_file(application.items.filter(pk=_int(item_id)).first(), "document")


def money_value(value, *, field: str, allow_zero: bool = False) -> Decimal:
    """A Decimal amount in roubles: numeric, at most two decimals, positive (or zero)."""
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError(
            {field: [_("Enter an amount in roubles, e.g. 1250000.50.")]}
        ) from None
    if not amount.is_finite():
        raise ValidationError({field: [_("Enter an amount in roubles, e.g. 1250000.50.")]})
    if amount.as_tuple().exponent < -2:
        raise ValidationError({field: [_("At most two decimal places (kopecks).")]})
    if amount < 0 or (amount == 0 and not allow_zero):
        raise ValidationError({field: [_("The amount must be more than zero.")]})
    if amount > MAX_AMOUNT:
        raise ValidationError({field: [_("The amount is too large.")]})
    return amount.quantize(Decimal("0.01"))


def _item_errors(measure, description, category, origin) -> dict:
    errors: dict[str, list] = {}
    if not (description or "").strip():
        errors["description"] = [_("Describe the cost.")]
    elif len(description.strip()) > 300:
        errors["description"] = [_("At most 300 characters.")]
    if origin not in (Origin.DOMESTIC, Origin.IMPORTED):
        errors["origin"] = [_("Choose domestic or imported.")]
    covered = [rule.category for rule in measure.cost_rules.all()]
    if (
        category not in CostCategory.values
        or rule_for(measure.cost_rules.all(), category, origin) is None
    ):
        labels = sorted({str(CostCategory(code).label) for code in covered})
        errors["category"] = [
            _("This measure covers: %(categories)s.") % {"categories": ", ".join(labels)}
        ]
    return errors


def require_eligible(found) -> None:
    if found.unmet:
        reasons = "; ".join(f"{check.requirement} ({check.detail})" for check in found.unmet)
        raise ValidationError(
            _("The organization does not meet the measure's conditions: %(reasons)s.")
            % {"reasons": reasons},
            code="not_eligible",
        )
    if found.open_call is None:
        raise _call_closed(found.next_call)


def _call_closed(next_call) -> ValidationError:
    message = _("Applications to this measure are not accepted now.")
    if next_call is not None:
        message += " " + _("The next call opens on %(day)s.") % {
            "day": next_call.opens_on.strftime("%d.%m.%Y")
        }
    return ValidationError(message, code="call_closed")


# --- what the review pipeline calls -------------------------------------------------------


def grant_check_complete(case) -> None:
    """Every missing item at once; then, for a first submission, that the fund still offers
    the measure and its call is open (a resubmission answers the fund: no window), and that
    the organization still qualifies."""
    application = case.grant_application
    errors = missing_contact(application)
    if not application.purpose.strip():
        errors["purpose"] = [_("Say what the support is for.")]
    items = list(application.items.all())
    if not items:
        errors["items"] = [_("Add at least one cost with its supporting document.")]
    rules = list(application.measure.cost_rules.all())
    for item in items:
        if rule_for(rules, item.category, item.origin) is None:
            errors.setdefault("items", []).append(
                _("The measure no longer covers “%(item)s”: remove it.")
                % {"item": item.description}
            )
    present = set(application.documents.values_list("requirement_id", flat=True))
    for requirement in application.measure.required_documents.all():
        if requirement.pk not in present:
            errors.setdefault("documents", []).append(
                _("Attach: %(document)s.") % {"document": requirement.title}
            )
    if errors:
        raise ValidationError(errors)
    if case.submitted_at is None and not application.measure.is_published:
        raise ValidationError(
            _("The fund no longer offers this measure: the draft cannot be submitted."),
            code="measure_withdrawn",
        )
    found = eligibility(measure=application.measure, organization=case.organization)
    if case.submitted_at is None and not application.call.is_open():
        raise _call_closed(found.next_call)
    if found.unmet:
        require_eligible(found)


def grant_reserve_on_submit(case) -> None:
    """Fix the requested amount and the profile the reviewer decides on.

    Race-safe yearly cap: the organization's row is locked first, so two submissions of the
    same company wait for each other and the second one sees the first one's reservation.
    """
    Organization.objects.select_for_update().filter(pk=case.organization_id).first()
    application = case.grant_application
    year = moscow_date().year
    result = application_computation(application, year=year, accepted=False)
    _refuse_if_capped_out(application.measure, result)
    _refuse_more_after_the_window(application, result)
    application.requested_amount = result.total
    application.computation = result.as_json()
    application.cap_year = year
    fields = ["requested_amount", "computation", "cap_year", "updated_at"]
    application.save(update_fields=fields)
    reviews.submission_keep_profile(submission=application)


def _refuse_if_capped_out(measure, result: Computation) -> None:
    caps = "; ".join(result.caps)
    if result.total > MAX_AMOUNT:
        message = _("The requested amount is too large.")
        raise ValidationError({"items": ValidationError(message, code="too_large")})
    if result.total <= 0:
        message = _("Nothing can be requested: %(caps)s.") % {"caps": caps}
        raise ValidationError({"items": ValidationError(message, code="above_cap")})
    if result.caps and measure.over_cap_policy == OverCapPolicy.REFUSE:
        message = _("The request is above the measure's cap, which it does not reduce: %(caps)s.")
        refusal = ValidationError(message % {"caps": caps}, code="above_cap")
        raise ValidationError({"items": refusal})


def _refuse_more_after_the_window(application: GrantApplication, result: Computation) -> None:
    """Answering the fund after the call closed may lower the request, never raise it."""
    earlier = application.requested_amount
    if earlier is not None and not application.call.is_open() and result.total > earlier:
        message = _(
            "The call is closed: the application can ask for at most the %(amount)s RUB it asked "
            "for when it was submitted."
        ) % {"amount": earlier}
        raise ValidationError({"items": ValidationError(message, code="call_closed")})


def application_computation(
    application: GrantApplication, *, year: int | None = None, accepted: bool = True
) -> Computation:
    """The amount by the measure's rules: on the reviewer's accepted costs (`accepted`) or on
    the costs as claimed, with what is left of the company's yearly cap."""
    measure = application.measure
    items = list(application.items.all())
    if not accepted:
        for item in items:
            item.accepted_amount = None
    return compute(
        rules=list(measure.cost_rules.all()),
        items=items,
        cap_per_application=measure.cap_per_application,
        yearly_left=yearly_left(application, year=year or moscow_date().year),
    )


def yearly_left(application: GrantApplication, *, year: int) -> Decimal | None:
    """What the company may still get from the measure in `year`: the cap less its awards and
    the requested amounts of its other pending applications."""
    measure = application.measure
    if measure.cap_per_company_year is None:
        return None
    organization_id = application.case.organization_id
    awarded = Award.objects.filter(
        measure=measure, organization_id=organization_id, year=year
    ).aggregate(total=Sum("amount"))["total"]
    pending = (
        GrantApplication.objects.filter(
            measure=measure,
            case__organization_id=organization_id,
            case__status__in=RESERVING_STATUSES,
            cap_year=year,
        )
        .exclude(pk=application.pk)
        .aggregate(total=Sum("requested_amount"))["total"]
    )
    return measure.cap_per_company_year - (awarded or 0) - (pending or 0)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
