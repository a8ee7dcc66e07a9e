"""Marketplace products in the one search (platform/search/sources.py): published listings,
found by the words of the product and the listing's terms."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innocluster.platform.search import sources

from . import selectors
from .models import Listing
from .templatetags.marketplace import price_text

TEXT = "search_text"


def listings_matching(queryset, query: str):
    return sources.matching(queryset, query, TEXT)


def _item(listing: Listing) -> sources.Item:
    product = listing.product
    return sources.Item(
        title=product.name,
        url=reverse("marketplace:listing", args=[listing.pk]),
        meta=" · ".join([product.organization.short_name, price_text(listing)]),
        text=product.description,
    )


def _list_url(words: str, regions: list[str]) -> str:
    return f"{reverse('marketplace:catalogue')}?{urlencode({'q': words})}"


SOURCE = sources.Source(
    code="marketplace",
    label=_("Marketplace products"),
    queryset=selectors.listing_list_public,
    text=TEXT,
    item=_item,
    list_url=_list_url,
    region_field="product__organization__region",
)
sources.register(SOURCE)
