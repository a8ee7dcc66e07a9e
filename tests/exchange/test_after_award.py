"""After the award: the contract, the delivery, the ratings; the supply link of the chains
where both sides share an intersectoral cluster; each refusal writes nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from innocluster.core.errors import Conflict
from innocluster.core.models import AuditEvent
from innocluster.features.chains.models import SupplyLink
from innocluster.features.clusters.models import Cluster, ClusterMember
from innocluster.features.exchange import selectors as sel
from innocluster.features.exchange import services
from innocluster.features.exchange.comparison import comparison
from innocluster.features.exchange.models import Contract, Rating
from innocluster.platform.notifications.models import Notification
from tests.factories import member_of

from .after import a_delivered_order, an_awarded_order, contract_values
from .helpers import a_buyer, a_supplier, an_offer, an_order, close

pytestmark = pytest.mark.django_db


def codes(error) -> set[str]:
    return {e.code for errors in error.error_dict.values() for e in errors}


def test_contract_delivery_and_both_ratings():
    order, buyer, owner, supplier, editor = an_awarded_order()
    contract = services.contract_record(order=order, actor=owner, **contract_values())
    assert contract.amount == Decimal("144000.00") and contract.award == order.award
    assert Notification.objects.filter(kind="exchange.contract_recorded", recipient=editor).exists()
    services.delivery_confirm(order=order, actor=owner, delivered_on=timezone.localdate())
    assert Notification.objects.filter(kind="exchange.delivered", recipient=editor).exists()
    by_buyer = services.rating_give(order=order, actor=owner, score=5, comment="В срок")
    by_supplier = services.rating_give(order=order, actor=editor, score=4)
    assert (by_buyer.rater, by_buyer.rated) == (buyer, supplier)
    assert (by_supplier.rater, by_supplier.rated) == (supplier, buyer)
    assert Notification.objects.filter(kind="exchange.rated", recipient=editor).exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"exchange.contract_recorded", "exchange.delivered", "exchange.rated"} <= actions
    ratings = sel.supplier_ratings([supplier.pk, buyer.pk, 10**9])
    assert ratings[supplier.pk] == sel.RatingSummary(Decimal("5.0"), 1)
    assert ratings[buyer.pk].count == 1 and 10**9 not in ratings


def test_the_average_is_over_every_completed_order():
    order, _, owner, supplier, _ = a_delivered_order()
    services.rating_give(order=order, actor=owner, score=5)
    buyer, second_owner = a_buyer()
    second = an_order(buyer, second_owner)
    editor = member_of(supplier, "editor")
    winner = an_offer(second, supplier, editor)
    close(second)
    services.order_award(order=second, offer_id=winner.pk, actor=second_owner, reason="R")
    services.contract_record(order=second, actor=second_owner, **contract_values())
    services.delivery_confirm(order=second, actor=second_owner, delivered_on=timezone.localdate())
    services.rating_give(order=second, actor=second_owner, score=2)
    assert sel.organization_rating(supplier.pk) == sel.RatingSummary(Decimal("3.5"), 2)


def test_a_contract_on_an_order_not_awarded_is_refused():
    buyer, owner = a_buyer()
    order = an_order(buyer, owner)
    an_offer(order, *a_supplier())
    with pytest.raises(Conflict) as error:
        services.contract_record(order=order, actor=owner, **contract_values())
    assert error.value.code == "exchange_not_awarded"
    close(order)  # opened, not yet awarded
    with pytest.raises(Conflict):
        services.contract_record(order=order, actor=owner, **contract_values())
    assert not Contract.objects.exists()


def test_a_second_contract_is_a_conflict():
    order, _, owner, _, _ = an_awarded_order()
    services.contract_record(order=order, actor=owner, **contract_values())
    with pytest.raises(Conflict) as error:
        services.contract_record(order=order, actor=owner, **contract_values(number="2"))
    assert error.value.code == "exchange_contract_exists"
    assert Contract.objects.count() == 1


@pytest.mark.parametrize(
    "values",
    [
        {"amount": Decimal("0")},
        {"amount": Decimal("-5")},
        {"signed_on": timezone.localdate() + dt.timedelta(days=1)},
        {"signed_on": timezone.localdate() - dt.timedelta(days=30)},  # before the award
        {"ends_on": timezone.localdate() - dt.timedelta(days=1)},
    ],
)
def test_a_bad_contract_writes_nothing(values):
    order, _, owner, _, _ = an_awarded_order()
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        services.contract_record(order=order, actor=owner, **contract_values(**values))
    assert codes(error.value) == {"exchange_contract_invalid"}
    assert not Contract.objects.exists() and AuditEvent.objects.count() == events


def test_only_the_buyer_records_the_contract_and_confirms_the_delivery():
    order, _, owner, _, editor = an_awarded_order()
    with pytest.raises(ValidationError) as error:
        services.contract_record(order=order, actor=editor, **contract_values())
    assert codes(error.value) == {"exchange_not_a_buyer"}
    with pytest.raises(Conflict) as conflict:
        services.delivery_confirm(order=order, actor=owner, delivered_on=timezone.localdate())
    assert conflict.value.code == "exchange_no_contract"
    services.contract_record(order=order, actor=owner, **contract_values())
    with pytest.raises(ValidationError):
        services.delivery_confirm(order=order, actor=editor, delivered_on=timezone.localdate())
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError):
        services.delivery_confirm(order=order, actor=owner, delivered_on=tomorrow)
    assert not Contract.objects.get().is_delivered
    services.delivery_confirm(order=order, actor=owner, delivered_on=timezone.localdate())
    with pytest.raises(Conflict) as conflict:
        services.delivery_confirm(order=order, actor=owner, delivered_on=timezone.localdate())
    assert conflict.value.code == "exchange_already_delivered"


def test_rating_twice_before_the_delivery_out_of_range_or_by_a_third_party():
    order, _, owner, _, editor = an_awarded_order()
    services.contract_record(order=order, actor=owner, **contract_values())
    with pytest.raises(Conflict) as error:
        services.rating_give(order=order, actor=owner, score=5)
    assert error.value.code == "exchange_not_delivered"
    services.delivery_confirm(order=order, actor=owner, delivered_on=timezone.localdate())
    for score in (0, 6, True, "5"):
        with pytest.raises(ValidationError) as bad:
            services.rating_give(order=order, actor=owner, score=score)
        assert codes(bad.value) == {"exchange_bad_score"}
    services.rating_give(order=order, actor=owner, score=3)
    with pytest.raises(Conflict) as error:
        services.rating_give(order=order, actor=owner, score=4)
    assert error.value.code == "exchange_already_rated"
    _, stranger = a_supplier()
    from django.http import Http404

    with pytest.raises(Http404):
        services.rating_give(order=order, actor=stranger, score=1)
    assert list(Rating.objects.values_list("score", flat=True)) == [3]


def test_a_completed_order_becomes_a_supply_link_where_both_share_a_cluster():
    order, buyer, owner, supplier, editor = an_awarded_order()
    cluster = Cluster.objects.create(name="Кластер", aims="Цели", lead_organization=buyer)
    for organization in (buyer, supplier):
        ClusterMember.objects.create(cluster=cluster, organization=organization)
    services.contract_record(order=order, actor=owner, **contract_values())
    services.delivery_confirm(order=order, actor=owner, delivered_on=timezone.localdate())
    link = SupplyLink.objects.get()
    assert (link.supplier, link.customer, link.subject) == (supplier, buyer, order.title)
    assert link.state == "confirmed" and link in SupplyLink.objects.confirmed()
    assert AuditEvent.objects.filter(action="supply_link.from_order").exists()
    again = an_order(buyer, owner)  # the same parts again: the live link stands for both
    winner = an_offer(again, supplier, editor)
    close(again)
    services.order_award(order=again, offer_id=winner.pk, actor=owner, reason="Снова")
    services.contract_record(order=again, actor=owner, **contract_values())
    services.delivery_confirm(order=again, actor=owner, delivered_on=timezone.localdate())
    assert SupplyLink.objects.get() == link


def test_no_supply_link_without_a_shared_cluster():
    order, buyer, owner, supplier, _ = an_awarded_order()
    for organization in (buyer, supplier):  # each in a cluster of its own
        cluster = Cluster.objects.create(
            name=f"Кластер {organization.pk}", aims="Цели", lead_organization=organization
        )
        ClusterMember.objects.create(cluster=cluster, organization=organization)
    services.contract_record(order=order, actor=owner, **contract_values())
    services.delivery_confirm(order=order, actor=owner, delivered_on=timezone.localdate())
    assert not SupplyLink.objects.exists()


def test_the_comparison_weighs_the_suppliers_ratings():
    order, _, owner, supplier, _ = a_delivered_order()
    services.rating_give(order=order, actor=owner, score=5)
    buyer, second_owner = a_buyer()
    weighted = an_order(
        buyer, second_owner, criteria="weighted", weight_price=50, weight_lead_time=0,
        weight_rating=50,
    )  # fmt: skip
    rated = an_offer(weighted, supplier, member_of(supplier, "editor"), "1100", "1100")
    unrated = an_offer(weighted, *a_supplier(), "1000", "1000")
    close(weighted)
    rows = comparison(weighted, sel.comparable_offers(user=second_owner, order=weighted))
    assert [row.offer.pk for row in rows] == [rated.pk, unrated.pk]
    assert rows[0].rating == 5.0 and rows[1].rating is None
