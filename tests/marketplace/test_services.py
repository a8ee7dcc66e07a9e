"""The marketplace's writes: what each does, and each refusal, which writes nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.formats import date_format

from innocluster.core.audit import AuditEvent
from innocluster.core.calendar import MOSCOW, moscow_iso
from innocluster.core.errors import Conflict
from innocluster.features.exchange.models import Order
from innocluster.features.marketplace import services
from innocluster.features.marketplace.models import Inquiry, Listing, Message
from innocluster.platform.notifications.models import Notification
from tests.exchange.helpers import category, unit
from tests.factories import ProductFactory, member_of

from .helpers import a_buyer, a_listing, a_vendor, an_inquiry

pytestmark = pytest.mark.django_db


def codes(error: ValidationError, field: str) -> list[str]:
    return [e.code for e in error.error_dict[field]]


def test_a_listing_keeps_the_product_on_its_profile_and_adds_price_and_regions():
    listing = a_listing()
    assert listing.price == Decimal("125000.50")
    assert sorted(listing.regions.values_list("region", flat=True)) == ["50", "77"]
    assert "датчик давлен" in listing.search_text
    assert AuditEvent.objects.filter(
        action="marketplace.listed", target_id=str(listing.pk)
    ).exists()


def test_a_product_renamed_on_its_profile_is_found_by_its_new_name():
    listing = a_listing()
    product = listing.product
    product.name = "Расходомер «Поток-2»"
    product.save()
    listing.refresh_from_db()
    assert "расходомер «поток-2»" in listing.search_text


def test_no_price_is_on_request():
    listing = a_listing(price=None)
    assert listing.on_request


@pytest.mark.parametrize(
    ("price", "code"),
    [("-0.01", "marketplace_negative_price"), ("1000000000000", "marketplace_price_too_high"),
     ("NaN", "invalid")],
)  # fmt: skip
def test_a_bad_price_is_refused_and_nothing_is_written(price, code):
    vendor, editor = a_vendor()
    product = ProductFactory(organization=vendor)
    with pytest.raises(ValidationError) as refused:
        services.listing_create(product=product, actor=editor, price=price, regions=["77"])
    assert codes(refused.value, "price") == [code]
    assert not Listing.objects.exists()
    assert not AuditEvent.objects.filter(action="marketplace.listed").exists()


def test_a_negative_price_in_a_change_leaves_the_listing_as_it_was():
    listing = a_listing()
    vendor_editor = listing.product.organization.memberships.get().user
    with pytest.raises(ValidationError) as refused:
        services.listing_update(
            listing=listing, actor=vendor_editor, price=Decimal("-5"), terms="новые условия"
        )
    assert codes(refused.value, "price") == ["marketplace_negative_price"]
    listing.refresh_from_db()
    assert listing.price == Decimal("125000.50") and listing.terms == ""


def test_regions_are_required_unless_delivered_everywhere_and_must_be_known():
    vendor, editor = a_vendor()
    product = ProductFactory(organization=vendor)
    with pytest.raises(ValidationError) as refused:
        services.listing_create(product=product, actor=editor, regions=[])
    assert codes(refused.value, "regions") == ["marketplace_no_delivery_region"]
    with pytest.raises(ValidationError) as refused:
        services.listing_create(product=product, actor=editor, regions=["77", "00"])
    assert codes(refused.value, "regions") == ["invalid_choice"]
    listing = services.listing_create(product=product, actor=editor, delivers_everywhere=True)
    assert listing.delivers_everywhere and not listing.regions.exists()


def test_another_organizations_product_cannot_be_listed_or_changed():
    listing = a_listing()
    _other, stranger = a_vendor()
    with pytest.raises(ValidationError):
        services.listing_update(listing=listing, actor=stranger, price=Decimal("1"))
    with pytest.raises(ValidationError):
        services.listing_create(
            product=ProductFactory(organization=listing.product.organization),
            actor=stranger, regions=["77"],
        )  # fmt: skip
    listing.refresh_from_db()
    assert listing.price == Decimal("125000.50")


def test_a_product_is_listed_once():
    listing = a_listing()
    editor = listing.product.organization.memberships.get().user
    with pytest.raises(Conflict) as refused:
        services.listing_create(product=listing.product, actor=editor, regions=["77"])
    assert refused.value.code == "marketplace_already_listed"


def test_a_viewer_cannot_list():
    vendor, _editor = a_vendor()
    viewer = member_of(vendor, "viewer")
    with pytest.raises(ValidationError):
        services.listing_create(
            product=ProductFactory(organization=vendor), actor=viewer, regions=["77"]
        )


def test_an_inquiry_opens_a_thread_and_tells_the_vendor():
    listing = a_listing()
    inquiry = an_inquiry(listing)
    assert inquiry.vendor == listing.product.organization
    assert inquiry.message_count == 1 and not inquiry.answered
    vendor_people = listing.product.organization.memberships.values("user")
    assert Notification.objects.filter(
        kind="marketplace.inquiry_received", recipient__in=vendor_people
    ).exists()


def test_the_vendor_answers_and_the_buyer_hears_of_it():
    listing = a_listing()
    inquiry = an_inquiry(listing)
    editor = listing.product.organization.memberships.get().user
    message = services.message_post(inquiry=inquiry, actor=editor, text="120 000 ₽ за штуку")
    assert message.from_vendor
    inquiry.refresh_from_db()
    assert inquiry.answered and inquiry.message_count == 2
    assert Notification.objects.filter(
        kind="marketplace.vendor_answered", recipient=inquiry.created_by
    ).exists()


def test_an_inquiry_about_ones_own_product_is_refused():
    listing = a_listing()
    vendor = listing.product.organization
    editor = vendor.memberships.get().user
    with pytest.raises(ValidationError) as refused:
        services.inquiry_send(listing=listing, buyer=vendor, actor=editor, text="Вопрос")
    assert codes(refused.value, "buyer") == ["marketplace_own_product"]
    assert not Inquiry.objects.exists() and not Message.objects.exists()


def test_an_inquiry_for_an_organization_one_does_not_act_for_is_refused():
    listing = a_listing()
    buyer, _owner = a_buyer()
    _other, stranger = a_buyer()
    with pytest.raises(ValidationError) as refused:
        services.inquiry_send(listing=listing, buyer=buyer, actor=stranger, text="Вопрос")
    assert codes(refused.value, "buyer") == ["marketplace_not_a_buyer"]
    assert not Inquiry.objects.exists()


def test_an_empty_message_and_one_in_a_closed_inquiry_are_refused():
    inquiry = an_inquiry(a_listing())
    with pytest.raises(ValidationError):
        services.message_post(inquiry=inquiry, actor=inquiry.created_by, text="   ")
    services.inquiry_close(inquiry=inquiry, actor=inquiry.created_by)
    with pytest.raises(Conflict) as refused:
        services.message_post(inquiry=inquiry, actor=inquiry.created_by, text="Ещё вопрос")
    assert refused.value.code == "marketplace_inquiry_closed"
    assert Message.objects.count() == 1


def test_a_stranger_cannot_write_in_an_inquiry():
    inquiry = an_inquiry(a_listing())
    _other, stranger = a_buyer()
    with pytest.raises(ValidationError):
        services.message_post(inquiry=inquiry, actor=stranger, text="Я тоже спрошу")
    assert Message.objects.count() == 1


def _order_values(**values):
    return {
        "category": category("cnc-milling"), "unit": unit("796"), "quantity": Decimal("100"),
        "delivery_place": "Москва, Зеленоград",
        "delivery_date": timezone.localdate() + dt.timedelta(days=30), **values,
    }  # fmt: skip


def test_an_inquiry_becomes_a_published_order_to_the_vendor_alone_in_one_step():
    listing = a_listing()
    inquiry = an_inquiry(listing)
    order = services.inquiry_order(inquiry=inquiry, actor=inquiry.created_by, **_order_values())
    assert order.status == "published" and order.access == "invited"
    assert list(order.invited.all()) == [listing.product.organization]
    assert order.organization == inquiry.buyer
    assert order.items.get().name == listing.product.name
    inquiry.refresh_from_db()
    assert inquiry.status == "ordered" and inquiry.order == order
    note = Notification.objects.get(kind="marketplace.ordered")
    # the deadline kept as ISO in Moscow time, read as each reader's language writes times
    assert note.context["deadline"] == moscow_iso(order.offers_until)
    moscow = timezone.localtime(order.offers_until, MOSCOW)
    with translation.override("en"):
        assert date_format(moscow, "SHORT_DATETIME_FORMAT") in note.body
        assert moscow.strftime("%d.%m.%Y") not in note.body
    with translation.override("ru"):
        assert moscow.strftime("%d.%m.%Y %H:%M") in note.body
    with pytest.raises(Conflict) as refused:
        services.inquiry_order(inquiry=inquiry, actor=inquiry.created_by, **_order_values())
    assert refused.value.code == "marketplace_already_ordered"
    assert Order.objects.count() == 1


def test_a_refused_order_leaves_neither_an_order_nor_a_changed_inquiry():
    inquiry = an_inquiry(a_listing())
    wrong_unit = _order_values(unit=unit("166"))  # kilograms: not a unit of milling
    with pytest.raises(ValidationError):
        services.inquiry_order(inquiry=inquiry, actor=inquiry.created_by, **wrong_unit)
    past = _order_values(offers_until=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(ValidationError):
        services.inquiry_order(inquiry=inquiry, actor=inquiry.created_by, **past)
    assert not Order.objects.exists()
    inquiry.refresh_from_db()
    assert inquiry.status == "open" and inquiry.order is None


def test_only_the_buyer_places_the_order():
    listing = a_listing()
    inquiry = an_inquiry(listing)
    editor = listing.product.organization.memberships.get().user
    with pytest.raises(ValidationError) as refused:
        services.inquiry_order(inquiry=inquiry, actor=editor, **_order_values())
    assert codes(refused.value, "inquiry") == ["marketplace_not_a_buyer"]
    assert not Order.objects.exists()
