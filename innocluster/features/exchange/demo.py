"""Demo production orders: 500 of them at every stage (drafts, accepting offers, opened,
awarded, cancelled; of the awarded, contracts recorded, deliveries confirmed and both sides'
ratings), posted by the demo's participants, with 5,000 offers from other participants and
partners (`build_volume`, what the demo data command runs; `build` makes as few as a test
wants). Bulk-created in a few statements, not through the services: the
past deadlines the services refuse are the point of the demo. (So the demo's offers have their
hashes but no ledger entries: those record real submissions only.)"""

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from innocluster.platform.organizations.models import Membership, Organization
from innocluster.platform.status.selectors import with_active_status

from .choices import Status
from .comparison import offer_total
from .models import Award, Category, Contract, Item, Offer, OfferLine, Order, Rating
from .services.offers import offer_hash

PARTS = [
    ("Корпус датчика давления", "Фрезерование корпусов из алюминиевого сплава по чертежу."),
    ("Кронштейн крепления", "Лазерная резка и гибка листовой стали, порошковая окраска."),
    ("Вал редуктора", "Токарная обработка с термообработкой и шлифованием."),
    ("Плата управления", "Монтаж печатных плат, поставка с тестированием."),
    ("Корпус прибора из пластика", "Литьё под давлением, пресс-форма заказчика."),
    ("Прототип манипулятора", "Изготовление опытного образца по 3D-модели."),
    ("Фланец трубопровода", "Литьё и механообработка, контроль геометрии."),
    ("Панель приборная", "Листовая штамповка и покрытие."),
]
STAGES = [
    Status.DRAFT,
    Status.PUBLISHED,
    Status.PUBLISHED,
    Status.OPENED,
    Status.AWARDED,
    Status.AWARDED,
    Status.CANCELLED,
]
OFFERS_PER_ORDER = 12


@dataclass
class ExchangeReport:
    orders: int = 0
    offers: int = 0
    awards: int = 0
    contracts: int = 0
    ratings: int = 0


VOLUME_ORDERS = 500
VOLUME_OFFERS = 5_000


def build_volume(*, seed: int) -> ExchangeReport:
    """The demo's volume (issue 21): 500 orders at every stage and 5,000 offers."""
    return build(seed=seed, count=VOLUME_ORDERS, offers=VOLUME_OFFERS)


@transaction.atomic
def build(*, seed: int, count: int = 500, offers: int | None = None) -> ExchangeReport:
    """`count` orders; `offers` offers in all, spread over the orders past the draft (by
    default OFFERS_PER_ORDER on each, as many as there are suppliers)."""
    rng = random.Random(seed)
    organizations = with_active_status(Organization.objects.all()).order_by("pk")
    companies = list(organizations.distinct()[:400])
    categories = list(Category.objects.prefetch_related("units"))
    if len(companies) < 3 or not categories:
        return ExchangeReport()
    people = _acting_people([c.pk for c in companies])
    fallback = get_user_model().objects.order_by("pk").first()
    orders = Order.objects.bulk_create(
        _order(rng, i, companies[i % len(companies)], people, fallback) for i in range(count)
    )
    items = Item.objects.bulk_create(_items(rng, orders, categories))
    by_order: dict[int, list] = {}
    for item in items:
        by_order.setdefault(item.order_id, []).append(item)
    offers, lines = _offers(rng, orders, by_order, companies, people, fallback, total=offers)
    Offer.objects.bulk_create(offers, batch_size=2000)
    for line in lines:
        line.offer_id = line.offer.pk
    OfferLine.objects.bulk_create(lines, batch_size=5000)
    awards = Award.objects.bulk_create(_awards(rng, orders, offers, lines, people, fallback))
    contracts = Contract.objects.bulk_create(_contracts(awards, people, fallback))
    ratings = Rating.objects.bulk_create(_ratings(rng, contracts, people, fallback))
    return ExchangeReport(len(orders), len(offers), len(awards), len(contracts), len(ratings))


def _acting_people(organization_ids) -> dict[int, object]:
    people = {}
    memberships = Membership.objects.filter(
        organization_id__in=organization_ids, role__in=["owner", "editor"]
    ).select_related("user")
    for membership in memberships:
        people.setdefault(membership.organization_id, membership.user)
    return people


def _order(rng, index, buyer, people, fallback) -> Order:
    now = timezone.now()
    stage = STAGES[index % len(STAGES)]
    future = stage in (Status.DRAFT, Status.PUBLISHED)
    closes = (
        now + dt.timedelta(days=rng.randint(3, 30))
        if future
        else now - dt.timedelta(days=rng.randint(2, 90))
    )
    title, description = PARTS[index % len(PARTS)]
    budget = Decimal(rng.randrange(100_000, 5_000_000, 10_000))
    return Order(
        organization=buyer,
        created_by=people.get(buyer.pk) or fallback,
        title=f"{title}, партия {index + 1}",
        description=description,
        delivery_place=rng.choice(
            ["Москва, Зеленоград", "Москва, Технопарк «Нагатино»", "Московская область, Химки"]
        ),
        delivery_date=(closes + dt.timedelta(days=rng.randint(20, 90))).date(),
        budget=budget if index % 3 else None,
        budget_public=index % 2 == 0,
        questions_until=closes - dt.timedelta(days=2),
        offers_until=closes,
        criteria="weighted" if index % 4 == 0 else "lowest_price",
        weight_price=60 if index % 4 == 0 else 100,
        weight_lead_time=30 if index % 4 == 0 else 0,
        weight_rating=10 if index % 4 == 0 else 0,
        status=stage,
        published_at=None if stage == Status.DRAFT else closes - dt.timedelta(days=14),
        opened_at=None if future else closes,
        decided_at=closes + dt.timedelta(days=3)
        if stage in (Status.AWARDED, Status.CANCELLED)
        else None,
        cancel_reason="Изменилась конструкция изделия." if stage == Status.CANCELLED else "",
    )


def _items(rng, orders, categories):
    for order in orders:
        for position in range(rng.randint(1, 3)):
            category = rng.choice(categories)
            units = list(category.units.all())
            yield Item(
                order=order,
                position=position,
                name=f"Позиция {position + 1}",
                category=category,
                quantity=Decimal(rng.choice([10, 50, 100, 250, 1000])),
                unit=units[0],
                material=rng.choice(["Д16Т", "Сталь 40Х", "12Х18Н10Т", "ABS", ""]),
                tolerances=rng.choice(["±0,05 мм", "IT8", ""]),
            )


def _offers(rng, orders, by_order, companies, people, fallback, *, total=None):
    offers, lines = [], []
    open_orders = [order for order in orders if order.status != Status.DRAFT]
    # `total` spread evenly: the first `extra` orders take one more than the rest.
    each, extra = divmod(total, len(open_orders) or 1) if total else (OFFERS_PER_ORDER, 0)
    for index, order in enumerate(open_orders):
        wanted = min(each + (index < extra), len(companies) - 1)
        suppliers = [
            c for c in rng.sample(companies, min(len(companies), wanted + 1))
            if c.pk != order.organization_id
        ]  # fmt: skip
        for supplier in suppliers[:wanted]:
            offer = Offer(
                order=order,
                organization=supplier,
                status="withdrawn" if rng.random() < 0.05 else "submitted",
                lead_time_days=rng.randint(7, 90),
                comment="",
                submitted_by=people.get(supplier.pk) or fallback,
            )
            rows = [
                OfferLine(
                    offer=offer,
                    item=item,
                    price=Decimal(rng.randrange(20_000, 900_000, 100)),
                    vat_rate=Decimal(20),
                )
                for item in by_order[order.pk]
            ]
            offer.sha256 = offer_hash(offer, rows)
            offers.append(offer)
            lines.extend(rows)
    return offers, lines


def _awards(rng, orders, offers, lines, people, fallback):
    by_offer: dict[int, list] = {}
    for line in lines:
        by_offer.setdefault(line.offer_id, []).append(line)
    submitted: dict[int, list] = {}
    for offer in offers:
        if offer.status == "submitted":
            submitted.setdefault(offer.order_id, []).append(offer)
    for order in orders:
        if order.status != Status.AWARDED or not submitted.get(order.pk):
            continue
        best = min(submitted[order.pk], key=lambda o: offer_total(by_offer[o.pk], with_vat=True))
        yield Award(
            order=order,
            offer=best,
            amount=offer_total(by_offer[best.pk], with_vat=True),
            reason="Наименьшая цена при приемлемом сроке.",
            awarded_by=people.get(order.organization_id) or fallback,
        )


def build_interests(*, seed: int, share: int = 8) -> int:
    """One active participant or partner in `share` (and the tour's manufacturer, owner of
    demo@innocluster.local) asks to hear of orders of two to four categories (matching).
    Returns how many suppliers chose."""
    from .models import SupplierInterest

    rng = random.Random(seed)
    categories = list(Category.objects.all())
    fallback = get_user_model().objects.order_by("pk").first()
    if not categories or fallback is None:
        return 0
    chosen = list(with_active_status(Organization.objects.all()).order_by("pk")[::share])
    tour = Organization.objects.filter(
        memberships__user__email="demo@innocluster.local", memberships__role="owner"
    ).first()
    if tour is not None and tour not in chosen:
        chosen.append(tour)
    people = _acting_people([o.pk for o in chosen])
    interests = SupplierInterest.objects.bulk_create(
        [SupplierInterest(organization=o, updated_by=people.get(o.pk) or fallback) for o in chosen],
        ignore_conflicts=True,
    )
    interests = SupplierInterest.objects.filter(organization__in=chosen)
    by_code = {c.code: c for c in categories}
    through = SupplierInterest.categories.through
    rows = []
    for interest in interests:
        if tour is not None and interest.organization_id == tour.pk:
            picked = [
                by_code[c] for c in ("cnc-milling", "cnc-turning", "aluminium") if c in by_code
            ]
        else:
            picked = rng.sample(categories, rng.randint(2, min(4, len(categories))))
        rows += [through(supplierinterest_id=interest.pk, category_id=c.pk) for c in picked]
    through.objects.bulk_create(rows, ignore_conflicts=True)
    return len(interests)


def _contracts(awards, people, fallback):
    """Two awards in three get their contract; of those, every other one is delivered."""
    for index, award in enumerate(awards):
        if index % 3 == 2:
            continue
        today = timezone.localdate()
        decided = min(award.order.decided_at.date(), today)
        signed = min(decided + dt.timedelta(days=2), today)
        delivered = index % 2 == 0 and decided + dt.timedelta(days=30) <= today
        buyer = people.get(award.order.organization_id) or fallback
        yield Contract(
            order=award.order, award=award, number=f"ПЗ-{award.order.pk}", amount=award.amount,
            signed_on=signed, starts_on=signed,
            ends_on=decided + dt.timedelta(days=60), recorded_by=buyer,
            delivered_on=decided + dt.timedelta(days=30) if delivered else None,
            delivery_confirmed_by=buyer if delivered else None,
            delivery_confirmed_at=timezone.now() if delivered else None,
        )  # fmt: skip


COMMENTS = ["Всё в срок и по чертежу.", "Небольшая задержка, качество хорошее.", ""]


def _ratings(rng, contracts, people, fallback):
    """Both sides rate each other on each delivered order (mostly well)."""
    for contract in contracts:
        if contract.delivered_on is None:
            continue
        buyer = contract.order.organization_id
        supplier = contract.award.offer.organization_id
        for rater, rated in ((buyer, supplier), (supplier, buyer)):
            yield Rating(
                order=contract.order, rater_id=rater, rated_id=rated,
                score=rng.choices([5, 4, 3, 2], weights=[6, 3, 1, 0.3])[0],
                comment=rng.choice(COMMENTS), rated_by=people.get(rater) or fallback,
            )  # fmt: skip
