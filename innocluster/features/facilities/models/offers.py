"""Under-used capacity: offers of idle equipment, space or production, and requests for them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innocluster.core.limits import limited_text_field
from innocluster.core.models import TimeStampedModel
from innocluster.core.names import validate_name
from innocluster.core.regions import MOSCOW, region_choices, region_name
from innocluster.platform.search.catalogue import Catalogued, operator_field
from innocluster.platform.search.fields import search_text_field

from ..choices import Capability, OfferKind, RequestStatus
from ..errors import FacilityErrorCode, refused

# An offer may name one of its owner's facilities: one not published hides the offer from
# everybody but its owner's operators, as it hides the facility.
UNPUBLISHED_FACILITY = Q(facility__isnull=False, facility__is_published=False)


class CapacityOffer(TimeStampedModel, Catalogued):
    """Idle equipment, space or production an organization offers. Anybody sees an offer open
    for requests whose availability has not ended, of a published facility or of none."""

    organization = operator_field(related_name="capacity_offers")
    facility = models.ForeignKey(
        "facilities.Facility",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="capacity_offers",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=OfferKind.choices, db_index=True)
    title = models.CharField(_("what is offered"), max_length=200, validators=[validate_name])
    description = limited_text_field(_("description"), blank=True, max_length=10_000)
    region = models.CharField(_("region"), max_length=2, choices=region_choices, default=MOSCOW)
    address = models.CharField(_("where"), max_length=500)
    available_from = models.DateField(_("available from"))
    available_until = models.DateField(_("available until"), null=True, blank=True)
    terms = limited_text_field(_("terms"), max_length=5_000)
    is_active = models.BooleanField(_("open for requests"), default=True)
    # What the one search and the offer list match words in (platform/search/sources.py).
    search_text = search_text_field("title", "description", "terms", "address")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("capacity offer")
        verbose_name_plural = _("capacity offers")
        constraints = [
            models.CheckConstraint(
                condition=Q(available_until__isnull=True)
                | Q(available_until__gte=models.F("available_from")),
                name="offer_until_after_from",
            )
        ]

    def __str__(self):
        return self.title

    @classmethod
    def published(cls) -> Q:
        ended = Q(available_until__lt=timezone.localdate())
        # ~Q(…), not ~(…): the statement the search caches stays what it was, to the letter.
        return Q(is_active=True) & ~Q(ended | UNPUBLISHED_FACILITY)

    def clean(self):
        # The check constraint holds the same rule, but names no field and no reason.
        start, end = self.available_from, self.available_until
        if start and end and end < start:
            message = _("The end must not be before the start.")
            raise refused("available_until", message, FacilityErrorCode.RANGE_INVERTED)

    @property
    def region_name(self) -> str:
        return region_name(self.region)

    @property
    def capability_codes(self) -> list[str]:
        return [c.code for c in self.capabilities.all()]


class OfferCapability(models.Model):
    """One thing a production offer can do (milling, turning…), to be found by it."""

    offer = models.ForeignKey(CapacityOffer, on_delete=models.CASCADE, related_name="capabilities")
    code = models.CharField(max_length=32, choices=Capability.choices, db_index=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "code"], name="one_capability_row_per_offer")
        ]

    def __str__(self):
        return self.get_code_display()


class CapacityRequest(models.Model):
    offer = models.ForeignKey(CapacityOffer, on_delete=models.CASCADE, related_name="requests")
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="capacity_requests"
    )
    message = limited_text_field(_("message"), max_length=5_000)
    needed_from = models.DateField(_("needed from"), null=True, blank=True)
    needed_until = models.DateField(_("needed until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    response = limited_text_field(_("answer"), blank=True, max_length=5_000)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("capacity request")
        verbose_name_plural = _("capacity requests")
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "requester"],
                condition=Q(status="pending"),
                name="one_pending_capacity_request",
            )
        ]

    def __str__(self):
        return f"{self.requester} → {self.offer} ({self.status})"
