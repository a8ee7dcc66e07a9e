import datetime as dt
from decimal import Decimal

from django.utils import timezone

from innocluster.features.exchange import services
from innocluster.features.exchange.lists import seed
from innocluster.features.exchange.models import Category, Order, Unit
from innocluster.features.exchange.services.awards import order_open
from tests.factories import OrganizationFactory, member_of, with_status


def a_buyer():
    buyer = with_status(OrganizationFactory())
    return buyer, member_of(buyer, "owner")


def a_supplier(**values):
    supplier = with_status(OrganizationFactory(**values))
    return supplier, member_of(supplier, "editor")


def _seeded():
    """The lists migration 0002 wrote (a transactional test's flush took them away)."""
    if not Unit.objects.exists():
        seed(Unit, Category)


def unit(code):
    _seeded()
    return Unit.objects.get(code=code)


def category(code):
    _seeded()
    return Category.objects.get(code=code)


def item(**values):
    return {
        "name": "Корпус датчика", "category": category("cnc-milling"),
        "quantity": Decimal("100"), "unit": unit("796"), "material": "Д16Т",
        "tolerances": "±0,05 мм", **values,
    }  # fmt: skip


def an_order(buyer=None, owner=None, *, items=None, publish=True, **values) -> Order:
    if buyer is None:
        buyer, owner = a_buyer()
    now = timezone.now()
    fields = {
        "title": "Корпуса датчиков давления",
        "description": "Фрезерование корпусов по чертежу.",
        "delivery_place": "Москва, Зеленоград",
        "delivery_date": timezone.localdate() + dt.timedelta(days=60),
        "budget": Decimal("500000.00"),
        "questions_until": now + dt.timedelta(days=5),
        "offers_until": now + dt.timedelta(days=10),
        **values,
    }
    items = items if items is not None else [item(), item(name="Крышка", quantity=Decimal(100))]
    order = services.order_create(organization=buyer, actor=owner, items=items, **fields)
    if publish:
        order = services.order_publish(order=order, actor=owner)
    return order


def lines_for(order, *prices, vat="20"):
    items = list(order.items.all())
    prices = prices or [Decimal("1000.00")] * len(items)
    return [
        {"item": it.pk, "price": Decimal(p), "vat_rate": Decimal(vat)}
        for it, p in zip(items, prices, strict=True)
    ]


def an_offer(order, supplier=None, editor=None, *prices, lead_time_days=20, **values):
    if supplier is None:
        supplier, editor = a_supplier()
    return services.offer_submit(
        order=order, organization=supplier, actor=editor, lead_time_days=lead_time_days,
        lines=lines_for(order, *prices), **values,
    )  # fmt: skip


def close(order):
    """The deadline passes and the opening task runs."""
    Order.objects.filter(pk=order.pk).update(
        questions_until=timezone.now() - dt.timedelta(minutes=2),
        offers_until=timezone.now() - dt.timedelta(minutes=1),
    )
    order_open(order_id=order.pk)
    order.refresh_from_db()
    return order


def exchange_world(buyer, owner, supplier, editor) -> dict:
    """For the browser walk: an order of `buyer` accepting offers (`supplier` has offered),
    one opened with three offers (the buyer's comparison and award form) and one awarded
    (the supplier lost: it sees the winning price)."""
    open_order = an_order(buyer, owner)
    an_offer(open_order, supplier, editor, "125000.50", "48000")
    opened = an_order(buyer, owner, title="Кронштейны крепления датчиков")
    an_offer(opened, supplier, editor, "99000", "51000", lead_time_days=25)
    for _ in range(2):
        an_offer(opened, *a_supplier())
    close(opened)
    awarded = an_order(buyer, owner, title="Валы редукторов", criteria="weighted",
                       weight_price=60, weight_lead_time=30, weight_rating=10)  # fmt: skip
    an_offer(awarded, supplier, editor, "300000", "1000")
    winner = an_offer(awarded, *a_supplier())
    close(awarded)
    services.order_award(order=awarded, offer_id=winner.pk, actor=owner, reason="Дешевле")
    from .after import delivered_world  # the contract, the delivery, the ratings

    after = delivered_world(buyer, owner, supplier, editor)
    return {
        "public": [
            "/exchange/",
            "/exchange/?status=published&access=open",
            f"/exchange/orders/{open_order.pk}/",
            f"/exchange/orders/{awarded.pk}/",
        ],
        "buyer": [
            f"/exchange/orders/{opened.pk}/",
            f"/exchange/orders/{awarded.pk}/",
            *after["buyer"],
        ],
        "supplier": [
            f"/exchange/orders/{open_order.pk}/",
            f"/exchange/orders/{open_order.pk}/offer/",
            f"/exchange/orders/{awarded.pk}/",
            *after["supplier"],
        ],
    }
