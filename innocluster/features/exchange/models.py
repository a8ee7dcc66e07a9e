"""The contract production exchange: a buyer's order (request for quotation) with its items
and files, suppliers' sealed offers with a line per item, and the award.

Why not the challenges' models: an order is priced per item against a managed list of
production processes and materials with units from OKEI, decided by its buyer on price, lead
time and rating, and its offers are sealed with a hash on the ledger. What is shared is the
shape: sealed until a deadline in the selectors (challenges/selectors.py does the same for
entries), a row lock on the parent for every write, core/uploads for files, the ledger."""

import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from innocluster.core.limits import limited_text_field
from innocluster.core.orphans import declare
from innocluster.platform.search.fields import search_text_field

from .choices import Access, CategoryKind, Criteria, OfferStatus, Status


def in_language(russian: str, english: str) -> str:
    """The managed lists' words in the reader's language (Russian by default)."""
    return english if (get_language() or "ru").startswith("en") and english else russian


class Unit(models.Model):
    """A unit of measurement of the Russian classifier OKEI (ОК 015-94): its code, its
    national symbol; the seeded list holds the common units (migration 0002)."""

    code = models.CharField(_("OKEI code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100)
    symbol = models.CharField(_("symbol"), max_length=20)
    symbol_en = models.CharField(_("symbol in English"), max_length=20)

    class Meta:
        ordering = ["code"]
        verbose_name = _("unit of measurement")
        verbose_name_plural = _("units of measurement")

    def __str__(self):
        return in_language(self.symbol, self.symbol_en)


class Category(models.Model):
    """A production process or a material from the managed list, and the units its
    quantities may be given in."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=CategoryKind.choices)
    name = models.CharField(_("name"), max_length=150)
    name_en = models.CharField(_("name in English"), max_length=150)
    units = models.ManyToManyField(Unit, related_name="categories", verbose_name=_("units"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["kind", "position", "pk"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return in_language(self.name, self.name_en)


class Order(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="exchange_orders",
        verbose_name=_("buyer"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = limited_text_field(_("description"), max_length=5000, blank=True)
    delivery_place = models.CharField(_("delivery place"), max_length=300)
    delivery_date = models.DateField(_("delivery date"))
    budget = models.DecimalField(
        _("budget, RUB"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    budget_public = models.BooleanField(_("budget shown to suppliers"), default=False)
    access = models.CharField(
        _("who may answer"), max_length=8, choices=Access.choices, default=Access.OPEN
    )
    invited = models.ManyToManyField(
        "organizations.Organization", blank=True, related_name="+", verbose_name=_("invited")
    )
    questions_until = models.DateTimeField(_("questions accepted until"))
    offers_until = models.DateTimeField(_("offers accepted until"))
    criteria = models.CharField(
        _("award criteria"), max_length=14, choices=Criteria.choices, default=Criteria.LOWEST_PRICE
    )
    weight_price = models.PositiveSmallIntegerField(_("weight of price, %"), default=100)
    weight_lead_time = models.PositiveSmallIntegerField(_("weight of lead time, %"), default=0)
    weight_rating = models.PositiveSmallIntegerField(_("weight of rating, %"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = limited_text_field(_("reason for cancelling"), max_length=2000, blank=True)
    search_text = search_text_field("title", "description", "delivery_place")

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        indexes = [models.Index(fields=["status", "-published_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(offers_until__gte=models.F("questions_until")),
                name="exchange_order_periods",
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0), name="exchange_budget"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_sealed(self) -> bool:
        """Offers are not to be read by anybody but their suppliers."""
        return self.opened_at is None


class Item(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("item"), max_length=200)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="items", verbose_name=_("category")
    )
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=3)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    material = models.CharField(_("material"), max_length=200, blank=True)
    tolerances = models.CharField(_("tolerances"), max_length=200, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("item")
        verbose_name_plural = _("items")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="exchange_item_quantity")
        ]

    def __str__(self):
        return self.name


def order_file_path(instance, filename):
    return f"exchange/{instance.order_id}/{filename}"


class OrderFile(models.Model):
    """A drawing or specification; a confidential one only after the order's NDA."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=order_file_path)
    name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    confidential = models.BooleanField(_("confidential"), default=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name


def _nonce() -> str:
    return secrets.token_hex(16)


class Offer(models.Model):
    """A supplier's one offer on an order (changed in place until the deadline). Its
    `sha256` (over its canonical content, the SHA-256 of each of its documents and a secret
    `nonce`, so the hash gives no price away) goes on the ledger at each submission and
    change; the nonce is shown after the opening, when anyone may recompute it."""

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="offers")
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="exchange_offers",
        verbose_name=_("supplier"),
    )
    status = models.CharField(max_length=10, choices=OfferStatus.choices)
    currency = models.CharField(_("currency"), max_length=3, default="RUB")
    lead_time_days = models.PositiveSmallIntegerField(_("lead time, days"))
    comment = limited_text_field(_("comment"), max_length=3000, blank=True)
    nonce = models.CharField(max_length=32, default=_nonce)
    sha256 = models.CharField(max_length=64)
    version = models.PositiveIntegerField(default=1)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [
            models.UniqueConstraint(
                fields=["order", "organization"], name="exchange_offer_once_per_supplier"
            ),
            models.CheckConstraint(condition=Q(currency="RUB"), name="exchange_offer_rub"),
        ]

    def __str__(self):
        return f"{self.order_id}/{self.organization_id}"


class OfferLine(models.Model):
    """The offer's price for one item (the whole quantity, without VAT) and its VAT rate."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="+")
    price = models.DecimalField(_("price without VAT, RUB"), max_digits=14, decimal_places=2)
    vat_rate = models.DecimalField(_("VAT rate, %"), max_digits=4, decimal_places=1)

    class Meta:
        ordering = ["item__position", "item_id"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "item"], name="exchange_line_once"),
            models.CheckConstraint(condition=Q(price__gte=0), name="exchange_line_price"),
        ]

    def __str__(self):
        return str(self.price)


def offer_document_path(instance, filename):
    # Our own name (a random one), never the uploader's: that is kept in `name`.
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"exchange/offers/{instance.offer_id}/{secrets.token_hex(8)}{suffix}"


class OfferDocument(models.Model):
    """A document of an offer (a PDF or a picture, checked by its content), sealed with it:
    read only by whoever may read the offer (selectors.offer_document_get), and its SHA-256
    (of the file's bytes) is part of the offer's hash on the ledger (services.offer_content).
    Added or removed until the deadline, each time as a new version of the offer."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to=offer_document_path, max_length=200)
    name = models.CharField(_("name"), max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("offer document")
        verbose_name_plural = _("offer documents")

    def __str__(self):
        return self.name


class Award(models.Model):
    """The buyer's decision: one per order (the one-to-one is the database's guard)."""

    order = models.OneToOneField(Order, on_delete=models.PROTECT, related_name="award")
    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(_("amount with VAT, RUB"), max_digits=16, decimal_places=2)
    reason = limited_text_field(_("reason"), max_length=2000)
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    awarded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self):
        return str(self.order_id)


class NdaAcceptance(models.Model):
    """An organization accepted the order's non-disclosure terms: who, for whom, when. Only
    then may its people download the order's confidential files."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="ndas")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["order", "organization"], name="exchange_nda_once")
        ]

    def __str__(self):
        return f"{self.order_id}/{self.organization_id}"


class Download(models.Model):
    """A download of one of the order's files: the log the buyer reads."""

    file = models.ForeignKey(OrderFile, on_delete=models.CASCADE, related_name="downloads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    downloaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.file_id}/{self.user_id}"


class Question(models.Model):
    """A supplier's question in the questions period; the buyer's answer is shown to
    everybody who sees the order, never with the asker's name."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="questions")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    text = limited_text_field(_("question"), max_length=2000)
    asked_at = models.DateTimeField(auto_now_add=True)
    answer = limited_text_field(_("answer"), max_length=4000, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text[:50]


class SupplierInterest(models.Model):
    """The orders a supplier wants to hear of: when an order with an item of one of these
    categories is published, its people are told (matching.py, tasks.notify_interested)."""

    organization = models.OneToOneField(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="exchange_interest",
        verbose_name=_("supplier"),
    )
    categories = models.ManyToManyField(
        Category, blank=True, related_name="interested", verbose_name=_("categories")
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("supplier's interest")
        verbose_name_plural = _("suppliers' interests")

    def __str__(self):
        return str(self.organization_id)


class Contract(models.Model):
    """The contract the buyer signed with the awarded supplier (one per order: the one-to-one
    is the database's guard), and its delivery once the buyer confirms it. A delivered
    contract completes the order: both sides may then rate each other."""

    order = models.OneToOneField(Order, on_delete=models.PROTECT, related_name="contract")
    award = models.OneToOneField(Award, on_delete=models.PROTECT, related_name="contract")
    number = models.CharField(_("contract number"), max_length=100, blank=True)
    amount = models.DecimalField(_("amount with VAT, RUB"), max_digits=16, decimal_places=2)
    signed_on = models.DateField(_("signed on"))
    starts_on = models.DateField(_("performed from"))
    ends_on = models.DateField(_("performed until"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    delivery_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    delivery_confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="exchange_contract_amount"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="exchange_contract_period"
            ),
        ]

    def __str__(self):
        return self.number or str(self.order_id)

    @property
    def is_delivered(self) -> bool:
        return self.delivered_on is not None


class Rating(models.Model):
    """One side of a completed order rates the other, 1 to 5 with a comment: once per order
    and side (the unique constraint is the guard for two at once)."""

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="ratings")
    rater = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("rated by"),
    )  # fmt: skip
    rated = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT,
        related_name="exchange_ratings", verbose_name=_("rated organization"),
    )  # fmt: skip
    score = models.PositiveSmallIntegerField(_("score, 1 to 5"))
    comment = limited_text_field(_("comment"), max_length=2000, blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(fields=["order", "rater"], name="exchange_rating_once"),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5), name="exchange_rating_score"
            ),
            models.CheckConstraint(
                condition=~Q(rater=models.F("rated")), name="exchange_rating_not_self"
            ),
        ]
        indexes = [models.Index(fields=["rated", "score"], name="exchange_rating_rated")]

    def __str__(self):
        return f"{self.order_id}/{self.rater_id}: {self.score}"


# Order files go to exchange/<order>/ (order_file_path), offer documents to
# exchange/offers/<offer>/ (offer_document_path): both under "exchange", which holds nothing else.
ORPHAN_FILES = declare(
    "exchange",
    folders=("exchange",),
    fields=("exchange.OrderFile.file", "exchange.OfferDocument.file"),
)
