"""Races on PostgreSQL (row locks), with real threads: two offers from one supplier at once
are one offer (the second a change); two awards at once, one wins and the other is a 409."""

import pytest
from django.db import connection

from innocluster.core.errors import Conflict
from innocluster.features.exchange import services
from innocluster.features.exchange.models import Award, Offer
from tests.community.test_race import _together

from .helpers import a_buyer, a_supplier, an_offer, an_order, close

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (row locks)"),
    pytest.mark.django_db(transaction=True),
]


def test_two_offers_of_one_supplier_at_once_are_one_offer():
    order = an_order()
    supplier, editor = a_supplier()
    results = _together(
        *[lambda p=p: an_offer(order, supplier, editor, p, p) for p in ("10", "20")]
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    offer = Offer.objects.get()
    assert offer.version == 2 and offer.lines.count() == 2


def test_two_awards_at_once_one_wins():
    buyer, owner = a_buyer()
    order = an_order(buyer, owner)
    offers = [an_offer(order, *a_supplier()) for _ in range(2)]
    close(order)
    results = _together(
        *[
            lambda o=o: services.order_award(order=order, offer_id=o.pk, actor=owner, reason="R")
            for o in offers
        ]
    )
    conflicts = [r for r in results if isinstance(r, Conflict)]
    assert len(conflicts) == 1 and conflicts[0].code == "exchange_already_decided", results
    assert Award.objects.count() == 1
