import uuid
from pathlib import Path

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from innocluster.core.limits import limited_text_field
from innocluster.core.models import TimeStampedModel
from innocluster.core.names import validate_name
from innocluster.core.orphans import declare
from innocluster.core.regions import region_choices, region_name

from .choices import (
    InvitationStatus,
    MemberRole,
    OrganizationKind,
    OrganizationType,
    ProductCategory,
    RequestStatus,
)


class TaxonomyTerm(models.Model):
    """A term of a managed taxonomy, named in both languages; edited by fund administrators."""

    slug = models.SlugField(unique=True, max_length=64)
    name_ru = models.CharField(_("name (Russian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)

    class Meta:
        abstract = True
        ordering = ["name_ru"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "ru").startswith("en") else self.name_ru


class Industry(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("industry")
        verbose_name_plural = _("industries")


class Technology(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("technology")
        verbose_name_plural = _("technologies")


def _upload_path(folder: str, filename: str) -> str:
    # The name is ours, never the uploader's: no path tricks, no guessable names. The
    # extension comes from the content check (see core.uploads.validate_image).
    return f"{folder}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


def logo_path(instance, filename):
    return _upload_path("logos", filename)


class OrganizationQuerySet(models.QuerySet):
    def with_public_relations(self):
        return self.prefetch_related("industries", "technologies")


DESCRIPTION_MAX_LENGTH = 5_000


class Organization(TimeStampedModel):
    """The one organization profile that every service of the platform reads."""

    kind = models.CharField(_("kind"), max_length=16, choices=OrganizationKind.choices)
    inn = models.CharField(_("INN"), max_length=12, unique=True)
    ogrn = models.CharField(_("OGRN / OGRNIP"), max_length=15, unique=True)
    full_name = models.CharField(_("full name"), max_length=500, validators=[validate_name])
    short_name = models.CharField(_("short name"), max_length=200, validators=[validate_name])
    region = models.CharField(_("region"), max_length=2, choices=region_choices, db_index=True)
    legal_address = models.CharField(_("legal address"), max_length=500)
    website = models.URLField(_("website"), blank=True)
    description_ru = limited_text_field(
        _("description (Russian)"), blank=True, max_length=DESCRIPTION_MAX_LENGTH
    )
    description_en = limited_text_field(
        _("description (English)"), blank=True, max_length=DESCRIPTION_MAX_LENGTH
    )
    org_type = models.CharField(
        _("organization type"), max_length=32, choices=OrganizationType.choices, db_index=True
    )
    industries = models.ManyToManyField(Industry, blank=True, verbose_name=_("industries"))
    technologies = models.ManyToManyField(Technology, blank=True, verbose_name=_("technologies"))
    headcount = models.PositiveIntegerField(
        _("headcount"), null=True, blank=True, validators=[MaxValueValidator(10_000_000)]
    )
    year_founded = models.PositiveSmallIntegerField(
        _("year founded"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1700), MaxValueValidator(2100)],
    )
    logo = models.ImageField(_("logo"), upload_to=logo_path, blank=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["short_name", "id"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        indexes = [
            models.Index(Lower("short_name"), name="org_short_name_lower"),
            models.Index(fields=["-created_at"], name="org_created_desc"),
            # the default order: a page of the list reads 20 rows, not a sort of all of them
            models.Index(fields=["short_name", "id"], name="org_short_name_id"),
        ]

    def __str__(self):
        return self.short_name

    @property
    def region_name(self) -> str:
        return region_name(self.region)

    @property
    def description(self) -> str:
        english = (get_language() or "ru").startswith("en")
        return self.description_en if english and self.description_en else self.description_ru


class Membership(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=MemberRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="one_membership_per_user")
        ]
        ordering = ["created_at", "id"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} @ {self.organization} ({self.role})"


class MembershipRequest(models.Model):
    """A person asks to join an organization; an owner approves or declines."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="membership_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership_requests"
    )
    message = limited_text_field(_("message"), blank=True, max_length=2000)
    status = models.CharField(
        max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("membership request")
        verbose_name_plural = _("membership requests")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "user"],
                condition=models.Q(status="pending"),
                name="one_pending_request_per_user",
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.organization} ({self.status})"


class Invitation(models.Model):
    """An owner invites a person by e-mail; the link carries a secret stored only as a hash."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=16, choices=MemberRole.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        max_length=16, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "email"],
                condition=models.Q(status="pending"),
                name="one_pending_invitation_per_email",
            )
        ]
        indexes = [
            # A person's open invitations, on their dashboard, found by address: without it
            # SQLite walked every organization probing the unique index above (7 ms of the
            # dashboard's CPU at 35,000 organizations, issue 18).
            models.Index(
                fields=["email"],
                condition=models.Q(status="pending"),
                name="pending_invitation_email",
            )
        ]

    def __str__(self):
        return f"{self.email} → {self.organization} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status == InvitationStatus.PENDING and self.expires_at > timezone.now()


def product_image_path(instance, filename):
    return _upload_path("products", filename)


class Product(TimeStampedModel):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="products"
    )
    name = models.CharField(_("name"), max_length=300, validators=[validate_name])
    description = limited_text_field(_("description"), blank=True, max_length=10_000)
    category = models.CharField(_("category"), max_length=32, choices=ProductCategory.choices)
    trl = models.PositiveSmallIntegerField(
        _("technology readiness level"),
        validators=[MinValueValidator(1), MaxValueValidator(9)],
        help_text=_("From 1 (basic principles observed) to 9 (proven in operation)."),
    )
    image = models.ImageField(_("image"), upload_to=product_image_path, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("product or service")
        verbose_name_plural = _("products and services")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(trl__gte=1, trl__lte=9), name="product_trl_1_to_9"
            )
        ]

    def __str__(self):
        return self.name


# Logos go to logos/ (logo_path), product images to products/ (product_image_path); nothing
# else is written there.
ORPHAN_FILES = declare(
    "organizations",
    folders=("logos", "products"),
    fields=("organizations.Organization.logo", "organizations.Product.image"),
)
