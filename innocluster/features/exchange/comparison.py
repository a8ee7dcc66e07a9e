"""The comparison of an opened order's offers: per item and in total, sorted by the order's
criteria. Built from two queries whatever the number of offers."""

from dataclasses import dataclass, field
from decimal import Decimal

from .choices import WEIGHTS_TOTAL, Criteria, OfferStatus
from .models import OfferLine
from .selectors import supplier_ratings

CENT = Decimal("0.01")


def offer_total(lines, *, with_vat: bool) -> Decimal:
    total = Decimal(0)
    for line in lines:
        total += line.price * (1 + line.vat_rate / 100) if with_vat else line.price
    return total.quantize(CENT)


@dataclass
class Row:
    offer: object
    total: Decimal = Decimal(0)
    total_with_vat: Decimal = Decimal(0)
    prices: dict = field(default_factory=dict)  # item id -> price without VAT
    score: float = 0.0  # the weighted criteria's score, 0–100 (higher is better)
    rating: float | None = None


def comparison(order, offers) -> list[Row]:
    """`offers` (the caller's visible ones: selectors.offer_list_visible) as rows, the
    best first: by total with VAT for the lowest price; by the weighted score otherwise (each
    part scaled to the best offer's: the cheapest price and shortest lead time score fully;
    the rating, the supplier's average from completed orders, counts its share of 5; one
    never rated scores nothing there)."""
    rows = {o.pk: Row(offer=o) for o in offers if o.status == OfferStatus.SUBMITTED}
    for line in OfferLine.objects.filter(offer_id__in=rows).only(
        "offer_id", "item_id", "price", "vat_rate"
    ):
        row = rows[line.offer_id]
        row.prices[line.item_id] = line.price
        row.total += line.price
        row.total_with_vat += line.price * (1 + line.vat_rate / 100)
    result = list(rows.values())
    ratings = supplier_ratings({row.offer.organization_id for row in result})
    for row in result:
        rated = ratings.get(row.offer.organization_id)
        row.rating = float(rated.average) if rated else None
        row.total, row.total_with_vat = row.total.quantize(CENT), row.total_with_vat.quantize(CENT)
    if not result:
        return result
    cheapest = min(row.total_with_vat for row in result) or CENT
    fastest = min(row.offer.lead_time_days for row in result) or 1
    for row in result:
        price = float(cheapest / max(row.total_with_vat, CENT))
        lead = fastest / max(row.offer.lead_time_days, 1)
        rating = (row.rating or 0) / 5
        parts = (
            order.weight_price * price,
            order.weight_lead_time * lead,
            order.weight_rating * rating,
        )
        row.score = round(sum(parts) * 100 / WEIGHTS_TOTAL, 1)
    if order.criteria == Criteria.WEIGHTED:
        result.sort(key=lambda row: (-row.score, row.total_with_vat, row.offer.pk))
    else:
        result.sort(key=lambda row: (row.total_with_vat, row.offer.lead_time_days, row.offer.pk))
    return result


def per_item(order, rows: list[Row]) -> list[tuple]:
    """For each item: (item, [(row, price)] cheapest first)."""
    table = []
    for item in order.items.all():
        prices = [(row, row.prices[item.pk]) for row in rows if item.pk in row.prices]
        table.append((item, sorted(prices, key=lambda pair: pair[1])))
    return table
