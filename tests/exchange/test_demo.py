import pytest
from django.utils import timezone

from innocluster.features.exchange import demo
from innocluster.features.exchange.comparison import offer_total
from innocluster.features.exchange.models import Award, Contract, Offer, Order, Rating
from innocluster.features.exchange.services.offers import offer_hash

from .helpers import a_supplier, category

pytestmark = pytest.mark.django_db


def test_orders_at_every_stage_with_offers_and_awards():
    category("steel")  # the lists are there
    for _ in range(20):
        a_supplier()
    report = demo.build(seed=7, count=35)
    assert report.orders == Order.objects.count() == 35
    assert set(Order.objects.values_list("status", flat=True)) == {
        "draft", "published", "opened", "awarded", "cancelled"
    }  # fmt: skip
    assert not Offer.objects.filter(order__status="draft").exists()
    assert not Offer.objects.filter(order__organization=models_f("organization")).exists()
    offer = Offer.objects.filter(status="submitted").first()
    assert offer_hash(offer, offer.lines.all()) == offer.sha256
    for award in Award.objects.all():
        assert award.amount == offer_total(award.offer.lines.all(), with_vat=True)
        assert award.offer.status == "submitted" and award.order.status == "awarded"
    assert report.awards == Award.objects.count() > 0
    assert report.contracts == Contract.objects.count() > 0
    for contract in Contract.objects.select_related("award__offer"):
        assert contract.award.order_id == contract.order_id
        assert contract.signed_on <= timezone.localdate()
    assert report.ratings == Rating.objects.count()
    for rating in Rating.objects.select_related("order__contract", "order__award__offer"):
        assert rating.order.contract.is_delivered
        sides = {rating.order.organization_id, rating.order.award.offer.organization_id}
        assert {rating.rater_id, rating.rated_id} == sides


def test_the_volume_spreads_the_offers_it_is_given():
    category("steel")
    for _ in range(20):
        a_supplier()
    report = demo.build(seed=3, count=70, offers=250)
    assert report.offers == Offer.objects.count() == 250
    assert demo.VOLUME_ORDERS == 500 and demo.VOLUME_OFFERS == 5_000


def models_f(name):
    from django.db.models import F

    return F(name)
