"""Open contracting: the exchange's published orders as OCDS 1.1 releases and release
packages (https://standard.open-contracting.org/1.1/), with the bid extension's statistics.

One release per order, in its latest state: its `tag` lists the stages it has reached
(tender; award; contract; implementation once delivered; tenderCancellation). What the
exchange keeps sealed stays out: nothing about the offers before the opening (not even how
many), never a losing supplier's price or name, never a confidential file. The buyer's budget
only where it is shown to suppliers.

The bulk package is written as a stream (`package_chunks`): the orders are read in chunks
by primary key (keyset: each chunk one query for the orders with their award and contract,
one for the items, one for the files, one for the offer counts), so memory stays bounded
whatever the number of orders. Language: the managed lists' Russian names (the standard's
`language` is "ru")."""

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from innocluster.core.calendar import MOSCOW

from .choices import PUBLIC_STATUSES, Access, Criteria, OfferStatus, Status
from .models import Category, Item, Offer, Order, OrderFile, Unit

VERSION = "1.1"
BID_EXTENSION = (
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/"
    "v1.1.5/extension.json"
)
CURRENCY = "RUB"
CHUNK = 500
# The exchange's managed list of production processes and materials (no public scheme
# covers it: the standard's rule for a local list is the `x_` prefix).
ITEM_SCHEME = "x_innocluster_exchange"
UNIT_SCHEME = "OKEI"  # the Russian classifier of units ОК 015-94

TENDER_STATUS = {
    Status.PUBLISHED: "active",
    Status.OPENED: "active",
    Status.AWARDED: "complete",
    Status.CANCELLED: "cancelled",
}
AWARD_CRITERIA = {Criteria.LOWEST_PRICE: "priceOnly", Criteria.WEIGHTED: "ratedCriteria"}


def ocid(order_id: int) -> str:
    """The order's open contracting id: the registered prefix (settings.OCDS_PREFIX) and an
    identifier unique within this publisher."""
    return f"{settings.OCDS_PREFIX}-exchange-{order_id}"


def _date(value) -> str | None:
    if value is None:
        return None
    if not isinstance(value, dt.datetime):  # a date: the start of the day, Moscow time
        value = dt.datetime.combine(value, dt.time(0), tzinfo=MOSCOW)
    return value.isoformat()


def _amount(value: Decimal) -> dict:
    return {"amount": float(value), "currency": CURRENCY}


def _party_id(organization) -> str:
    scheme = "RU-OGRNIP" if organization.kind == "sole_proprietor" else "RU-OGRN"
    return f"{scheme}-{organization.ogrn}"


def _party(organization, roles: list[str]) -> dict:
    return {
        "id": _party_id(organization),
        "name": organization.short_name,
        "identifier": {
            "scheme": "RU-OGRNIP" if organization.kind == "sole_proprietor" else "RU-OGRN",
            "id": organization.ogrn,
            "legalName": organization.full_name,
        },
        "additionalIdentifiers": [{"scheme": "RU-INN", "id": organization.inn}],
        "address": {"streetAddress": organization.legal_address, "countryName": "Россия"},
        "roles": roles,
    }


def _reference(organization) -> dict:
    return {"id": _party_id(organization), "name": organization.short_name}


ITEM_FIELDS = ("order_id", "pk", "name", "material", "tolerances", "quantity", "category_id",
               "unit_id")  # fmt: skip


def _item(row, categories: dict, units: dict) -> dict:
    """An item from its row (ITEM_FIELDS); the managed lists are read once per package."""
    _order_id, pk, name, material, tolerances, quantity, category_id, unit_id = row
    category, unit = categories[category_id], units[unit_id]
    description = "; ".join(part for part in (name, material, tolerances) if part)
    return {
        "id": str(pk),
        "description": description,
        "classification": {
            "scheme": ITEM_SCHEME,
            "id": category.code,
            "description": category.name,
        },
        "quantity": float(quantity),
        "unit": {"scheme": UNIT_SCHEME, "id": unit.code, "name": unit.name},
    }


def _document(order_id, pk, name, uploaded_at) -> dict:
    path = reverse("exchange-order-download", args=[order_id, pk])
    return {
        "id": str(pk),
        "documentType": "technicalSpecifications",
        "title": name,
        "url": f"{settings.SITE_URL}{path}",
        "datePublished": _date(uploaded_at),
    }


def release(order, *, items: list[dict], documents: list[dict], bids: int | None) -> dict:
    """The release of one published `order` (loaded by `orders()`: its buyer, award and
    contract), its `items` and open `documents` (as `releases` makes them), `bids` the number
    of offers opened (None while they are sealed)."""
    the_ocid = ocid(order.pk)
    award = getattr(order, "award", None) if order.status == Status.AWARDED else None
    contract = getattr(award, "contract", None) if award else None
    buyer = _party(order.organization, ["buyer", "procuringEntity"])
    parties = [buyer]
    tags = ["tender"]
    dates = [order.published_at]
    tender = {
        "id": str(order.pk),
        "title": order.title,
        "status": TENDER_STATUS[order.status],
        "procuringEntity": _reference(order.organization),
        "items": items,
        "procurementMethod": "selective" if order.access == Access.INVITED else "open",
        "mainProcurementCategory": "goods",
        "awardCriteria": AWARD_CRITERIA[order.criteria],
        "submissionMethod": ["electronicSubmission"],
        "tenderPeriod": {
            "startDate": _date(order.published_at),
            "endDate": _date(order.offers_until),
        },
        "enquiryPeriod": {
            "startDate": _date(order.published_at),
            "endDate": _date(order.questions_until),
        },  # fmt: skip
    }
    if order.description:
        tender["description"] = order.description
    if order.criteria == Criteria.WEIGHTED:
        tender["awardCriteriaDetails"] = (
            f"price {order.weight_price}%, lead time {order.weight_lead_time}%, "
            f"rating {order.weight_rating}%"
        )
    if order.budget is not None and order.budget_public:
        tender["value"] = _amount(order.budget)
    if documents:
        tender["documents"] = documents
    result = {
        "ocid": the_ocid,
        "id": "",
        "date": None,
        "tag": tags,
        "initiationType": "tender",
        "language": "ru",
        "parties": parties,
        "buyer": _reference(order.organization),
        "tender": tender,
    }
    if order.opened_at is not None and bids is not None:
        tender["numberOfTenderers"] = bids
        result["bids"] = {"statistics": _statistics(order, bids)}
        dates.append(order.opened_at)
    if order.status == Status.CANCELLED:
        tags.append("tenderCancellation")
        tender["statusDetails"] = order.cancel_reason
        dates.append(order.decided_at)
    if award is not None:
        supplier = award.offer.organization
        parties.append(_party(supplier, ["supplier", "tenderer"]))
        result["awards"] = [
            {
                "id": str(award.pk),
                "title": order.title,
                "description": award.reason,
                "status": "active",
                "date": _date(award.awarded_at),
                "value": _amount(award.amount),
                "suppliers": [_reference(supplier)],
                "items": items,
            }
        ]
        tags.append("award")
        dates.append(award.awarded_at)
    if contract is not None:
        entry = {
            "id": str(contract.pk),
            "awardID": str(award.pk),
            "title": contract.number or order.title,
            "status": "terminated" if contract.is_delivered else "active",
            "period": {"startDate": _date(contract.starts_on), "endDate": _date(contract.ends_on)},
            "value": _amount(contract.amount),
            "items": items,
            "dateSigned": _date(contract.signed_on),
        }
        tags.append("contract")
        dates.append(contract.recorded_at)
        if contract.is_delivered:
            entry["implementation"] = {
                "milestones": [
                    {
                        "id": "delivery",
                        "title": "Поставка",
                        "type": "delivery",
                        "status": "met",
                        "dateMet": _date(contract.delivered_on),
                    }
                ]
            }
            tags.append("implementation")
            dates.append(contract.delivery_confirmed_at)
        result["contracts"] = [entry]
    latest = max(d for d in dates if d is not None)
    result["date"] = _date(latest)
    result["id"] = f"{the_ocid}-{latest.strftime('%Y%m%dT%H%M%S')}-{'-'.join(tags)}"
    return result


def _statistics(order, bids: int) -> list[dict]:
    date = _date(order.opened_at)
    measures = ("bids", "validBids", "bidders", "electronicBids")
    return [
        {"id": str(n), "measure": measure, "value": bids, "date": date}
        for n, measure in enumerate(measures, start=1)
    ]


def orders():
    """The published orders (drafts never), with their buyer, award and contract."""
    return (
        Order.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("organization", "award__offer__organization", "award__contract")
        .order_by("pk")
    )


def bid_counts(order_ids) -> dict[int, int]:
    """The offers opened on each of `order_ids` that is opened (sealed ones are absent)."""
    rows = (
        Offer.objects.filter(order_id__in=order_ids, order__opened_at__isnull=False)
        .values("order_id")
        .annotate(bids=Count("pk", filter=Q(status=OfferStatus.SUBMITTED)))
    )
    return {row["order_id"]: row["bids"] for row in rows}


def releases(queryset=None, *, chunk: int = CHUNK) -> Iterator[dict]:
    """The releases of `queryset` (default: every published order), read `chunk` orders at
    a time by primary key, so no more than a chunk is in memory: per chunk one query for the
    orders, one for their items (plain rows: model instances cost most of the time), one for
    the open files, one for the offers' counts."""
    queryset = orders() if queryset is None else queryset
    categories = {c.pk: c for c in Category.objects.all()}
    units = {u.pk: u for u in Unit.objects.all()}
    last = 0
    while True:
        batch = list(queryset.filter(pk__gt=last)[:chunk])
        if not batch:
            return
        ids = [order.pk for order in batch]
        items: dict[int, list] = defaultdict(list)
        rows = Item.objects.filter(order_id__in=ids).order_by("order_id", "position", "pk")
        for row in rows.values_list(*ITEM_FIELDS):
            items[row[0]].append(_item(row, categories, units))
        documents: dict[int, list] = defaultdict(list)
        files = OrderFile.objects.filter(order_id__in=ids, confidential=False).order_by("pk")
        for row in files.values_list("order_id", "pk", "name", "uploaded_at"):
            documents[row[0]].append(_document(*row))
        counts = bid_counts([order.pk for order in batch if order.opened_at is not None])
        for order in batch:
            yield release(
                order, items=items[order.pk], documents=documents[order.pk],
                bids=counts.get(order.pk, 0) if order.opened_at else None,
            )  # fmt: skip
        last = batch[-1].pk


def _package_head(uri: str) -> dict:
    return {
        "uri": uri,
        "version": VERSION,
        "extensions": [BID_EXTENSION],
        "publishedDate": timezone.now().isoformat(),
        "publisher": {"name": settings.OCDS_PUBLISHER, "uri": settings.SITE_URL or None},
    }


def package(uri: str, items: Iterable[dict]) -> dict:
    """A release package of `items` (releases), in memory: for one order."""
    head = _package_head(uri)
    if not head["publisher"]["uri"]:
        del head["publisher"]["uri"]
    return {**head, "releases": list(items)}


def package_chunks(uri: str, items: Iterable[dict]) -> Iterator[bytes]:
    """The same package as JSON text, a piece per release: what a streaming response sends
    for the bulk download. The package's head is written first, then each release."""
    head = _package_head(uri)
    if not head["publisher"]["uri"]:
        del head["publisher"]["uri"]
    text = json.dumps(head, ensure_ascii=False)
    yield (text[:-1] + ', "releases": [').encode()
    first = True
    for item in items:
        yield (("" if first else ",") + json.dumps(item, ensure_ascii=False)).encode()
        first = False
    yield b"]}"
