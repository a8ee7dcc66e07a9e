"""After the award: the contract the buyer records, the delivery it confirms (which completes
the order, and makes it a supply link of the cooperation chains where both sides share an
intersectoral cluster), and the two sides' ratings of each other. Each write takes the
order's row lock first, like every write of the exchange, audits and notifies in the same
transaction: a refusal writes nothing."""

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innocluster.core.audit import audit_record, change
from innocluster.core.errors import Conflict, NotFound
from innocluster.features.chains.services import supply_link_from_order

from .. import notifications
from .. import selectors as sel
from ..choices import Status
from ..errors import ExchangeErrorCode as E
from ..models import Contract, Rating
from .common import locked, refuse

MAX_CONTRACT_YEARS = 10


def _award_of(order):
    if order.status != Status.AWARDED:
        raise Conflict(_("The order is not awarded; there is no contract to record."),
                       code=E.NOT_AWARDED)  # fmt: skip
    return order.award


@transaction.atomic
def contract_record(
    *, order, actor, amount: Decimal, signed_on: dt.date, starts_on: dt.date, ends_on: dt.date,
    number: str = "",
) -> Contract:  # fmt: skip
    """The buyer records the contract signed with the awarded supplier: its amount with VAT,
    when it was signed, the period of performance. Once per order (a second is a conflict,
    two at once serialized by the order's lock); refused on an order not awarded, with a
    non-positive amount, a signature in the future or before the award, or an end before the
    start."""
    order = locked(order)
    award = _award_of(order)
    if not sel.is_buyer_person(user=actor, order=order):
        raise refuse("order", _("Only the buyer records the contract."), E.NOT_A_BUYER)
    if Contract.objects.filter(order=order).exists():
        raise Conflict(_("The contract is already recorded."), code=E.CONTRACT_EXISTS)
    today = timezone.localdate()
    if amount is None or amount <= 0:
        raise refuse("amount", _("The amount must be above zero."), E.CONTRACT_INVALID)
    if signed_on > today:
        raise refuse("signed_on", _("A contract is recorded once it is signed, not before."),
                     E.CONTRACT_INVALID)  # fmt: skip
    if signed_on < timezone.localdate(award.awarded_at):
        raise refuse("signed_on", _("The contract cannot be signed before the award."),
                     E.CONTRACT_INVALID)  # fmt: skip
    if ends_on < starts_on:
        raise refuse("ends_on", _("The end cannot come before the start."), E.CONTRACT_INVALID)
    if ends_on > starts_on + dt.timedelta(days=365 * MAX_CONTRACT_YEARS):
        raise refuse("ends_on", _("A contract of the exchange lasts at most ten years."),
                     E.CONTRACT_INVALID)  # fmt: skip
    contract = Contract(
        order=order, award=award, number=number.strip(), amount=amount, signed_on=signed_on,
        starts_on=starts_on, ends_on=ends_on, recorded_by=actor,
    )  # fmt: skip
    contract.full_clean(exclude=["order", "award", "recorded_by"])
    try:
        with transaction.atomic():
            contract.save()
    except IntegrityError:  # the lock makes this unreachable; the one-to-one stays the guard
        raise Conflict(_("The contract is already recorded."), code=E.CONTRACT_EXISTS) from None
    audit_record(
        actor=actor, action="exchange.contract_recorded", target=order,
        organization=order.organization,
        changes={"amount": change(None, f"{amount:.2f}")},
    )  # fmt: skip
    notifications.contract_recorded(contract, actor=actor)
    return contract


@transaction.atomic
def delivery_confirm(*, order, actor, delivered_on: dt.date):
    """The buyer confirms the supplier delivered: the order is complete. Where the buyer and
    the supplier are members of one intersectoral cluster, the supply becomes a confirmed
    link of the cooperation chains in the same transaction. Refused without a contract, a
    second time, with a date in the future or before the contract was signed."""
    order = locked(order)
    _award_of(order)
    if not sel.is_buyer_person(user=actor, order=order):
        raise refuse("order", _("Only the buyer confirms the delivery."), E.NOT_A_BUYER)
    contract = (
        Contract.objects.select_for_update()
        .select_related("award__offer__organization", "order__organization")
        .filter(order=order)
        .first()
    )
    if contract is None:
        raise Conflict(_("Record the contract first."), code=E.NO_CONTRACT)
    if contract.is_delivered:
        raise Conflict(_("The delivery is already confirmed."), code=E.ALREADY_DELIVERED)
    if delivered_on > timezone.localdate():
        raise refuse("delivered_on", _("A delivery is confirmed once it has come."),
                     E.CONTRACT_INVALID)  # fmt: skip
    if delivered_on < contract.signed_on:
        raise refuse("delivered_on", _("The delivery cannot come before the contract."),
                     E.CONTRACT_INVALID)  # fmt: skip
    contract.delivered_on = delivered_on
    contract.delivery_confirmed_by, contract.delivery_confirmed_at = actor, timezone.now()
    contract.save(update_fields=["delivered_on", "delivery_confirmed_by", "delivery_confirmed_at"])
    audit_record(
        actor=actor, action="exchange.delivered", target=order, organization=order.organization
    )
    supply_link_from_order(
        supplier=contract.award.offer.organization, customer=contract.order.organization,
        subject=order.title, starts_on=contract.starts_on, actor=actor,
    )  # fmt: skip
    notifications.delivered(contract, actor=actor)
    return contract


@transaction.atomic
def rating_give(*, order, actor, score, comment: str = "", organization=None) -> Rating:
    """One side of a completed order rates the other, 1 to 5 with a comment, once. `actor`
    acts for the rating side (`organization`, needed only when it acts for both); anybody
    else is told there is no such order (404). A second rating of the same side is a
    conflict, two at once serialized by the order's lock and the unique constraint."""
    order = locked(order)
    order = sel.order_get_party(user=actor, pk=order.pk)
    sides = sel.party_organizations(user=actor, order=order)
    if organization is not None:
        organization_id = getattr(organization, "pk", organization)
        if organization_id not in sides:
            raise NotFound(_("No such order."))
        sides = [organization_id]
    if len(sides) != 1:
        raise refuse("organization", _("Say for which side you rate."), "required")
    buyer, supplier = order.organization, order.award.offer.organization
    rater, rated = (buyer, supplier) if sides[0] == buyer.pk else (supplier, buyer)
    contract = Contract.objects.filter(order=order).first()
    if contract is None or not contract.is_delivered:
        raise Conflict(_("The sides rate each other once the delivery is confirmed."),
                       code=E.NOT_DELIVERED)  # fmt: skip
    if type(score) is not int or not 1 <= score <= 5:  # a bool or "5" is no score
        raise refuse("score", _("Give a score from 1 to 5."), E.BAD_SCORE)
    if Rating.objects.filter(order=order, rater=rater).exists():
        raise Conflict(_("Your side has already rated this order."), code=E.ALREADY_RATED)
    rating = Rating(
        order=order, rater=rater, rated=rated, score=score,
        comment=str(comment).strip(), rated_by=actor,
    )  # fmt: skip
    rating.full_clean(exclude=["order", "rater", "rated", "rated_by"])
    try:
        with transaction.atomic():
            rating.save()
    except IntegrityError:
        raise Conflict(_("Your side has already rated this order."), code=E.ALREADY_RATED) from None
    audit_record(
        actor=actor, action="exchange.rated", target=order, organization=rater,
        changes={"score": change(None, score)},
    )  # fmt: skip
    notifications.rated(rating, actor=actor)
    return rating
