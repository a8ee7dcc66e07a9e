import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from innocluster.core.errors import Conflict
from innocluster.core.models import AuditEvent
from innocluster.features.exchange import selectors, services
from innocluster.features.exchange.models import Category, Item, Order, Unit
from tests.factories import OrganizationFactory, member_of

from .helpers import a_buyer, an_order, category, item, unit

pytestmark = pytest.mark.django_db


def codes(error):
    return {e.code for errors in error.value.error_dict.values() for e in errors}


def test_the_managed_lists_are_seeded_with_okei_codes():
    assert Unit.objects.get(code="796").symbol == "шт"
    assert Unit.objects.get(code="166").symbol_en == "kg"
    milling = Category.objects.get(code="cnc-milling")
    assert set(milling.units.values_list("code", flat=True)) == {"796", "839"}
    assert Category.objects.filter(kind="material").count() >= 5


def test_a_draft_order_with_items_is_audited_and_seen_only_by_its_buyer():
    buyer, owner = a_buyer()
    order = an_order(buyer, owner, publish=False)
    assert order.status == "draft" and order.items.count() == 2
    assert AuditEvent.objects.filter(action="exchange.order_created").count() == 1
    assert selectors.order_get_visible(user=owner, pk=order.pk) == order
    stranger = member_of(OrganizationFactory())
    with pytest.raises(Http404):
        selectors.order_get_visible(user=stranger, pk=order.pk)
    services.order_publish(order=order, actor=owner)
    assert selectors.order_get_visible(user=stranger, pk=order.pk).status == "published"


def test_a_quantity_in_a_unit_the_category_does_not_use_is_refused_and_nothing_written():
    with pytest.raises(ValidationError) as error:
        an_order(items=[item(), item(unit=unit("166"))])  # milling is counted, not weighed
    assert codes(error) == {"exchange_wrong_unit"}
    assert "Item 2" in str(error.value)
    assert not Order.objects.exists() and not Item.objects.exists()


def test_steel_may_be_ordered_by_weight():
    order = an_order(items=[item(category=category("steel"), unit=unit("168"))])
    assert order.items.get().unit.code == "168"


def test_only_an_owner_or_editor_of_the_buyer_posts():
    buyer, _owner = a_buyer()
    viewer = member_of(buyer, "viewer")
    with pytest.raises(ValidationError) as error:
        an_order(buyer, viewer)
    assert codes(error) == {"exchange_not_a_buyer"}


def test_questions_close_before_offers_and_weights_sum_to_100():
    now = timezone.now()
    with pytest.raises(ValidationError) as error:
        an_order(
            questions_until=now + dt.timedelta(days=9), offers_until=now + dt.timedelta(days=2)
        )
    assert codes(error) == {"exchange_periods_out_of_order"}
    with pytest.raises(ValidationError) as error:
        an_order(criteria="weighted", weight_price=50, weight_lead_time=20, weight_rating=20)
    assert codes(error) == {"exchange_weights_invalid"}
    order = an_order(criteria="weighted", weight_price=60, weight_lead_time=30, weight_rating=10)
    assert (order.weight_price, order.weight_lead_time, order.weight_rating) == (60, 30, 10)


def test_no_items_or_a_zero_quantity_is_refused():
    with pytest.raises(ValidationError) as error:
        an_order(items=[])
    assert codes(error) == {"exchange_no_items"}
    with pytest.raises(ValidationError):
        an_order(items=[item(quantity=Decimal(0))])
    assert not Order.objects.exists()


def test_a_published_order_is_not_changed():
    buyer, owner = a_buyer()
    order = an_order(buyer, owner)
    with pytest.raises(Conflict) as error:
        services.order_update(order=order, actor=owner, title="Другое")
    assert error.value.code == "exchange_not_a_draft"
    with pytest.raises(Conflict):
        services.order_publish(order=order, actor=owner)


def test_an_invited_only_order_needs_someone_invited():
    with pytest.raises(ValidationError) as error:
        an_order(access="invited")
    assert codes(error) == {"required"}
