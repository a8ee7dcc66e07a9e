"""What follows an award: the award itself, the agreement, the payment schedule (tranches),
payments and the reports of actual costs that release the later tranches."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from innocluster.core.limits import limited_text_field
from innocluster.platform.organizations.models import Organization

from ..choices import AgreementState, ReportState, TrancheState

MONEY = {"max_digits": 14, "decimal_places": 2}
RETURN_REASON_MAX_LENGTH = 2_000


def _upload(instance, filename):
    return f"support/{instance.upload_folder}/{filename}"


class Award(models.Model):
    """The amount the decision fixed, and the measure's payment terms at that moment (the
    agreement states them, so a later change of the measure does not change this award).
    Never changed after the decision. Every public fact about it, from the grant to the last
    payment, goes on the ledger under one subject, `award:<id>`."""

    application = models.OneToOneField(
        "support.GrantApplication", on_delete=models.PROTECT, related_name="award"
    )
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="awards")
    measure = models.ForeignKey("support.Measure", on_delete=models.PROTECT, related_name="awards")
    amount = models.DecimalField(_("awarded, RUB"), **MONEY)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    awarded_at = models.DateTimeField(_("awarded"))
    advance_percent = models.DecimalField(_("paid in advance, %"), max_digits=5, decimal_places=2)
    yearly_tranches = models.PositiveSmallIntegerField(_("yearly tranches after the advance"))

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-awarded_at", "-pk"]
        # The yearly cap sums a company's awards of one measure in one year.
        indexes = [
            models.Index(fields=["organization", "measure", "year"], name="award_yearly_cap")
        ]

    def __str__(self):
        return f"{self.application.case.number}: {self.amount}"

    @property
    def ledger_subject(self) -> str:
        return f"award:{self.pk}"


class Agreement(models.Model):
    """The grant agreement, generated as a PDF; in force once both sides accepted that very
    document (its SHA-256 is recorded with each acceptance)."""

    upload_folder = "agreements"
    award = models.OneToOneField(Award, on_delete=models.PROTECT, related_name="agreement")
    number = models.CharField(_("number"), max_length=32, unique=True)
    file = models.FileField(upload_to=_upload, max_length=300)
    sha256 = models.CharField(_("SHA-256 of the document"), max_length=64)
    state = models.CharField(
        _("state"), max_length=16, choices=AgreementState.choices, default=AgreementState.AWAITING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    recipient_signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recipient_accepted_at = models.DateTimeField(null=True, blank=True)
    recipient_sha256 = models.CharField(max_length=64, blank=True)
    fund_signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    fund_accepted_at = models.DateTimeField(null=True, blank=True)
    fund_sha256 = models.CharField(max_length=64, blank=True)
    # The Moscow date of the second acceptance: every due date of the schedule counts from it.
    in_force_on = models.DateField(_("in force since"), null=True, blank=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self):
        return self.number

    @property
    def is_in_force(self) -> bool:
        return self.state == AgreementState.IN_FORCE


class Tranche(models.Model):
    """One scheduled payment. Tranches after the advance wait for the report of the period
    before them: an unfiled (or unaccepted) report holds the tranche."""

    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="tranches")
    number = models.PositiveSmallIntegerField(_("number"))
    # 0: the advance, paid on the agreement alone; k: the tranche of the k-th year, released by
    # the report of actual costs due on the k-th anniversary of the agreement.
    period = models.PositiveSmallIntegerField(_("year of the agreement"), default=0)
    amount = models.DecimalField(_("amount, RUB"), **MONEY)
    due_on = models.DateField(_("due on"))
    state = models.CharField(
        _("state"), max_length=16, choices=TrancheState.choices, default=TrancheState.SCHEDULED
    )

    class Meta:
        ordering = ["award", "number"]
        constraints = [
            models.UniqueConstraint(fields=["award", "number"], name="one_tranche_per_number"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="tranche_is_positive"),
        ]

    def __str__(self):
        return f"{self.award_id}/{self.number}"

    @property
    def is_advance(self) -> bool:
        return self.period == 0


class Payment(models.Model):
    """A tranche paid: the payment order's number and date. One per tranche."""

    tranche = models.OneToOneField(Tranche, on_delete=models.PROTECT, related_name="payment")
    amount = models.DecimalField(_("amount, RUB"), **MONEY)
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("payment order"), max_length=64)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-paid_on", "-pk"]

    def __str__(self):
        return self.reference


class Report(models.Model):
    """The report of actual costs that releases `tranche` (the next one)."""

    upload_folder = "reports"
    tranche = models.OneToOneField(Tranche, on_delete=models.PROTECT, related_name="report")
    due_on = models.DateField(_("due on"))
    state = models.CharField(
        _("state"), max_length=16, choices=ReportState.choices, default=ReportState.DUE
    )
    actual_costs = models.DecimalField(
        _("actual costs of the period, RUB"), null=True, blank=True, **MONEY
    )
    file = models.FileField(upload_to=_upload, max_length=300, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    filed_at = models.DateTimeField(null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Why the fund sent the report back (the organization files it again); empty otherwise.
    return_reason = limited_text_field(
        _("why the report was returned"), blank=True, max_length=RETURN_REASON_MAX_LENGTH
    )
    reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["due_on"]

    def __str__(self):
        return f"{self.tranche}: {self.get_state_display()}"
