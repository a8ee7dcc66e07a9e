"""Writes of the marketplace. Each runs in one transaction, checks the actor against the
organization it acts for, records the change in the audit trail and tells the other side; a
refused write writes nothing (the transaction is rolled back)."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.audit import audit_record, diff, register_actions, snapshot
from innocluster.core.calendar import moscow_iso
from innocluster.core.errors import Conflict
from innocluster.core.files import files_deleted_on_rollback
from innocluster.core.regions import REGIONS
from innocluster.core.uploads import sha256_of, validate_image, validate_pdf
from innocluster.features.exchange.services import order_create, order_publish
from innocluster.platform.organizations.models import Product
from innocluster.platform.organizations.permissions import APPLY, MANAGE_PRODUCTS
from innocluster.platform.organizations.selectors import organization_ids_of
from innocluster.platform.search.text import normalize

from . import notifications
from .choices import (
    CERTIFICATE_MAX_BYTES,
    MAX_CERTIFICATES,
    MAX_PHOTOS,
    MAX_PRICE,
    MAX_REGIONS,
    PHOTO_MAX_BYTES,
    InquiryStatus,
)
from .errors import MarketplaceErrorCode as E
from .models import Certificate, DeliveryRegion, Inquiry, Listing, Message, Photo

register_actions(
    {
        "marketplace.listed": gettext_lazy("put a product on the marketplace"),
        "marketplace.listing_changed": gettext_lazy("changed a product on the marketplace"),
        "marketplace.photo_added": gettext_lazy("added a photo of a marketplace product"),
        "marketplace.photo_deleted": gettext_lazy("deleted a photo of a marketplace product"),
        "marketplace.certificate_added": gettext_lazy(
            "added a certificate of a marketplace product"
        ),
        "marketplace.certificate_deleted": gettext_lazy(
            "deleted a certificate of a marketplace product"
        ),
        "marketplace.inquiry_sent": gettext_lazy("sent an inquiry about a marketplace product"),
        "marketplace.message_posted": gettext_lazy("wrote in a marketplace inquiry"),
        "marketplace.inquiry_closed": gettext_lazy("closed a marketplace inquiry"),
        "marketplace.ordered": gettext_lazy("turned a marketplace inquiry into a production order"),
    }
)

LISTING_FIELDS = (
    "price", "price_unit", "vat_included", "terms", "delivers_everywhere", "is_published",
)  # fmt: skip
REGION_CODES = frozenset(code for code, _ru, _en in REGIONS)


def refuse(field: str, message, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _require(actor, organization_id: int, ability: str, field: str, message) -> None:
    if organization_id not in set(organization_ids_of(user=actor, ability=ability)):
        raise refuse(field, message, E.NOT_A_BUYER if ability == APPLY else "permission_denied")


def _require_vendor(actor, listing) -> None:
    _require(
        actor, listing.product.organization_id, MANAGE_PRODUCTS, "product",
        _("Only an owner or editor of the product's organization may do this."),
    )  # fmt: skip


# --- The search text ---------------------------------------------------------------------


def search_text_of(listing) -> str:
    """The listing's text as the search reads it (platform/search/fields.folded_text folds
    the same way): the product's name, category and description and the listing's terms."""
    product = listing.product
    parts = [product.name, str(product.get_category_display()), product.description, listing.terms]
    return normalize(" ".join(part for part in parts if part))


@receiver(post_save, sender=Product, dispatch_uid="marketplace_product_saved")
def _product_saved(sender, instance, raw=False, **kwargs):
    """A product changed on its profile: its listing's search text follows, in the same
    transaction."""
    if raw:
        return
    listing = Listing.objects.filter(product=instance).first()
    if listing is not None:
        listing.product = instance
        Listing.objects.filter(pk=listing.pk).update(search_text=search_text_of(listing))


# --- Listings ----------------------------------------------------------------------------


def _check_price(price):
    if price is None or price == "":
        return None
    try:
        price = Decimal(price)
    except (InvalidOperation, TypeError, ValueError):
        raise refuse("price", _("Enter a number."), "invalid") from None
    if not price.is_finite():
        raise refuse("price", _("Enter a number."), "invalid")
    if price < 0:
        raise refuse("price", _("The price cannot be negative."), E.NEGATIVE_PRICE)
    if price >= MAX_PRICE:
        raise refuse("price", _("The price is too high."), E.PRICE_TOO_HIGH)
    return price.quantize(Decimal("0.01"))


def _check_regions(regions, everywhere: bool) -> list[str]:
    regions = list(regions or [])
    if len(regions) > MAX_REGIONS:
        raise refuse("regions", _("Too many regions."), "max_length")
    unknown = sorted({str(r) for r in regions} - REGION_CODES)
    if unknown:
        raise refuse(
            "regions", _("Unknown region: %(codes)s.") % {"codes": ", ".join(unknown)},
            "invalid_choice",
        )  # fmt: skip
    regions = sorted({str(r) for r in regions})
    if not everywhere and not regions:
        raise refuse(
            "regions",
            _("Choose the regions the product is delivered to, or all over Russia."),
            E.NO_DELIVERY_REGION,
        )
    return [] if everywhere else regions


def _save_regions(listing, regions: list[str]) -> None:
    listing.regions.all().delete()
    DeliveryRegion.objects.bulk_create(
        DeliveryRegion(listing=listing, region=code) for code in regions
    )


def _region_list(listing) -> list[str]:
    return list(listing.regions.order_by("region").values_list("region", flat=True))


@transaction.atomic
def listing_create(*, product, actor, regions=(), **fields) -> Listing:
    """Put `product` on the marketplace (an owner or editor of its organization), with a price
    or none ("on request"), the terms and where it is delivered."""
    _require(
        actor, product.organization_id, MANAGE_PRODUCTS, "product",
        _("Only an owner or editor of the product's organization may do this."),
    )  # fmt: skip
    unknown = set(fields) - set(LISTING_FIELDS)
    if unknown:
        raise TypeError(f"listing_create() got unexpected fields {sorted(unknown)}")
    Product.objects.select_for_update().get(pk=product.pk)  # two listings at once: one waits
    if Listing.objects.filter(product=product).exists():
        raise Conflict(_("The product is already on the marketplace."), code=E.ALREADY_LISTED)
    fields["price"] = _check_price(fields.get("price"))
    codes = _check_regions(regions, bool(fields.get("delivers_everywhere")))
    listing = Listing(product=product, **fields)
    listing.search_text = search_text_of(listing)
    listing.full_clean(exclude=["product"])
    listing.save()
    _save_regions(listing, codes)
    audit_record(
        actor=actor, action="marketplace.listed", target=listing,
        organization=product.organization,
        changes=snapshot(listing, LISTING_FIELDS) | {"regions": codes},
    )  # fmt: skip
    return listing


@transaction.atomic
def listing_update(*, listing, actor, regions=None, **changes) -> Listing:
    """Change the given fields (and the regions, when given)."""
    listing = (
        Listing.objects.select_for_update()
        .select_related("product__organization")
        .get(pk=listing.pk)
    )
    _require_vendor(actor, listing)
    unknown = set(changes) - set(LISTING_FIELDS)
    if unknown:
        raise TypeError(f"listing_update() got unexpected fields {sorted(unknown)}")
    if "price" in changes:
        changes["price"] = _check_price(changes["price"])
    before = snapshot(listing, changes) | {"regions": _region_list(listing)}
    for name, value in changes.items():
        setattr(listing, name, value)
    everywhere = listing.delivers_everywhere
    if regions is not None or "delivers_everywhere" in changes:
        codes = _check_regions(_region_list(listing) if regions is None else regions, everywhere)
    else:
        codes = None
    listing.search_text = search_text_of(listing)
    listing.full_clean(exclude=["product"])
    listing.save()
    if codes is not None:
        _save_regions(listing, codes)
    after = snapshot(listing, changes) | {"regions": _region_list(listing)}
    changed = diff(before, after)
    if changed:
        audit_record(
            actor=actor, action="marketplace.listing_changed", target=listing,
            organization=listing.product.organization, changes=changed,
        )  # fmt: skip
    return listing


def photo_add(*, listing, actor, image, caption: str = "") -> Photo:
    """Add a photo, checked by its content (a real PNG, JPEG, WebP or GIF). Its file is
    deleted again if anything after it fails (core.files.files_deleted_on_rollback)."""
    with files_deleted_on_rollback() as written, transaction.atomic():
        return _photo_add(listing, actor, image, caption, written)


def _photo_add(listing, actor, image, caption: str, written) -> Photo:
    listing = (
        Listing.objects.select_for_update()
        .select_related("product__organization")
        .get(pk=listing.pk)
    )
    _require_vendor(actor, listing)
    if listing.photos.count() >= MAX_PHOTOS:
        raise refuse("image", _("At most %(max)d photos.") % {"max": MAX_PHOTOS}, E.TOO_MANY_PHOTOS)
    try:
        extension = validate_image(image, max_bytes=PHOTO_MAX_BYTES)
    except ValidationError as error:
        raise ValidationError({"image": error}) from None
    image.name = f"photo.{extension}"
    photo = Photo(listing=listing, image=image, caption=caption, position=listing.photos.count())
    photo.full_clean()
    written.save(photo.image, image.name, image)
    photo.save()
    audit_record(
        actor=actor, action="marketplace.photo_added", target=listing,
        organization=listing.product.organization, changes={"caption": caption},
    )  # fmt: skip
    return photo


@transaction.atomic
def photo_delete(*, photo, actor) -> None:
    """Remove a photo; its file goes once the removal is committed."""
    listing = photo.listing
    _require_vendor(actor, listing)
    stored, storage = photo.image.name, photo.image.storage
    audit_record(
        actor=actor, action="marketplace.photo_deleted", target=listing,
        organization=listing.product.organization, changes={"caption": photo.caption},
    )  # fmt: skip
    photo.delete()
    transaction.on_commit(lambda: storage.delete(stored))


def certificate_add(*, listing, actor, file=None, **fields) -> Certificate:
    """Add a certificate (its document, if any, a PDF checked by its content). Its file is
    deleted again if anything after it fails (core.files.files_deleted_on_rollback)."""
    with files_deleted_on_rollback() as written, transaction.atomic():
        return _certificate_add(listing, actor, file, fields, written)


def _certificate_add(listing, actor, file, fields: dict, written) -> Certificate:
    listing = (
        Listing.objects.select_for_update()
        .select_related("product__organization")
        .get(pk=listing.pk)
    )
    _require_vendor(actor, listing)
    if listing.certificates.count() >= MAX_CERTIFICATES:
        raise refuse(
            "title", _("At most %(max)d certificates.") % {"max": MAX_CERTIFICATES},
            E.TOO_MANY_CERTIFICATES,
        )  # fmt: skip
    issued, until = fields.get("issued_on"), fields.get("valid_until")
    if issued and until and until < issued:
        raise refuse(
            "valid_until", _("A certificate cannot expire before it was issued."),
            E.CERTIFICATE_DATES,
        )  # fmt: skip
    certificate = Certificate(listing=listing, **fields)
    if file:
        try:
            validate_pdf(file, max_bytes=CERTIFICATE_MAX_BYTES)
        except ValidationError as error:
            raise ValidationError({"file": error}) from None
        certificate.sha256 = sha256_of(file)
        file.name = "certificate.pdf"
        certificate.file = file
    certificate.full_clean()
    if file:
        written.save(certificate.file, file.name, file)
    certificate.save()
    audit_record(
        actor=actor, action="marketplace.certificate_added", target=listing,
        organization=listing.product.organization, changes={"title": certificate.title},
    )  # fmt: skip
    return certificate


@transaction.atomic
def certificate_delete(*, certificate, actor) -> None:
    listing = certificate.listing
    _require_vendor(actor, listing)
    stored = certificate.file.name if certificate.file else ""
    storage = certificate.file.storage
    audit_record(
        actor=actor, action="marketplace.certificate_deleted", target=listing,
        organization=listing.product.organization, changes={"title": certificate.title},
    )  # fmt: skip
    certificate.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))


# --- Inquiries ---------------------------------------------------------------------------


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise refuse("text", _("Write the message."), "required")
    return text


def _locked_inquiry(inquiry) -> Inquiry:
    return (
        Inquiry.objects.select_for_update()
        .select_related("listing__product", "buyer", "vendor")
        .get(pk=inquiry.pk)
    )


def _post(inquiry, *, actor, text: str, from_vendor: bool) -> Message:
    message = Message(inquiry=inquiry, author=actor, text=text, from_vendor=from_vendor)
    message.full_clean(exclude=["inquiry", "author"])
    message.save()
    updates = {"last_message_at": timezone.now(), "message_count": F("message_count") + 1}
    if from_vendor:
        updates["answered"] = True
    Inquiry.objects.filter(pk=inquiry.pk).update(**updates)
    inquiry.refresh_from_db(fields=["last_message_at", "message_count", "answered"])
    return message


@transaction.atomic
def inquiry_send(*, listing, buyer, actor, text: str, quantity: str = "") -> Inquiry:
    """A buyer's first message about a published listing, for `buyer` (which `actor` owns or
    edits); never about its own organization's product."""
    listing = Listing.objects.select_related("product__organization").get(pk=listing.pk)
    if not listing.is_published:
        raise refuse("listing", _("The product is not on the marketplace."), "invalid")
    _require(
        actor, buyer.pk, APPLY, "buyer",
        _("An inquiry is sent by an owner or editor of the buying organization."),
    )  # fmt: skip
    if buyer.pk == listing.product.organization_id:
        raise refuse("buyer", _("This is your own organization's product."), E.OWN_PRODUCT)
    text = _clean_text(text)
    inquiry = Inquiry(
        listing=listing, buyer=buyer, vendor=listing.product.organization,
        quantity=(quantity or "").strip(), created_by=actor,
    )  # fmt: skip
    inquiry.full_clean(exclude=["listing", "buyer", "vendor", "created_by", "order"])
    inquiry.save()
    _post(inquiry, actor=actor, text=text, from_vendor=False)
    audit_record(actor=actor, action="marketplace.inquiry_sent", target=inquiry, organization=buyer)
    notifications.inquiry_received(inquiry, actor=actor)
    return inquiry


def _side(actor, inquiry) -> bool:
    """True when `actor` writes for the vendor, False for the buyer; refused otherwise (a
    viewer of either side reads only)."""
    ids = set(organization_ids_of(user=actor, ability=APPLY))
    if inquiry.vendor_id in ids:
        return True
    if inquiry.buyer_id in ids:
        return False
    raise refuse(
        "text", _("Only an owner or editor of either side writes in the inquiry."),
        "permission_denied",
    )  # fmt: skip


@transaction.atomic
def message_post(*, inquiry, actor, text: str) -> Message:
    """A message in an open inquiry's thread, by either side."""
    inquiry = _locked_inquiry(inquiry)
    from_vendor = _side(actor, inquiry)
    if inquiry.status == InquiryStatus.CLOSED:
        raise Conflict(_("The inquiry is closed."), code=E.INQUIRY_CLOSED)
    message = _post(inquiry, actor=actor, text=_clean_text(text), from_vendor=from_vendor)
    organization = inquiry.vendor if from_vendor else inquiry.buyer
    audit_record(
        actor=actor, action="marketplace.message_posted", target=inquiry, organization=organization
    )
    notifications.message_posted(inquiry, message)
    return message


@transaction.atomic
def inquiry_close(*, inquiry, actor) -> Inquiry:
    inquiry = _locked_inquiry(inquiry)
    by_vendor = _side(actor, inquiry)
    if inquiry.status == InquiryStatus.CLOSED:
        raise Conflict(_("The inquiry is closed."), code=E.INQUIRY_CLOSED)
    inquiry.status = InquiryStatus.CLOSED
    inquiry.save(update_fields=["status"])
    organization = inquiry.vendor if by_vendor else inquiry.buyer
    audit_record(
        actor=actor, action="marketplace.inquiry_closed", target=inquiry, organization=organization
    )
    notifications.closed(inquiry, by_vendor=by_vendor, actor=actor)
    return inquiry


ORDER_DAYS = 7  # the vendor's time to send its offer, unless the buyer says otherwise


@transaction.atomic
def inquiry_order(
    *, inquiry, actor, category, unit, quantity, delivery_place: str, delivery_date,
    offers_until: dt.datetime | None = None, budget=None,
):  # fmt: skip
    """In one step, the buyer turns an open inquiry into a production order of the exchange
    to the vendor alone (`access=invited`): the order is created with one item (the product,
    in the exchange's `category` and `unit`) and published, so the vendor may send its sealed
    offer until `offers_until` (a week by default). The exchange's own checks apply (a unit
    the category allows, a quantity above zero, a deadline in the future); anything refused
    leaves neither the order nor a change of the inquiry."""
    inquiry = _locked_inquiry(inquiry)
    if not _is_buyer_side(actor, inquiry):
        raise refuse("inquiry", _("Only the buyer turns its inquiry into an order."), E.NOT_A_BUYER)
    if inquiry.order_id is not None or inquiry.status == InquiryStatus.ORDERED:
        raise Conflict(_("The inquiry is already an order."), code=E.ALREADY_ORDERED)
    if inquiry.status == InquiryStatus.CLOSED:
        raise Conflict(_("The inquiry is closed."), code=E.INQUIRY_CLOSED)
    product = inquiry.listing.product
    deadline = offers_until or timezone.now() + dt.timedelta(days=ORDER_DAYS)
    item = {"name": product.name[:200], "category": category, "quantity": quantity, "unit": unit}
    order = order_create(
        organization=inquiry.buyer,
        actor=actor,
        items=[item],
        invited=[inquiry.vendor],
        title=product.name[:200],
        description=_("An order from the marketplace inquiry about “%(product)s”.")
        % {"product": product.name},
        delivery_place=delivery_place,
        delivery_date=delivery_date,
        budget=budget,
        budget_public=budget is not None,
        access="invited",
        questions_until=deadline,
        offers_until=deadline,
    )
    order = order_publish(order=order, actor=actor)
    inquiry.order, inquiry.status = order, InquiryStatus.ORDERED
    inquiry.save(update_fields=["order", "status"])
    audit_record(
        actor=actor, action="marketplace.ordered", target=inquiry, organization=inquiry.buyer,
        changes={"order": order.pk},
    )  # fmt: skip
    # ISO in Moscow time, read in each reader's language (notifications' rendering)
    notifications.ordered(inquiry, deadline=moscow_iso(order.offers_until), actor=actor)
    return order


def _is_buyer_side(actor, inquiry) -> bool:
    return inquiry.buyer_id in set(organization_ids_of(user=actor, ability=APPLY))
