"""An awarded order and its two sides, for the tests of what follows the award."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from innocluster.features.exchange import services
from tests.factories import member_of

from .helpers import a_buyer, a_supplier, an_offer, an_order, close


def an_awarded_order(supplier=None):
    """(order, buyer, owner, supplier, editor): the supplier's offer won."""
    buyer, owner = a_buyer()
    supplier, editor = (supplier, member_of(supplier, "editor")) if supplier else a_supplier()
    order = an_order(buyer, owner)
    winner = an_offer(order, supplier, editor, "100000", "20000")
    an_offer(order, *a_supplier())
    close(order)
    services.order_award(order=order, offer_id=winner.pk, actor=owner, reason="Дешевле")
    order.refresh_from_db()
    return order, buyer, owner, supplier, editor


def contract_values(**values):
    today = timezone.localdate()
    return {
        "amount": Decimal("144000.00"), "signed_on": today, "starts_on": today,
        "ends_on": today + dt.timedelta(days=60), "number": "Д-21/1", **values,
    }  # fmt: skip


def a_delivered_order(supplier=None):
    order, buyer, owner, supplier, editor = an_awarded_order(supplier)
    services.contract_record(order=order, actor=owner, **contract_values())
    services.delivery_confirm(order=order, actor=owner, delivered_on=timezone.localdate())
    return order, buyer, owner, supplier, editor


def delivered_world(buyer, owner, supplier, editor) -> dict:
    """For the browser walk: an order of `buyer` delivered by `supplier`, the buyer has rated
    it (its page shows the contract and the rating), the supplier may rate the buyer."""
    order = an_order(buyer, owner, title="Фланцы трубопровода")
    winner = an_offer(order, supplier, editor, "210000", "90000")
    close(order)
    services.order_award(order=order, offer_id=winner.pk, actor=owner, reason="Лучший срок")
    services.contract_record(order=order, actor=owner, **contract_values())
    services.delivery_confirm(order=order, actor=owner, delivered_on=timezone.localdate())
    services.rating_give(order=order, actor=owner, score=5, comment="Точно по чертежу")
    return {
        "buyer": [f"/exchange/orders/{order.pk}/"],
        "supplier": [f"/exchange/orders/{order.pk}/"],
    }
