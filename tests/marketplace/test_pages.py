import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from innocluster.features.exchange.models import Order
from innocluster.features.marketplace.models import Inquiry, Listing
from tests.exchange.helpers import category, unit
from tests.factories import ProductFactory, with_status

from .helpers import a_buyer, a_listing, a_vendor, an_inquiry

pytestmark = pytest.mark.django_db


def _client(user=None):
    client = Client(HTTP_ACCEPT_LANGUAGE="ru")
    if user:
        client.force_login(user)
    return client


def _text(response) -> str:
    return response.content.decode().replace("\xa0", " ").replace("\u202f", " ")


def test_the_catalogue_filters_and_marks_the_vendors():
    verified = a_listing()
    partner_vendor, partner_editor = a_vendor("partner")
    partner = a_listing(
        partner_vendor, partner_editor, name="Облачная платформа", price=None,
        description="Хранение данных",
        delivers_everywhere=True, regions=[],
    )  # fmt: skip
    hidden = a_listing(name="Скрытый прибор", is_published=False)
    page = _text(_client().get("/marketplace/"))
    assert "Датчик давления ДД-100" in page and "Облачная платформа" in page
    assert "Скрытый прибор" not in page
    assert "125 000,50 ₽" in page and "Цена по запросу" in page
    assert "Проверенный поставщик" in page and "Партнёр" in page
    found = _text(_client().get("/marketplace/?q=датчика"))
    assert "Датчик давления ДД-100" in found and "Облачная платформа" not in found
    # Delivered to Tatarstan: only the one delivered all over Russia
    tatarstan = _text(_client().get("/marketplace/?region=16"))
    assert "Облачная платформа" in tatarstan and "Датчик давления" not in tatarstan
    cheap = _text(_client().get("/marketplace/?price_max=1000"))
    assert "Датчик давления" not in cheap
    assert "Датчик давления" in _text(_client().get("/marketplace/?vendor=verified"))
    assert "Датчик давления" not in _text(_client().get("/marketplace/?vendor=partner"))
    assert "Датчик давления" in _text(_client().get("/marketplace/?trl=8&category=hardware"))
    assert _client().get("/marketplace/?price_min=-5").status_code == 400
    assert _client().get("/marketplace/?region=00").status_code == 400
    assert _client().get(f"/marketplace/{verified.pk}/").status_code == 200
    assert _client().get(f"/marketplace/{partner.pk}/").status_code == 200
    assert _client().get(f"/marketplace/{hidden.pk}/").status_code == 404


def test_the_search_box_finds_marketplace_products():
    listing = a_listing()
    page = _text(_client().get("/directory/?q=датчик давления"))
    assert f'href="/marketplace/{listing.pk}/"' in page and "ДД-100" in page
    assert "Продукты на маркетплейсе" in page


def test_a_vendor_lists_a_product_of_its_profile_and_edits_it_on_the_pages():
    vendor, editor = a_vendor()
    product = ProductFactory(organization=vendor, name="Станок лазерной резки")
    assert "Станок лазерной резки" in _text(_client(editor).get("/marketplace/mine/"))
    data = {"price": "-10", "price_unit": "", "terms": "", "regions": ["77"], "is_published": "on"}
    bad = _client(editor).post(f"/marketplace/new/{product.pk}/", data)
    assert bad.status_code == 400 and "не может быть отрицательной" in _text(bad)
    assert not Listing.objects.exists()
    response = _client(editor).post(f"/marketplace/new/{product.pk}/", {**data, "price": "1500,5"})
    assert response.status_code == 302
    listing = Listing.objects.get()
    assert str(listing.price) == "1500.50"
    response = _client(editor).post(
        f"/marketplace/{listing.pk}/edit/", {**data, "price": "", "delivers_everywhere": "on"}
    )
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.price is None and listing.delivers_everywhere
    picture = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(picture, "PNG")
    upload = SimpleUploadedFile("a.png", picture.getvalue(), content_type="image/png")
    response = _client(editor).post(f"/marketplace/{listing.pk}/photos/", {"image": upload})
    assert response.status_code == 302 and listing.photos.count() == 1
    fake = SimpleUploadedFile("b.png", b"not an image", content_type="image/png")
    response = _client(editor).post(f"/marketplace/{listing.pk}/photos/", {"image": fake})
    assert response.status_code == 400 and listing.photos.count() == 1
    photo = listing.photos.get()
    assert _client().get(f"/marketplace/{listing.pk}/photos/{photo.pk}/").status_code == 200


def test_another_organizations_listing_is_a_404_to_edit():
    listing = a_listing()
    _other, stranger = a_vendor()
    assert _client(stranger).get(f"/marketplace/{listing.pk}/edit/").status_code == 404
    response = _client(stranger).post(
        f"/marketplace/{listing.pk}/edit/", {"price": "1", "regions": ["77"]}
    )
    assert response.status_code == 404
    product = ProductFactory(organization=listing.product.organization)
    assert _client(stranger).get(f"/marketplace/new/{product.pk}/").status_code == 404
    listing.refresh_from_db()
    assert str(listing.price) == "125000.50"


def test_a_buyer_asks_the_vendor_answers_and_the_buyer_orders_in_one_step():
    listing = a_listing()
    vendor_editor = listing.product.organization.memberships.get().user
    buyer, owner = a_buyer()
    with_status(buyer)
    page = _text(_client(owner).get(f"/marketplace/{listing.pk}/"))
    assert "Спросить поставщика" in page
    assert "Спросить поставщика" not in _text(
        _client(vendor_editor).get(f"/marketplace/{listing.pk}/")
    )
    response = _client(owner).post(
        f"/marketplace/{listing.pk}/inquire/",
        {"buyer": buyer.pk, "quantity": "10 шт.", "text": "Есть ли в наличии?"},
    )
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    own = _client(vendor_editor).post(
        f"/marketplace/{listing.pk}/inquire/",
        {"buyer": listing.product.organization.pk, "text": "Себе"},
    )
    assert own.status_code == 400 and Inquiry.objects.count() == 1
    _other, stranger = a_buyer()
    assert _client(stranger).get(f"/marketplace/inquiries/{inquiry.pk}/").status_code == 404
    response = _client(vendor_editor).post(
        f"/marketplace/inquiries/{inquiry.pk}/", {"text": "Да, 10 штук на складе."}
    )
    assert response.status_code == 302
    thread = _text(_client(owner).get(f"/marketplace/inquiries/{inquiry.pk}/"))
    assert "Да, 10 штук на складе." in thread and "Заказать у этого поставщика" in thread
    order = {
        "category": category("cnc-milling").pk, "quantity": "10", "unit": unit("796").pk,
        "delivery_place": "Москва",
        "delivery_date": (timezone.localdate() + dt.timedelta(days=20)).isoformat(),
    }  # fmt: skip
    wrong = _client(owner).post(
        f"/marketplace/inquiries/{inquiry.pk}/order/", {**order, "unit": unit("166").pk}
    )
    assert wrong.status_code == 400 and not Order.objects.exists()
    response = _client(owner).post(f"/marketplace/inquiries/{inquiry.pk}/order/", order)
    made = Order.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(
        f"/exchange/orders/{made.pk}/"
    )
    assert _client(vendor_editor).get(f"/exchange/orders/{made.pk}/offer/").status_code == 200
    assert "Мои запросы" in _text(_client(owner).get("/marketplace/"))
    assert "Датчик давления" in _text(_client(vendor_editor).get("/marketplace/inquiries/"))


def test_english_pages():
    listing = a_listing(price=None)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    page = _text(client.get(f"/en/marketplace/{listing.pk}/"))
    assert "Price on request" in page and "Verified vendor" in page


def test_an_inquiry_thread_is_only_its_two_sides():
    inquiry = an_inquiry(a_listing())
    assert _client().get(f"/marketplace/inquiries/{inquiry.pk}/").status_code == 302  # sign in
    assert (
        _client(inquiry.created_by).get(f"/marketplace/inquiries/{inquiry.pk}/").status_code == 200
    )
    assert _client(inquiry.created_by).get("/marketplace/inquiries/abc/").status_code == 404


def test_the_organizations_page_shows_its_products_on_the_marketplace():
    listing = a_listing()
    organization = listing.product.organization
    page = _text(_client().get(f"/organizations/{organization.pk}/"))
    assert "На маркетплейсе" in page and f'href="/marketplace/{listing.pk}/"' in page
    other = a_listing(name="Чужой прибор")
    own = _text(_client().get(f"/marketplace/?organization={organization.pk}"))
    assert "Датчик давления" in own and "Чужой прибор" not in own
    assert other.pk != listing.pk


def test_the_organizations_page_reads_its_listings_in_one_query(django_assert_num_queries):
    # Its section shows a link and a price each: one query, no joins nor prefetches it never
    # shows (issue 18), and only what is published.
    from innocluster.features.marketplace.selectors import listing_list_of_organization
    from innocluster.features.marketplace.templatetags.marketplace import price_text

    vendor, editor = a_vendor()
    listing = a_listing(vendor, editor)
    organization = listing.product.organization
    hidden = a_listing(vendor, editor, name="Черновик")
    a_listing(name="Чужой прибор")  # another organization's
    Listing.objects.filter(pk=hidden.pk).update(is_published=False)
    with django_assert_num_queries(1):
        shown = listing_list_of_organization(organization=organization)
        rows = [(row.pk, row.product.name, price_text(row)) for row in shown]
    assert rows == [(listing.pk, listing.product.name, price_text(listing))]
