"""Races on PostgreSQL (row locks), with real threads: an inquiry turned into an order twice at
once gives one order and a 409; one product listed twice at once gives one listing and a 409."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from innocluster.core.errors import Conflict
from innocluster.features.exchange.models import Order
from innocluster.features.marketplace import services
from innocluster.features.marketplace.models import Listing
from tests.community.test_race import _together
from tests.exchange.helpers import category, unit
from tests.factories import ProductFactory

from .helpers import a_listing, a_vendor, an_inquiry

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (row locks)"),
    pytest.mark.django_db(transaction=True),
]


def test_one_inquiry_ordered_twice_at_once_is_one_order():
    inquiry = an_inquiry(a_listing())
    values = {
        "category": category("cnc-milling"), "unit": unit("796"), "quantity": Decimal("3"),
        "delivery_place": "Москва", "delivery_date": timezone.localdate() + dt.timedelta(days=9),
    }  # fmt: skip
    results = _together(
        *[
            lambda: services.inquiry_order(inquiry=inquiry, actor=inquiry.created_by, **values)
            for _ in range(2)
        ]
    )
    conflicts = [r for r in results if isinstance(r, Conflict)]
    assert len(conflicts) == 1 and conflicts[0].code == "marketplace_already_ordered", results
    assert Order.objects.count() == 1


def test_one_product_listed_twice_at_once_is_one_listing():
    vendor, editor = a_vendor()
    product = ProductFactory(organization=vendor)
    results = _together(
        *[
            lambda: services.listing_create(product=product, actor=editor, regions=["77"])
            for _ in range(2)
        ]
    )
    conflicts = [r for r in results if isinstance(r, Conflict)]
    assert len(conflicts) == 1 and conflicts[0].code == "marketplace_already_listed", results
    assert Listing.objects.count() == 1
