"""Facilities, their opening hours and photos, the resources they offer, and blackouts."""

import uuid
from decimal import Decimal
from pathlib import Path

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from innocluster.core.limits import limited_text_field
from innocluster.core.maps import coordinate_field, on_earth
from innocluster.core.models import TimeStampedModel
from innocluster.core.names import validate_name
from innocluster.core.orphans import declare
from innocluster.core.regions import MOSCOW, region_choices, region_name
from innocluster.platform.search.catalogue import (
    Catalogued,
    Operated,
    operator_field,
    published_field,
)
from innocluster.platform.search.fields import search_text_field

from ..choices import (
    EXCLUSIVE_KINDS,
    BookingMode,
    FacilityKind,
    PriceUnit,
    ResourceKind,
    VatRate,
)
from ..errors import FacilityErrorCode, refused


class Facility(TimeStampedModel, Catalogued):
    """A technology park, coworking, lab…: a place run by an organization (its operator)."""

    organization = operator_field(related_name="facilities", verbose_name=_("operator"))
    kind = models.CharField(_("kind"), max_length=32, choices=FacilityKind.choices, db_index=True)
    name = models.CharField(_("name"), max_length=200, validators=[validate_name])
    description_ru = limited_text_field(_("description (Russian)"), blank=True, max_length=10_000)
    description_en = limited_text_field(_("description (English)"), blank=True, max_length=10_000)
    region = models.CharField(
        _("region"), max_length=2, choices=region_choices, default=MOSCOW, db_index=True
    )
    address = models.CharField(_("address"), max_length=500)
    latitude = coordinate_field("latitude")
    longitude = coordinate_field("longitude")
    open_around_the_clock = models.BooleanField(_("open around the clock"), default=False)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_published = published_field()
    # What the one search and the facility list match words in (platform/search/sources.py).
    search_text = search_text_field("name", "address", "description_ru", "description_en")

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        constraints = [on_earth("facility_coordinates_on_earth")]

    def __str__(self):
        return self.name

    @property
    def region_name(self) -> str:
        return region_name(self.region)

    @property
    def description(self) -> str:
        english = (get_language() or "ru").startswith("en")
        return self.description_en if english and self.description_en else self.description_ru


class OpeningHours(models.Model):
    """When a facility is open on one day of the week (Moscow time); no row: closed."""

    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(
        _("day of the week"), validators=[MaxValueValidator(6)], help_text=_("0 is Monday.")
    )
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["weekday"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.UniqueConstraint(fields=["facility", "weekday"], name="one_hours_row_per_day"),
            models.CheckConstraint(condition=Q(closes__gt=models.F("opens")), name="opens_first"),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="weekday_0_to_6"),
        ]

    def __str__(self):
        return f"{self.weekday}: {self.opens:%H:%M}–{self.closes:%H:%M}"


def photo_path(instance, filename):
    return f"facilities/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class FacilityPhoto(Operated):
    OPERATOR = "facility__organization"

    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=photo_path)
    caption = models.CharField(_("caption"), max_length=200, validators=[validate_name])
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.caption


class ResourceQuerySet(models.QuerySet):
    def bookable(self):
        return self.filter(kind__in=[k for k in ResourceKind if k != ResourceKind.CLASS_SEATS])


class Resource(TimeStampedModel, Catalogued):
    """Something bookable at a facility: a room, a pool of N desks, a machine, class seats.
    Anybody sees the active ones of a published facility."""

    OPERATOR = "facility__organization"

    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="resources")
    kind = models.CharField(_("kind"), max_length=16, choices=ResourceKind.choices, db_index=True)
    name = models.CharField(_("name"), max_length=200, validators=[validate_name])
    description = limited_text_field(_("description"), blank=True, max_length=10_000)
    capacity = models.PositiveIntegerField(
        _("places"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10_000)],
        help_text=_("How many bookings may overlap: 1 for a room or a machine, N for a pool."),
    )
    seats = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("How many people a room holds.")
    )
    equipment_model = models.CharField(_("model"), max_length=200, blank=True)
    specifications = limited_text_field(_("specifications"), blank=True, max_length=10_000)
    qualification = models.CharField(_("required qualification"), max_length=300, blank=True)
    booking_mode = models.CharField(
        _("booking mode"), max_length=16, choices=BookingMode.choices, default=BookingMode.INSTANT
    )
    price_unit = models.CharField(
        _("price"), max_length=8, choices=PriceUnit.choices, default=PriceUnit.FREE
    )
    price = models.DecimalField(
        _("price before VAT, RUB"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0.00"))],
    )
    vat_rate = models.CharField(
        _("VAT"), max_length=4, choices=VatRate.choices, default=VatRate.TWENTY_TWO
    )
    min_minutes = models.PositiveIntegerField(
        _("shortest booking, minutes"), default=30, validators=[MinValueValidator(5)]
    )
    max_minutes = models.PositiveIntegerField(
        _("longest booking, minutes"), default=8 * 60, validators=[MinValueValidator(5)]
    )
    horizon_days = models.PositiveIntegerField(
        _("bookable days ahead"), default=60, validators=[MaxValueValidator(730)]
    )
    cancel_hours = models.PositiveIntegerField(
        _("cancel at least this many hours before"), default=2, validators=[MaxValueValidator(720)]
    )
    is_active = models.BooleanField(_("bookable"), default=True)
    # What the one search and the equipment list match words in (platform/search/sources.py).
    search_text = search_text_field("name", "equipment_model", "specifications", "description")

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["facility_id", "name", "id"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_minutes__gte=models.F("min_minutes")), name="resource_min_le_max"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="resource_capacity_ge_1"),
            models.CheckConstraint(condition=Q(price__gte=0), name="resource_price_ge_0"),
        ]

    def __str__(self):
        return self.name

    @classmethod
    def published(cls) -> Q:
        return Q(is_active=True, facility__is_published=True)

    def clean(self):
        # The check constraint holds the same rule, but names no field and no reason.
        if self.min_minutes and self.max_minutes and self.max_minutes < self.min_minutes:
            message = _("The longest booking must not be shorter than the shortest.")
            raise refused("max_minutes", message, FacilityErrorCode.RANGE_INVERTED)

    @property
    def is_exclusive(self) -> bool:
        return self.kind in EXCLUSIVE_KINDS

    @property
    def needs_approval(self) -> bool:
        return self.booking_mode == BookingMode.APPROVAL


class Blackout(Operated):
    """A period when a resource (or, with no resource, the whole facility) cannot be booked."""

    OPERATOR = "facility__organization"

    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="blackouts")
    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, null=True, blank=True, related_name="blackouts"
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("blackout period")
        verbose_name_plural = _("blackout periods")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="blackout_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.reason}: {self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%Y-%m-%d %H:%M}"


# Facilities' photos go to facilities/ (photo_path), which holds nothing else.
ORPHAN_FILES = declare(
    "facilities", folders=("facilities",), fields=("facilities.FacilityPhoto.image",)
)
