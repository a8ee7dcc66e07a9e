"""Applying for a support measure: a draft filled from the profile, itemized costs with their
documents, the measure's required documents, and the submission that fixes the requested
amount under the yearly-cap lock."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from innocluster.core.calendar import moscow_date
from innocluster.core.filters import id_or_none
from innocluster.core.uploads import sha256_of
from innocluster.platform.organizations.models import Organization
from innocluster.platform.reviews import services as reviews
from innocluster.platform.reviews.choices import AWAITING_FUND, CaseStatus
from innocluster.platform.reviews.errors import ReviewErrorCode
from innocluster.platform.reviews.kinds import missing_contact

from ..choices import CostCategory, Origin, OverCapPolicy
from ..eligibility import eligibility
from ..errors import SupportErrorCode, refused
from ..models import Award, CostItem, GrantApplication, Measure
from ..money import Computation, compute, rule_for
from .pilots import pilot_check_on_submit

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
            raise refused("description", message, SupportErrorCode.TOO_MANY_ITEMS)
        claimed = application.items.aggregate(total=Sum("amount"))["total"] or 0
        if claimed + amount > MAX_AMOUNT:
            message = _("The costs of one application are too large.")
            raise refused("amount", message, SupportErrorCode.TOO_LARGE)
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
        reviews.row_delete_with_file(
            application.items.filter(pk=id_or_none(item_id)).first(), "document"
        )


def money_value(value, *, field: str, allow_zero: bool = False) -> Decimal:
    """A Decimal amount in roubles: numeric, at most two decimals, positive (or zero)."""
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        amount = None
    if amount is None or not amount.is_finite():
        raise refused(field, _("Enter an amount in roubles, e.g. 1250000.50."), "invalid")
    # Django's own codes, as a DecimalField with these limits would give them.
    if amount.as_tuple().exponent < -2:
        raise refused(field, _("At most two decimal places (kopecks)."), "max_decimal_places")
    if amount < 0 or (amount == 0 and not allow_zero):
        raise refused(field, _("The amount must be more than zero."), "min_value")
    if amount > MAX_AMOUNT:
        raise refused(field, _("The amount is too large."), "max_value")
    return amount.quantize(Decimal("0.01"))


def _item_errors(measure, description, category, origin) -> dict:
    errors: dict[str, list] = {}
    if not (description or "").strip():
        errors["description"] = [ValidationError(_("Describe the cost."), code="required")]
    elif len(description.strip()) > 300:
        errors["description"] = [ValidationError(_("At most 300 characters."), code="max_length")]
    if origin not in (Origin.DOMESTIC, Origin.IMPORTED):
        message = _("Choose domestic or imported.")
        errors["origin"] = [ValidationError(message, code="invalid_choice")]
    covered = [rule.category for rule in measure.cost_rules.all()]
    if (
        category not in CostCategory.values
        or rule_for(measure.cost_rules.all(), category, origin) is None
    ):
        labels = sorted({str(CostCategory(code).label) for code in covered})
        message = _("This measure covers: %(categories)s.") % {"categories": ", ".join(labels)}
        errors["category"] = [ValidationError(message, code=SupportErrorCode.NOT_COVERED)]
    return errors


def require_eligible(found) -> None:
    if found.unmet:
        reasons = "; ".join(f"{check.requirement} ({check.detail})" for check in found.unmet)
        raise ValidationError(
            _("The organization does not meet the measure's conditions: %(reasons)s.")
            % {"reasons": reasons},
            code=SupportErrorCode.NOT_ELIGIBLE,
        )
    if found.open_call is None:
        raise _call_closed(found.next_call)


def _call_closed(next_call) -> ValidationError:
    message = _("Applications to this measure are not accepted now.")
    if next_call is not None:
        message += " " + _("The next call opens on %(day)s.") % {
            "day": date_format(next_call.opens_on, "SHORT_DATE_FORMAT")
        }
    return ValidationError(message, code=SupportErrorCode.CALL_CLOSED)


# --- what the review pipeline calls -------------------------------------------------------


def grant_check_complete(case) -> None:
    """Every missing item at once; then, for a first submission, that the fund still offers
    the measure and its call is open (a resubmission answers the fund: no window), and that
    the organization still qualifies."""
    application = case.grant_application
    errors = missing_contact(application)
    if not application.purpose.strip():
        errors["purpose"] = [ValidationError(_("Say what the support is for."), code="required")]
    items = list(application.items.all())
    if not items:
        message = _("Add at least one cost with its supporting document.")
        errors["items"] = [ValidationError(message, code="required")]
    rules = list(application.measure.cost_rules.all())
    for item in items:
        if rule_for(rules, item.category, item.origin) is None:
            message = _("The measure no longer covers “%(item)s”: remove it.") % {
                "item": item.description
            }
            errors.setdefault("items", []).append(
                ValidationError(message, code=SupportErrorCode.NOT_COVERED)
            )
    present = set(application.documents.values_list("requirement_id", flat=True))
    for requirement in application.measure.required_documents.all():
        if requirement.pk not in present:
            message = _("Attach: %(document)s.") % {"document": requirement.title}
            errors.setdefault("documents", []).append(
                ValidationError(message, code=ReviewErrorCode.MISSING_DOCUMENT)
            )
    if errors:
        raise ValidationError(errors)
    if case.submitted_at is None and not application.measure.is_published:
        raise ValidationError(
            _("The fund no longer offers this measure: the draft cannot be submitted."),
            code=SupportErrorCode.MEASURE_WITHDRAWN,
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
    pilot_check_on_submit(application)
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
        raise refused("items", message, SupportErrorCode.TOO_LARGE)
    if result.total <= 0:
        message = _("Nothing can be requested: %(caps)s.") % {"caps": caps}
        raise refused("items", message, SupportErrorCode.ABOVE_CAP)
    if result.caps and measure.over_cap_policy == OverCapPolicy.REFUSE:
        message = _("The request is above the measure's cap, which it does not reduce: %(caps)s.")
        raise refused("items", message % {"caps": caps}, SupportErrorCode.ABOVE_CAP)


def _refuse_more_after_the_window(application: GrantApplication, result: Computation) -> None:
    """Answering the fund after the call closed may lower the request, never raise it."""
    earlier = application.requested_amount
    if earlier is not None and not application.call.is_open() and result.total > earlier:
        message = _(
            "The call is closed: the application can ask for at most the %(amount)s RUB it asked "
            "for when it was submitted."
        ) % {"amount": earlier}
        raise refused("items", message, SupportErrorCode.CALL_CLOSED)


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
