"""A supply link: one organization of the platform supplies another with a product or service
over a period. The supplier records it; the customer confirms or declines it; nothing is shown
publicly before it is confirmed. A cluster's chain is the confirmed links among its members,
so a link belongs to no cluster."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innocluster.core.limits import limited_text_field
from innocluster.core.models import TimeStampedModel

from .choices import LIVE_STATES, LinkState

SUBJECT_MAX_LENGTH = 300
REASON_MAX_LENGTH = 2_000


class SupplyLinkQuerySet(models.QuerySet):
    def confirmed(self):
        """Confirmed and not over (no end date, or one not past): what the chains show."""
        current = Q(ends_on__isnull=True) | Q(ends_on__gte=timezone.localdate())
        return self.filter(current, state=LinkState.CONFIRMED)

    def involving(self, organization_ids):
        return self.filter(
            Q(supplier_id__in=organization_ids) | Q(customer_id__in=organization_ids)
        )


class SupplyLink(TimeStampedModel):
    supplier = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("supplier"),
        on_delete=models.CASCADE,
        related_name="supplies",
    )
    customer = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("customer"),
        on_delete=models.CASCADE,
        related_name="supplied_by",
    )
    # One of the supplier's products, or none and a free text. The name is copied into
    # `subject` either way, so a deleted product leaves the link readable.
    product = models.ForeignKey(
        "organizations.Product",
        verbose_name=_("product or service"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject = models.CharField(_("what is supplied"), max_length=SUBJECT_MAX_LENGTH)
    # What makes two links "the same": the product's id, or the text folded to lower case.
    subject_key = models.CharField(max_length=SUBJECT_MAX_LENGTH + 2, editable=False)
    starts_on = models.DateField(_("since"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=LinkState.choices, default=LinkState.PENDING
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    decline_reason = limited_text_field(_("reason"), blank=True, max_length=REASON_MAX_LENGTH)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = SupplyLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("supply link")
        verbose_name_plural = _("supply links")
        constraints = [
            models.CheckConstraint(
                condition=~Q(supplier=F("customer")), name="supply_link_not_to_itself"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="supply_link_period",
            ),
            # Two requests at once for the same link: the second one fails here (a 409).
            models.UniqueConstraint(
                fields=["supplier", "customer", "subject_key"],
                condition=Q(state__in=LIVE_STATES),
                name="supply_link_one_live",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "supplier"], name="supply_link_state_supplier"),
            models.Index(fields=["state", "customer"], name="supply_link_state_customer"),
        ]

    def __str__(self):
        return f"{self.supplier} → {self.customer}: {self.subject}"
