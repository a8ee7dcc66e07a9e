from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from innocluster.core.calendar import moscow_date
from innocluster.platform.organizations.models import Organization

from .choices import AWAITING_FUND, OPEN_STATUSES, CaseAction, CaseStatus


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today=None):
        """Awaiting the fund past the end of their due day (Moscow)."""
        return self.filter(status__in=AWAITING_FUND, decision_due__lt=today or moscow_date())


class Case(models.Model):
    """One submission of some kind by an organization, on its way to a decision.

    The kind (see kinds.py) owns the content: its own model points here one-to-one. This row
    holds what every kind shares: where the case stands, its clock and who decided it.
    """

    kind = models.CharField(_("kind"), max_length=40)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="review_cases"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.DRAFT
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decision_due = models.DateField(_("decision due"), null=True, blank=True)
    # While information is requested the clock stops: the business days that were left.
    paused_days_left = models.PositiveSmallIntegerField(null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    # The due date that reviewers were last reminded of, or flagged overdue for, so the daily
    # task warns once per deadline (a new deadline after a pause warns again).
    reminded_for = models.DateField(null=True, blank=True)
    flagged_overdue_for = models.DateField(null=True, blank=True)
    # Copied from the kind at creation: the unique constraint below needs it in the row.
    exclusive = models.BooleanField(default=True, editable=False)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("review case")
        verbose_name_plural = _("review cases")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind"],
                condition=models.Q(status__in=OPEN_STATUSES, exclusive=True),
                name="one_open_case_per_kind",
            )
        ]
        indexes = [
            models.Index(fields=["status", "decision_due"], name="case_queue"),
            models.Index(fields=["organization", "status"], name="case_by_organization"),
        ]

    def __str__(self):
        return self.number

    @property
    def number(self) -> str:
        """The reference people quote: the kind's prefix and the case id."""
        from .kinds import kind_get

        return f"{kind_get(self.kind).prefix}-{self.pk:06d}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return (
            self.status in AWAITING_FUND
            and self.decision_due is not None
            and self.decision_due < moscow_date()
        )

    @property
    def ledger_subject(self) -> str:
        return f"review_case:{self.pk}"


class CaseEvent(models.Model):
    """One step of a case's history. Written by the service that took the step, never changed."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("what"), max_length=16, choices=CaseAction.choices)
    status = models.CharField(_("status after"), max_length=16, choices=CaseStatus.choices)
    message = models.TextField(_("message"), blank=True)
    decision_due = models.DateField(_("decision due"), null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")

    def __str__(self):
        return f"{self.case_id}: {self.action}"
