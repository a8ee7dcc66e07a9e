import datetime as dt

import pytest
from django.utils import timezone

from innocluster.features.exchange.models import Order
from innocluster.features.marketplace.models import Inquiry, Listing
from tests.exchange.helpers import category
from tests.factories import ProductFactory

from .helpers import a_buyer, a_listing, a_vendor, an_inquiry

pytestmark = pytest.mark.django_db


def test_the_catalogue_and_a_listing_in_the_api(api):
    listing = a_listing()
    a_listing(name="Скрытый прибор", is_published=False)
    rows = api.get("/api/v1/marketplace/listings/").json()["results"]
    assert [row["id"] for row in rows] == [listing.pk]
    row = rows[0]
    assert row["price"] == "125000.50" and row["vendor"] == "verified"
    assert row["regions"] == ["50", "77"] and row["trl"] == 8
    assert api.get("/api/v1/marketplace/listings/?q=датчика").json()["count"] == 1
    assert api.get("/api/v1/marketplace/listings/?region=16").json()["count"] == 0
    assert api.get("/api/v1/marketplace/listings/?price_min=-1").status_code == 400
    detail = api.get(f"/api/v1/marketplace/listings/{listing.pk}/").json()
    assert detail["certificates"] == [] and detail["name"] == "Датчик давления ДД-100"


def test_a_vendor_lists_and_changes_a_product_with_problems_for_bad_input(api_as):
    vendor, editor = a_vendor()
    product = ProductFactory(organization=vendor)
    client = api_as(editor)
    body = {"product": product.pk, "price": "-1.00", "regions": ["77"]}
    refused = client.post("/api/v1/marketplace/listings/", body, format="json")
    assert refused.status_code == 400
    assert refused.json()["error_codes"]["price"] == ["marketplace_negative_price"]
    assert not Listing.objects.exists()
    created = client.post("/api/v1/marketplace/listings/", {**body, "price": None}, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["on_request"] is True
    again = client.post("/api/v1/marketplace/listings/", {**body, "price": None}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "marketplace_already_listed"
    pk = created.json()["id"]
    changed = client.patch(
        f"/api/v1/marketplace/listings/{pk}/", {"price": "990.00"}, format="json"
    )
    assert changed.status_code == 200 and changed.json()["price"] == "990.00"


def test_another_organizations_listing_or_product_is_a_404(api_as):
    listing = a_listing()
    _other, stranger = a_vendor()
    client = api_as(stranger)
    response = client.patch(
        f"/api/v1/marketplace/listings/{listing.pk}/", {"price": "1.00"}, format="json"
    )
    assert response.status_code == 404
    product = ProductFactory(organization=listing.product.organization)
    response = client.post(
        "/api/v1/marketplace/listings/", {"product": product.pk, "regions": ["77"]}, format="json"
    )
    assert response.status_code == 404
    listing.refresh_from_db()
    assert str(listing.price) == "125000.50"


def test_inquiry_thread_and_order_through_the_api(api_as):
    listing = a_listing()
    vendor_editor = listing.product.organization.memberships.get().user
    buyer, owner = a_buyer()
    client = api_as(owner)
    own = api_as(vendor_editor).post(
        "/api/v1/marketplace/inquiries/",
        {"listing": listing.pk, "buyer": listing.product.organization_id, "text": "Себе"},
        format="json",
    )
    assert own.status_code == 400
    assert own.json()["error_codes"]["buyer"] == ["marketplace_own_product"]
    sent = client.post(
        "/api/v1/marketplace/inquiries/",
        {"listing": listing.pk, "buyer": buyer.pk, "text": "Цена партии?"},
        format="json",
    )
    assert sent.status_code == 201, sent.json()
    pk = sent.json()["id"]
    vendor = api_as(vendor_editor)
    answer = vendor.post(f"/api/v1/marketplace/inquiries/{pk}/messages/", {"text": "Скидка 5 %"})
    assert answer.status_code == 201 and answer.json()["from_vendor"] is True
    thread = client.get(f"/api/v1/marketplace/inquiries/{pk}/messages/").json()
    assert [m["text"] for m in thread] == ["Цена партии?", "Скидка 5 %"]
    _other, stranger = a_buyer()
    assert api_as(stranger).get(f"/api/v1/marketplace/inquiries/{pk}/").status_code == 404
    order = {
        "category": category("cnc-milling").pk, "unit": "796", "quantity": "5",
        "delivery_place": "Москва",
        "delivery_date": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
    }  # fmt: skip
    wrong = client.post(f"/api/v1/marketplace/inquiries/{pk}/order/", {**order, "unit": "166"})
    assert wrong.status_code == 400 and not Order.objects.exists()
    assert wrong.json()["error_codes"]["items"] == ["exchange_wrong_unit"]
    late = (timezone.now() - dt.timedelta(hours=1)).isoformat()
    past = client.post(
        f"/api/v1/marketplace/inquiries/{pk}/order/", {**order, "offers_until": late}
    )
    assert past.status_code == 400 and not Order.objects.exists()
    by_vendor = vendor.post(f"/api/v1/marketplace/inquiries/{pk}/order/", order)
    assert by_vendor.status_code == 400 and not Order.objects.exists()
    made = client.post(f"/api/v1/marketplace/inquiries/{pk}/order/", order)
    assert made.status_code == 201, made.json()
    assert made.json()["inquiry"]["status"] == "ordered"
    assert Order.objects.get().pk == made.json()["order"]
    twice = client.post(f"/api/v1/marketplace/inquiries/{pk}/order/", order)
    assert twice.status_code == 409 and Order.objects.count() == 1


def test_an_inquiry_list_is_the_callers_own(api_as):
    inquiry = an_inquiry(a_listing())
    an_inquiry(a_listing(name="Другой прибор"))
    rows = api_as(inquiry.created_by).get("/api/v1/marketplace/inquiries/").json()["results"]
    assert [row["id"] for row in rows] == [inquiry.pk]
    assert Inquiry.objects.count() == 2
