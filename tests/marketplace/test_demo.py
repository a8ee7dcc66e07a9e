import pytest

from innocluster.features.marketplace import demo
from innocluster.features.marketplace.models import Inquiry, Listing, Message
from innocluster.features.marketplace.services import search_text_of
from tests.factories import OrganizationFactory, ProductFactory, member_of, with_status

pytestmark = pytest.mark.django_db


def test_listings_with_prices_regions_and_inquiries():
    organizations = [OrganizationFactory() for _ in range(12)]
    for organization in organizations[:6]:
        with_status(organization)
    for organization in organizations:
        member_of(organization, "owner")
        for _ in range(4):
            ProductFactory(organization=organization)
    report = demo.build(seed=3, count=40, inquiries=20)
    assert report.listings == Listing.objects.count() == 40
    # the products of organizations in good standing come first
    standing = Listing.objects.filter(product__organization__cluster_status__state="active")
    assert standing.count() == 24
    assert Listing.objects.filter(price__isnull=True).exists()
    assert Listing.objects.filter(price__isnull=False).exists()
    for listing in Listing.objects.select_related("product"):
        assert listing.delivers_everywhere or listing.regions.exists()
        assert listing.search_text == search_text_of(listing)
    assert report.inquiries == Inquiry.objects.count() > 0
    assert report.messages == Message.objects.count()
    for inquiry in Inquiry.objects.all():
        assert inquiry.buyer_id != inquiry.vendor_id
        assert inquiry.message_count == inquiry.messages.count()
        assert inquiry.answered == inquiry.messages.filter(from_vendor=True).exists()
