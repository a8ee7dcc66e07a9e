from decimal import Decimal

from innocluster.features.marketplace import services
from tests.factories import OrganizationFactory, ProductFactory, member_of, with_status


def a_vendor(kind=None):
    vendor = with_status(OrganizationFactory(), kind)
    return vendor, member_of(vendor, "editor")


def a_buyer():
    buyer = OrganizationFactory()
    return buyer, member_of(buyer, "owner")


def a_listing(
    vendor=None, editor=None, *, name="Датчик давления ДД-100",
    description="Промышленный датчик с цифровым выходом", **values,
):  # fmt: skip
    if vendor is None:
        vendor, editor = a_vendor()
    product = ProductFactory(
        organization=vendor, name=name, description=description,
        category="hardware", trl=8,
    )  # fmt: skip
    fields = {"price": Decimal("125000.50"), "price_unit": "штуку", "regions": ["77", "50"]}
    fields |= values
    return services.listing_create(product=product, actor=editor, **fields)


def an_inquiry(listing, buyer=None, owner=None, text="Сколько стоит партия из 100 штук?"):
    if buyer is None:
        buyer, owner = a_buyer()
    return services.inquiry_send(
        listing=listing, buyer=buyer, actor=owner, text=text, quantity="100 шт."
    )
