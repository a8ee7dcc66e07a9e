"""Demo marketplace: 3,000 of the demo's products put on the marketplace (those of
participants and partners first), most with a price and some on request, delivered to a few
regions or all over Russia, and a few hundred inquiries with their threads, some answered,
some turned into orders' words. Bulk-created in a few statements, not through the services
(which would write an audit event and notifications per row); each listing's search text is
the services' own (services.search_text_of)."""

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone

from innocluster.core.regions import MOSCOW, REGIONS
from innocluster.platform.organizations.models import Membership, Product

from .choices import InquiryStatus
from .models import DeliveryRegion, Inquiry, Listing, Message
from .services import search_text_of

UNITS = ["штуку", "комплект", "лицензию на год", "месяц подписки", "услугу", ""]
TERMS = [
    "Поставка за 10 рабочих дней после оплаты, гарантия 12 месяцев.",
    "Пусконаладка и обучение персонала включены в цену.",
    "Скидка 5 % при заказе от 10 единиц.",
    "Пилотное внедрение на 3 месяца по договорённости.",
    "",
]
QUESTIONS = [
    "Какой срок поставки партии из 20 штук?",
    "Есть ли сертификат соответствия и опыт внедрения в госучреждениях?",
    "Возможна ли доработка под наши требования?",
    "Пришлите, пожалуйста, коммерческое предложение.",
]
ANSWERS = [
    "Срок поставки — 3 недели, сертификат приложим к договору.",
    "Да, доработка возможна, пришлём оценку в течение недели.",
    "Коммерческое предложение отправили на почту, готовы обсудить скидку.",
]
NEAR_MOSCOW = ["77", "50", "78", "47", "16", "52", "66", "54"]


@dataclass
class MarketplaceReport:
    listings: int = 0
    inquiries: int = 0
    messages: int = 0


@transaction.atomic
def build(*, seed: int, count: int = 3000, inquiries: int = 300) -> MarketplaceReport:
    rng = random.Random(seed)
    # Products of organizations in good standing first (verified vendors and partners).
    products = list(
        Product.objects.filter(listing__isnull=True)
        .select_related("organization")
        .annotate(
            standing=Case(
                When(organization__cluster_status__state="active", then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("standing", "pk")[:count]
    )
    if not products:
        return MarketplaceReport()
    listings = Listing.objects.bulk_create(
        (_listing(rng, product) for product in products), batch_size=1000
    )
    codes = [code for code, _ru, _en in REGIONS]
    regions = []
    for listing in listings:
        if not listing.delivers_everywhere:
            chosen = {MOSCOW, *rng.sample(NEAR_MOSCOW, rng.randint(0, 3))}
            if rng.random() < 0.2:
                chosen.add(rng.choice(codes))
            regions += [DeliveryRegion(listing=listing, region=code) for code in sorted(chosen)]
    DeliveryRegion.objects.bulk_create(regions, batch_size=5000)
    made, messages = _inquiries(rng, listings, inquiries)
    return MarketplaceReport(len(listings), made, messages)


def _listing(rng, product) -> Listing:
    on_request = rng.random() < 0.2
    price = None if on_request else Decimal(rng.randrange(5_000, 5_000_000, 500)) + Decimal("0.00")
    listing = Listing(
        product=product,
        price=price,
        price_unit="" if on_request else rng.choice(UNITS),
        vat_included=rng.random() < 0.8,
        terms=rng.choice(TERMS),
        delivers_everywhere=rng.random() < 0.35,
        is_published=rng.random() < 0.97,
    )
    listing.search_text = search_text_of(listing)
    return listing


def _acting_people(organization_ids) -> dict[int, object]:
    people = {}
    memberships = Membership.objects.filter(
        organization_id__in=organization_ids, role__in=["owner", "editor"]
    ).select_related("user")
    for membership in memberships.order_by("pk"):
        people.setdefault(membership.organization_id, membership.user)
    return people


def _inquiries(rng, listings, count: int) -> tuple[int, int]:
    published = [listing for listing in listings if listing.is_published]
    vendors = {listing.product.organization_id for listing in published}
    people = _acting_people(vendors)
    buyers = [pk for pk in people]
    if len(buyers) < 2:
        return 0, 0
    now = timezone.now()
    rows, threads = [], []
    for index in range(min(count, len(published))):
        listing = published[rng.randrange(len(published))]
        vendor = listing.product.organization_id
        buyer = rng.choice(buyers)
        if buyer == vendor or vendor not in people:
            continue
        started = now - dt.timedelta(days=rng.randint(0, 60), minutes=rng.randint(0, 600))
        answered = index % 3 != 0
        closed = index % 11 == 0
        thread = [(people[buyer], False, rng.choice(QUESTIONS), started)]
        if answered:
            thread.append(
                (people[vendor], True, rng.choice(ANSWERS), started + dt.timedelta(hours=5))
            )
        rows.append(
            Inquiry(
                listing=listing,
                buyer_id=buyer,
                vendor_id=vendor,
                created_by=people[buyer],
                quantity=f"{rng.randint(1, 50)} шт.",
                status=InquiryStatus.CLOSED if closed else InquiryStatus.OPEN,
                last_message_at=thread[-1][3],
                message_count=len(thread),
                answered=answered,
            )  # fmt: skip
        )
        threads.append(thread)
    made = Inquiry.objects.bulk_create(rows)
    messages = [
        Message(inquiry=inquiry, author=author, from_vendor=from_vendor, text=text)
        for inquiry, thread in zip(made, threads, strict=True)
        for author, from_vendor, text, _when in thread
    ]
    Message.objects.bulk_create(messages, batch_size=2000)
    # auto_now_add set every time to now: the threads' own times
    for inquiry, thread in zip(made, threads, strict=True):
        Inquiry.objects.filter(pk=inquiry.pk).update(created_at=thread[0][3])
    return len(made), len(messages)
