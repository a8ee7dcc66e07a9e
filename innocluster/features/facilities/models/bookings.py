"""A booking: one slot of one resource, held by one person."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices import HOLDING, BookingStatus
from .facility import Resource


class BookingQuerySet(models.QuerySet):
    def holding(self):
        """Bookings that keep their slot: confirmed, or waiting for the operator."""
        return self.filter(status__in=HOLDING)

    def overlapping(self, *, resource_id: int, starts_at, ends_at):
        """Half-open intervals: a booking ending at 10:00 and one starting at 10:00 touch
        without overlapping."""
        return self.filter(resource_id=resource_id, starts_at__lt=ends_at, ends_at__gt=starts_at)


# The exclusion constraint on PostgreSQL (migration 0002) carries this name; the engine
# recognises its violation by it.
NO_OVERLAP_CONSTRAINT = "facilities_booking_no_overlap"


class Booking(models.Model):
    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="bookings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="facility_bookings",
        verbose_name=_("booked by"),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    status = models.CharField(_("status"), max_length=16, choices=BookingStatus.choices)
    # Copied from the resource's kind (which never changes): the exclusion constraint covers
    # only rows that hold a whole unit.
    exclusive = models.BooleanField(default=True)
    series = models.UUIDField(null=True, blank=True, db_index=True, editable=False)
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)
    price_net = models.DecimalField(
        _("price before VAT"), max_digits=12, decimal_places=2, default=Decimal("0.00")
    )
    vat = models.DecimalField(_("VAT"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    price_total = models.DecimalField(
        _("price with VAT"), max_digits=12, decimal_places=2, default=Decimal("0.00")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("operator's note"), max_length=500, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        indexes = [
            models.Index(fields=["resource", "starts_at"], name="booking_resource_start"),
            models.Index(fields=["user", "-starts_at"], name="booking_user_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="booking_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.resource} {self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%H:%M}"

    @property
    def is_holding(self) -> bool:
        return self.status in HOLDING
