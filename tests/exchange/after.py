"""An awarded order and its two sides, for the tests of what follows the award."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from innocluster.features.exchange import services

from .helpers import a_buyer, a_supplier, an_offer, an_order, close


def an_awarded_order():
    """(order, buyer, owner, supplier, editor): the supplier's offer won."""
    buyer, owner = a_buyer()
    supplier, editor = a_supplier()
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


def a_delivered_order():
    order, buyer, owner, supplier, editor = an_awarded_order()
    services.contract_record(order=order, actor=owner, **contract_values())
    services.delivery_confirm(order=order, actor=owner, delivered_on=timezone.localdate())
    return order, buyer, owner, supplier, editor
