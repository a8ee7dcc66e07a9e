"""Reads that depend on who asks. What the caller may not see is a 404, never a 403.

- A listing: published ones to everybody; an unpublished one to its vendor's owners and editors.
- An inquiry: to the people of its buyer and of its vendor (any role); nobody else, fund staff
  included: it is the two companies' correspondence.
"""

from django.db.models import Prefetch, Q

from innocluster.core.filters import id_or_none
from innocluster.platform.organizations.models import Organization, Product
from innocluster.platform.organizations.permissions import APPLY, MANAGE_PRODUCTS
from innocluster.platform.organizations.selectors import organization_ids_of
from innocluster.platform.search.catalogue import get_or_404, list_operated, list_published
from innocluster.platform.status.choices import StatusKind, StatusState

from .choices import Vendor
from .models import Certificate, DeliveryRegion, Inquiry, Listing, Message, Photo


def _listings():
    return Listing.objects.select_related(
        "product__organization", "product__organization__cluster_status"
    ).prefetch_related(
        Prefetch("regions", queryset=DeliveryRegion.objects.order_by("region")),
        Prefetch("photos", queryset=Photo.objects.order_by("position", "pk")),
    )


def listing_list_public():
    """The published listings everybody sees, last changed first (the catalogue)."""
    return list_published(_listings()).order_by("-updated_at", "-pk")


def listing_list_of_organization(*, organization):
    """An organization's published listings as its page lists them (a link and a price each):
    with their products, not the catalogue's joins of the organization and its status nor its
    regions and photos (issue 18: a seventh of the organization page's CPU)."""
    listings = listing_list_public().filter(product__organization=organization)
    return listings.select_related(None).select_related("product").prefetch_related(None)


def listing_list_operated(*, user):
    """The listings of the organizations whose products `user` manages, published or not."""
    return list_operated(_listings(), user=user).order_by("-updated_at", "-pk")


def listing_get_visible(*, user, pk) -> Listing:
    """A published listing, or one `user` manages; else 404."""
    visible = Listing.published() | Q(
        product__organization_id__in=organization_ids_of(user=user, ability=MANAGE_PRODUCTS)
    )
    return get_or_404(_listings().filter(visible), id_or_none(pk))


def listing_get_operated(*, user, pk) -> Listing:
    """A listing of a product `user` manages (owner or editor of its organization); else 404."""
    return get_or_404(listing_list_operated(user=user), id_or_none(pk))


def certificates_of(*, listing):
    return Certificate.objects.filter(listing=listing).order_by("pk")


def certificate_get(*, user, listing_pk, pk) -> Certificate:
    listing = listing_get_visible(user=user, pk=listing_pk)
    return get_or_404(certificates_of(listing=listing), id_or_none(pk))


def photo_get(*, user, listing_pk, pk) -> Photo:
    listing = listing_get_visible(user=user, pk=listing_pk)
    return get_or_404(listing.photos.all(), id_or_none(pk))


def products_to_list(*, user):
    """The products `user` manages that are not on the marketplace yet: what a new listing
    may be made of."""
    ids = organization_ids_of(user=user, ability=MANAGE_PRODUCTS)
    return (
        Product.objects.filter(organization_id__in=ids, listing__isnull=True)
        .select_related("organization")
        .order_by("organization__short_name", "name", "pk")
    )


def product_get_to_list(*, user, pk) -> Product:
    return get_or_404(products_to_list(user=user), id_or_none(pk))


def vendor_mark(organization) -> str:
    """Vendor.VERIFIED for an active participant, Vendor.PARTNER for an active partner,
    "" otherwise. Reads the status the listing's query brought (select_related)."""
    status = getattr(organization, "cluster_status", None)
    if status is None or status.state != StatusState.ACTIVE:
        return ""
    if status.kind == StatusKind.PARTICIPANT:
        return Vendor.VERIFIED
    return Vendor.PARTNER if status.kind == StatusKind.PARTNER else ""


def vendor_condition(mark: str) -> Q:
    """The listings whose vendor has `mark` (the catalogue's filter)."""
    kind = StatusKind.PARTICIPANT if mark == Vendor.VERIFIED else StatusKind.PARTNER
    return Q(
        product__organization__cluster_status__state=StatusState.ACTIVE,
        product__organization__cluster_status__kind=kind,
    )


def buying_organizations(*, user, listing=None):
    """The organizations `user` may send an inquiry for (owner or editor), the listing's own
    vendor left out."""
    organizations = Organization.objects.filter(
        pk__in=organization_ids_of(user=user, ability=APPLY)
    ).order_by("short_name")
    if listing is not None:
        organizations = organizations.exclude(pk=listing.product.organization_id)
    return organizations


def _inquiries():
    return Inquiry.objects.select_related(
        "listing__product", "buyer", "vendor", "created_by", "order"
    )


def inquiry_list(*, user):
    """The inquiries of the organizations `user` belongs to, sent or received."""
    mine = organization_ids_of(user=user)
    return _inquiries().filter(Q(buyer_id__in=mine) | Q(vendor_id__in=mine))


def inquiry_get(*, user, pk) -> Inquiry:
    """An inquiry sent or received by an organization `user` belongs to; else 404."""
    return get_or_404(inquiry_list(user=user), id_or_none(pk))


def is_buyer_person(*, user, inquiry, acting: bool = True) -> bool:
    ability = APPLY if acting else None
    return inquiry.buyer_id in set(organization_ids_of(user=user, ability=ability))


def is_vendor_person(*, user, inquiry, acting: bool = True) -> bool:
    ability = MANAGE_PRODUCTS if acting else None
    return inquiry.vendor_id in set(organization_ids_of(user=user, ability=ability))


def messages_of(*, inquiry):
    return Message.objects.filter(inquiry=inquiry).select_related("author").order_by("pk")


def product_get_to_list_or_listed(*, user, pk) -> Product:
    """A product `user` manages, listed or not (the API's create: a listed one is then a 409,
    not a 404, to its own people); else 404."""
    ids = organization_ids_of(user=user, ability=MANAGE_PRODUCTS)
    return get_or_404(
        Product.objects.filter(organization_id__in=ids).select_related("organization"),
        id_or_none(pk),
    )
