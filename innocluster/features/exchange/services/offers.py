"""Sealed offers: submitted, changed or withdrawn until the deadline, each version's hash on
the ledger."""

import hashlib
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innocluster.core.audit import audit_record
from innocluster.core.errors import Conflict
from innocluster.platform.ledger.encoding import canonical_json
from innocluster.platform.ledger.services import ledger_append

from .. import notifications
from .. import selectors as sel
from ..choices import CURRENCY, VAT_RATES, OfferStatus, Status
from ..errors import ExchangeErrorCode as E
from ..models import Offer, OfferLine
from .common import SEALED_OFFERS_SUBJECT, locked, refuse


def offer_content(offer, lines) -> dict:
    """What an offer's hash covers: everything the supplier offered, its version and a secret
    nonce (shown after the opening), so that anyone can recompute it then and nobody can
    guess a price from it before."""
    return {
        "order": offer.order_id,
        "supplier": offer.organization_id,
        "version": offer.version,
        "currency": offer.currency,
        "lead_time_days": offer.lead_time_days,
        "comment": offer.comment,
        "lines": [
            {"item": line.item_id, "price": f"{line.price:.2f}", "vat_rate": f"{line.vat_rate:.1f}"}
            for line in sorted(lines, key=lambda line: line.item_id)
        ],
        "nonce": offer.nonce,
    }


def offer_hash(offer, lines) -> str:
    return hashlib.sha256(canonical_json(offer_content(offer, lines)).encode()).hexdigest()


def _check_open(order) -> None:
    if order.status != Status.PUBLISHED or timezone.now() >= order.offers_until:
        raise Conflict(_("Offers on this order are closed."), code=E.OFFERS_CLOSED)


def _check_supplier(order, organization, actor) -> None:
    if organization.pk == order.organization_id:
        raise refuse(
            "organization", _("A supplier cannot offer on its own organization's order."),
            E.OWN_ORDER,
        )  # fmt: skip
    if not sel.supplying_organizations(user=actor, order=order).filter(pk=organization.pk).exists():
        raise refuse(
            "organization",
            _(
                "Offers come from an owner or editor of a participant or partner of the "
                "cluster, or of an invited supplier."
            ),
            E.NOT_ALLOWED_SUPPLIER,
        )


def _lines(order, lines: list[dict]) -> list[OfferLine]:
    items = {item.pk: item for item in order.items.all()}
    given = [line.get("item") for line in lines]
    given = [getattr(item, "pk", item) for item in given]
    if sorted(given, key=str) != sorted(items, key=str):
        raise refuse("lines", _("Give one price for each item of the order."), E.ITEMS_MISMATCH)
    rows = []
    for line, item_id in zip(lines, given, strict=True):
        price, vat = _decimal(line.get("price")), _decimal(line.get("vat_rate"))
        if price is None or price < 0:
            raise refuse("lines", _("A price is zero or more roubles."), E.NEGATIVE_PRICE)
        if vat not in VAT_RATES:
            raise refuse("lines", _("The VAT rate is 0, 10 or 20 %."), E.BAD_VAT_RATE)
        rows.append(
            OfferLine(item=items[item_id], price=price.quantize(Decimal("0.01")), vat_rate=vat)
        )
    return rows


def _decimal(value) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None
    return number if number.is_finite() and abs(number) < Decimal("1e12") else None


@transaction.atomic
def offer_submit(
    *, order, organization, actor, lead_time_days: int, lines: list[dict], comment: str = "",
    currency: str = CURRENCY,
) -> Offer:  # fmt: skip
    """Submit `organization`'s offer on `order`, or change the one it has (an offer per
    supplier: a second submission is a change). Refused at the deadline or after it by the
    server's clock, checked under the order's lock; in another currency than roubles; with a
    negative price; on the supplier's own order. The new version's SHA-256 goes on the
    ledger in the same transaction."""
    order = locked(order)
    _check_open(order)
    _check_supplier(order, organization, actor)
    if currency != CURRENCY:
        raise refuse("currency", _("Offers are in roubles (RUB) only."), E.WRONG_CURRENCY)
    rows = _lines(order, lines)
    offer = Offer.objects.filter(order=order, organization=organization).first()
    changed = offer is not None
    if offer is None:
        offer = Offer(order=order, organization=organization, version=0)
    offer.version += 1
    offer.status, offer.submitted_by = OfferStatus.SUBMITTED, actor
    offer.lead_time_days, offer.comment, offer.currency = lead_time_days, comment, currency
    offer.full_clean(exclude=["order", "organization", "submitted_by", "sha256"])
    for row in rows:
        row.offer = offer
    offer.sha256 = offer_hash(offer, rows)
    try:
        with transaction.atomic():
            offer.save()
    except IntegrityError:  # the order's lock makes this unreachable; the constraint stays
        raise Conflict(_("This supplier has already offered."), code=E.OFFERS_CLOSED) from None
    offer.lines.all().delete()
    OfferLine.objects.bulk_create(rows)
    ledger_append(
        kind="exchange.offer_sealed", subject=SEALED_OFFERS_SUBJECT,
        payload={"offer_sha256": offer.sha256, "version": offer.version},
    )  # fmt: skip
    action = "exchange.offer_changed" if changed else "exchange.offer_submitted"
    audit_record(actor=actor, action=action, target=offer, organization=organization)
    notifications.offer_sealed(offer)
    return offer


@transaction.atomic
def offer_withdraw(*, offer, actor) -> Offer:
    """Withdraw an offer until the deadline; it is then never awarded."""
    order = locked(offer.order)
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    _check_open(order)
    if offer.organization_id not in sel.organization_ids_of(actor, sel.ACTING):
        raise refuse("offer", _("Only the supplier withdraws its offer."), E.NOT_ALLOWED_SUPPLIER)
    if offer.status == OfferStatus.WITHDRAWN:
        raise Conflict(_("The offer is already withdrawn."), code=E.OFFER_WITHDRAWN)
    offer.status = OfferStatus.WITHDRAWN
    offer.save(update_fields=["status", "updated_at"])
    ledger_append(
        kind="exchange.offer_withdrawn", subject=SEALED_OFFERS_SUBJECT,
        payload={"offer_sha256": offer.sha256},
    )  # fmt: skip
    audit_record(
        actor=actor, action="exchange.offer_withdrawn", target=offer,
        organization=offer.organization,
    )  # fmt: skip
    return offer
