import pytest
from django.core.exceptions import ValidationError

from innocluster.core.errors import Conflict, NotFound
from innocluster.features.exchange import selectors, services
from innocluster.features.exchange.comparison import comparison
from innocluster.features.exchange.models import Award
from innocluster.features.exchange.services.awards import opened_digest, orders_open_due
from innocluster.platform.ledger.models import Entry
from innocluster.platform.notifications.models import Notification

from .helpers import a_buyer, a_supplier, an_offer, an_order, close

pytestmark = pytest.mark.django_db


def three_offers(**values):
    buyer, owner = a_buyer()
    order = an_order(buyer, owner, **values)
    suppliers = [a_supplier() for _ in range(3)]
    offers = [
        an_offer(order, s, e, *prices, lead_time_days=days)
        for (s, e), prices, days in zip(
            suppliers, [("500", "500"), ("300", "400"), ("600", "600")], [30, 40, 5], strict=True
        )
    ]
    return order, owner, suppliers, offers


def test_the_opening_task_opens_due_orders_once_and_records_the_hashes():
    order, owner, _suppliers, offers = three_offers()
    assert orders_open_due() == 0
    close(order)
    assert order.status == "opened" and orders_open_due() == 0
    opened = Entry.objects.get(kind="exchange.order_opened").content["payload"]
    assert opened["count"] == 3
    assert opened["offers_sha256"] == opened_digest([o.sha256 for o in offers])
    assert Notification.objects.filter(recipient=owner, kind="exchange.opened").exists()


def test_the_comparison_sorts_by_the_criteria():
    order, owner, _s, offers = three_offers()
    close(order)
    rows = comparison(order, selectors.comparable_offers(user=owner, order=order))
    assert [r.offer.pk for r in rows] == [offers[1].pk, offers[0].pk, offers[2].pk]
    assert rows[0].total_with_vat == 840
    weighted, owner2, _s2, offers2 = three_offers(
        criteria="weighted", weight_price=20, weight_lead_time=80, weight_rating=0
    )
    close(weighted)
    rows = comparison(weighted, selectors.comparable_offers(user=owner2, order=weighted))
    assert rows[0].offer.pk == offers2[2].pk  # the fastest wins when lead time weighs most


def test_award_once_with_a_reason_on_the_ledger_and_losers_see_the_winning_price():
    order, owner, suppliers, offers = three_offers()
    with pytest.raises(Conflict) as error:
        services.order_award(order=order, offer_id=offers[1].pk, actor=owner, reason="Дешевле")
    assert error.value.code == "exchange_not_opened"
    close(order)
    with pytest.raises(ValidationError):
        services.order_award(order=order, offer_id=offers[1].pk, actor=owner, reason=" ")
    award = services.order_award(order=order, offer_id=offers[1].pk, actor=owner, reason="Дешевле")
    assert award.amount == 840
    with pytest.raises(Conflict) as error:
        services.order_award(order=order, offer_id=offers[0].pk, actor=owner, reason="Передумали")
    assert error.value.code == "exchange_already_decided"
    assert Award.objects.count() == 1
    entry = Entry.objects.get(kind="exchange.order_awarded").content["payload"]
    assert entry == {"order": order.pk, "offer_sha256": offers[1].sha256, "amount": "840.00"}
    loser = suppliers[0][1]
    lost = Notification.objects.get(recipient=loser, kind="exchange.lost")
    assert "840.00" in lost.body
    assert Notification.objects.filter(recipient=suppliers[1][1], kind="exchange.won").exists()


def test_a_withdrawn_or_foreign_offer_is_not_awarded():
    order, owner, suppliers, offers = three_offers()
    services.offer_withdraw(offer=offers[1], actor=suppliers[1][1])
    other, *_ = three_offers()
    close(order)
    with pytest.raises(Conflict) as error:
        services.order_award(order=order, offer_id=offers[1].pk, actor=owner, reason="Дешевле")
    assert error.value.code == "exchange_offer_withdrawn"
    with pytest.raises(NotFound):
        services.order_award(
            order=order, offer_id=other.offers.first().pk, actor=owner, reason="Чужое"
        )
    assert not Award.objects.exists()
    # The buyer never reads the withdrawn offer's prices; its supplier still sees its own
    opened = selectors.offer_list_visible(user=owner, order=order)
    assert offers[1].pk not in {offer.pk for offer in opened} and opened.count() == 2
    own = selectors.offer_list_visible(user=suppliers[1][1], order=order)
    assert [offer.pk for offer in own] == [offers[1].pk]


def test_only_the_buyer_decides_and_a_cancel_needs_a_reason():
    order, owner, suppliers, _offers = three_offers()
    with pytest.raises(ValidationError) as error:
        services.order_cancel(order=order, actor=suppliers[0][1], reason="Нет")
    assert {e.code for es in error.value.error_dict.values() for e in es} == {
        "exchange_not_a_buyer"
    }
    services.order_cancel(order=order, actor=owner, reason="Изменился проект")
    order.refresh_from_db()
    assert order.status == "cancelled"
    assert Notification.objects.filter(kind="exchange.cancelled").count() == 3
