"""How the marketplace shows a price and a vendor's mark."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from innocluster.core.regions import region_name

from .. import selectors
from ..choices import Vendor

register = template.Library()


@register.filter
def price_text(listing) -> str:
    """«125 000,00 ₽ за штуку, с НДС», or «Цена по запросу»: in the page's number format."""
    if listing.price is None:
        return _("Price on request")
    amount = number_format(listing.price, decimal_pos=2, use_l10n=True, force_grouping=True)
    text = f"{amount} ₽"
    if listing.price_unit:
        text += " " + _("per %(unit)s") % {"unit": listing.price_unit}
    vat = _("VAT included") if listing.vat_included else _("without VAT")
    return f"{text}, {vat}"


@register.filter
def region_label(code: str) -> str:
    """A region's name (the model field's display builds every region's name at each call)."""
    return region_name(code)


@register.inclusion_tag("marketplace/includes/vendor_mark.html")
def vendor_mark(organization):
    mark = selectors.vendor_mark(organization)
    return {"mark": mark, "label": Vendor(mark).label if mark else ""}


SHOWN = 10


@register.inclusion_tag("marketplace/includes/organization_listings.html")
def organization_marketplace(organization):
    """The organization's page: its products on the marketplace (the first SHOWN, and how
    many in all), each linking to its marketplace page."""
    listings = selectors.listing_list_of_organization(organization=organization)
    shown = list(listings[: SHOWN + 1])
    count = len(shown) if len(shown) <= SHOWN else listings.count()
    return {"organization": organization, "listings": shown[:SHOWN], "count": count}
