"""The marketplace: participants' products offered for sale, and buyers' inquiries.

A product is the organization's own (platform/organizations: its name, description, category,
TRL and picture are kept there, on the profile, and nowhere else); a `Listing` is what putting
it on the marketplace adds: a price or "on request", the regions it is delivered to, more
photos and certificates. The listing's `search_text` is the folded text of the product and of
the listing's terms, written by the services and by the product's own saves (services.py), so
the one search and the catalogue match words as every other source does.

An `Inquiry` is a buyer organization's question about a listing; the two sides talk in its
messages, and the buyer may turn it into a single-supplier production order of the exchange
(`order`)."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from innocluster.core.limits import limited_text_field
from innocluster.core.names import validate_name
from innocluster.core.orphans import declare
from innocluster.core.regions import region_choices
from innocluster.platform.organizations.permissions import MANAGE_PRODUCTS
from innocluster.platform.search.catalogue import Catalogued, published_field

from .choices import TEXT_MAX_LENGTH, InquiryStatus


def _path(folder: str, filename: str) -> str:
    # Our own name, never the uploader's.
    return f"marketplace/{folder}/{uuid.uuid4().hex}{Path(filename).suffix.lower()[:8]}"


def photo_path(instance, filename):
    return _path("photos", filename)


def certificate_path(instance, filename):
    return _path("certificates", filename)


class Listing(Catalogued):
    """A product on the marketplace. The product's organization is its vendor."""

    OPERATOR = "product__organization"
    ABILITY = MANAGE_PRODUCTS

    product = models.OneToOneField(
        "organizations.Product",
        on_delete=models.CASCADE,
        related_name="listing",
        verbose_name=_("product"),
    )
    # None: the price is given on request.
    price = models.DecimalField(
        _("price, RUB"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    price_unit = models.CharField(
        _("price per"),
        max_length=50,
        blank=True,
        help_text=_("For example: piece, licence a year."),
    )
    vat_included = models.BooleanField(_("VAT included"), default=True)
    terms = limited_text_field(_("terms of sale and delivery"), max_length=3000, blank=True)
    delivers_everywhere = models.BooleanField(_("delivered all over Russia"), default=False)
    is_published = published_field()
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("marketplace product")
        verbose_name_plural = _("marketplace products")
        indexes = [models.Index(fields=["is_published", "-updated_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gte=0), name="marketplace_price"
            )
        ]

    def __str__(self):
        return self.product.name

    @property
    def on_request(self) -> bool:
        return self.price is None


class DeliveryRegion(models.Model):
    """A federal subject a listing is delivered to (besides "all over Russia")."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="regions")
    region = models.CharField(_("region"), max_length=2, choices=region_choices)

    class Meta:
        ordering = ["region"]
        constraints = [
            models.UniqueConstraint(fields=["listing", "region"], name="marketplace_region_once")
        ]
        indexes = [models.Index(fields=["region", "listing"])]

    def __str__(self):
        return self.region


class Photo(models.Model):
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=photo_path)
    caption = models.CharField(_("caption"), max_length=200, blank=True, validators=[validate_name])
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.caption or str(self.pk)


class Certificate(models.Model):
    """A certificate or declaration of conformity, a registration certificate…: its name,
    number, who issued it and until when, and the document itself as a checked PDF."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="certificates")
    title = models.CharField(_("certificate"), max_length=200, validators=[validate_name])
    number = models.CharField(_("number"), max_length=100, blank=True)
    issued_by = models.CharField(_("issued by"), max_length=200, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    file = models.FileField(_("document"), upload_to=certificate_path, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.CheckConstraint(
                condition=Q(issued_on__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=models.F("issued_on")),
                name="marketplace_certificate_dates",
            )
        ]

    def __str__(self):
        return self.title


class Inquiry(models.Model):
    """A buyer organization's inquiry about a listing, and the thread of its messages."""

    listing = models.ForeignKey(
        Listing, on_delete=models.PROTECT, related_name="inquiries", verbose_name=_("product")
    )
    buyer = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="marketplace_inquiries",
        verbose_name=_("buyer"),
    )
    vendor = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="marketplace_inquiries_received",
        verbose_name=_("vendor"),
        editable=False,
    )
    quantity = models.CharField(_("quantity"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=InquiryStatus.choices, default=InquiryStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(auto_now_add=True)
    message_count = models.PositiveIntegerField(default=0)
    answered = models.BooleanField(_("answered by the vendor"), default=False)
    order = models.OneToOneField(
        "exchange.Order",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="marketplace_inquiry",
        verbose_name=_("production order"),
    )

    class Meta:
        ordering = ["-last_message_at", "-pk"]
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        indexes = [
            models.Index(fields=["buyer", "-last_message_at"]),
            models.Index(fields=["vendor", "-last_message_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(buyer=models.F("vendor")), name="marketplace_inquiry_not_own"
            )
        ]

    def __str__(self):
        return f"{self.listing_id}/{self.buyer_id}"


class Message(models.Model):
    """One message of an inquiry's thread, by a person of the buyer or of the vendor."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_vendor = models.BooleanField(default=False)
    text = limited_text_field(_("message"), max_length=TEXT_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["inquiry", "id"])]

    def __str__(self):
        return self.text[:50]


# Listing photos go to marketplace/photos/, certificates to marketplace/certificates/
# (photo_path, certificate_path).
ORPHAN_FILES = declare(
    "marketplace",
    folders=("marketplace/photos", "marketplace/certificates"),
    fields=("marketplace.Photo.image", "marketplace.Certificate.file"),
)
