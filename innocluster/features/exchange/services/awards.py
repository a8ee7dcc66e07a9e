"""The opening of an order's offers at its deadline, and the buyer's award or cancellation."""

import hashlib

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innocluster.core.audit import audit_record
from innocluster.core.errors import Conflict, NotFound
from innocluster.platform.ledger.services import ledger_append

from .. import notifications
from .. import selectors as sel
from ..choices import OfferStatus, Status
from ..comparison import offer_total
from ..errors import ExchangeErrorCode as E
from ..models import Award, Offer, Order
from .common import locked, refuse, subject


def opened_digest(hashes: list[str]) -> str:
    """The SHA-256 of the opened offers' hashes, sorted, one a line: one fixed-size value on
    the ledger for any number of offers (each hash is on it already, from its submission), so
    the set opened can be checked against the sealed entries before the deadline."""
    return hashlib.sha256("\n".join(sorted(hashes)).encode()).hexdigest()


def orders_open_due(*, now=None) -> int:
    """Open every published order whose deadline has passed (the opening task and the daily
    sweep call this); each in its own transaction. Returns how many were opened."""
    now = now or timezone.now()
    due = Order.objects.filter(status=Status.PUBLISHED, offers_until__lte=now)
    return sum(order_open(order_id=pk, now=now) for pk in due.values_list("pk", flat=True))


@transaction.atomic
def order_open(*, order_id: int, now=None) -> bool:
    """Open the offers of order `order_id` if its deadline has passed and it is not open
    yet (run twice, it opens once). The hashes of the offers opened go on the ledger."""
    now = now or timezone.now()
    order = Order.objects.select_for_update().filter(pk=order_id).first()
    if order is None or order.status != Status.PUBLISHED or order.offers_until > now:
        return False
    order.status, order.opened_at = Status.OPENED, now
    order.save(update_fields=["status", "opened_at"])
    offers = order.offers.filter(status=OfferStatus.SUBMITTED)
    hashes = sorted(offers.values_list("sha256", flat=True))
    ledger_append(
        kind="exchange.order_opened", subject=subject(order),
        payload={"order": order.pk, "count": len(hashes), "offers_sha256": opened_digest(hashes)},
    )  # fmt: skip
    notifications.order_opened(order, count=len(hashes))
    return True


def _check_decider(order, actor) -> None:
    if not sel.is_buyer_person(user=actor, order=order):
        raise refuse("order", _("Only the buyer decides on its order."), E.NOT_A_BUYER)
    if order.status in (Status.AWARDED, Status.CANCELLED):
        raise Conflict(_("The order is already decided."), code=E.ALREADY_DECIDED)


@transaction.atomic
def order_award(*, order, offer_id, actor, reason: str) -> Award:
    """Award the opened order to one of its submitted offers, with a reason, once: a second
    award (at the same moment too, serialized by the order's lock) is a conflict. The award
    goes on the ledger; every supplier is told, the losers with the winning price."""
    order = locked(order)
    _check_decider(order, actor)
    if order.status != Status.OPENED:
        raise Conflict(_("Offers are opened at the deadline; award after it."), code=E.NOT_OPENED)
    offer = Offer.objects.filter(order=order, pk=offer_id).first()
    if offer is None:
        raise NotFound(_("No such offer on this order."))
    if offer.status == OfferStatus.WITHDRAWN:
        raise Conflict(_("A withdrawn offer cannot be awarded."), code=E.OFFER_WITHDRAWN)
    if not str(reason).strip():
        raise refuse("reason", _("Give the reason for the award."), "required")
    award = Award(
        order=order, offer=offer, amount=offer_total(offer.lines.all(), with_vat=True),
        reason=reason, awarded_by=actor,
    )  # fmt: skip
    award.full_clean(exclude=["order", "offer", "awarded_by"])
    award.save()
    order.status, order.decided_at = Status.AWARDED, timezone.now()
    order.save(update_fields=["status", "decided_at"])
    ledger_append(
        kind="exchange.order_awarded", subject=subject(order),
        payload={"order": order.pk, "offer_sha256": offer.sha256, "amount": f"{award.amount:.2f}"},
    )  # fmt: skip
    audit_record(
        actor=actor, action="exchange.awarded", target=order, organization=order.organization
    )
    notifications.order_awarded(order, award)
    return award


@transaction.atomic
def order_cancel(*, order, actor, reason: str) -> Order:
    """Cancel a published or opened order with a reason; suppliers who offered are told."""
    order = locked(order)
    _check_decider(order, actor)
    if order.status == Status.DRAFT:
        raise Conflict(
            _("A draft is not published; there is nothing to cancel."), code=E.NOT_A_DRAFT
        )
    if not str(reason).strip():
        raise refuse("reason", _("Give the reason for cancelling."), "required")
    order.status, order.decided_at, order.cancel_reason = Status.CANCELLED, timezone.now(), reason
    order.full_clean(exclude=["search_text", "organization", "created_by"])
    order.save(update_fields=["status", "decided_at", "cancel_reason"])
    audit_record(
        actor=actor, action="exchange.cancelled", target=order, organization=order.organization
    )
    notifications.order_cancelled(order)
    return order
