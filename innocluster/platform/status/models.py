from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from innocluster.core.limits import limited_text_field
from innocluster.platform.organizations.models import Organization
from innocluster.platform.reviews.models import (
    REASON_MAX_LENGTH,
    Case,
    Confirmations,
    Submission,
    SubmissionDocument,
    submission_document_path,
)

from .choices import DocumentType, RevocationGrounds, StatusAction, StatusKind, StatusState


class StatusQuerySet(models.QuerySet):
    def active(self):
        return self.filter(state=StatusState.ACTIVE)


class Status(models.Model):
    """An organization's status in the cluster: participant (Moscow) or partner (elsewhere).

    One row per organization for its whole life; every change is a StatusChange and a ledger
    entry. The register number stays with the organization through suspension and restoration.
    """

    organization = models.OneToOneField(
        Organization, on_delete=models.PROTECT, related_name="cluster_status"
    )
    kind = models.CharField(_("status"), max_length=16, choices=StatusKind.choices)
    state = models.CharField(_("state"), max_length=16, choices=StatusState.choices)
    register_number = models.CharField(_("register number"), max_length=20, unique=True)
    granted_on = models.DateField(_("granted on"))
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = StatusQuerySet.as_manager()

    class Meta:
        verbose_name = _("cluster status")
        verbose_name_plural = _("cluster statuses")
        ordering = ["register_number"]
        indexes = [models.Index(fields=["state", "kind"], name="status_state_kind")]

    def __str__(self):
        return f"{self.register_number} {self.organization}"

    @property
    def ledger_subject(self) -> str:
        return f"organization:{self.organization_id}"


class StatusChange(models.Model):
    """One change of a status, kept forever: the public register shows them all."""

    status = models.ForeignKey(Status, on_delete=models.PROTECT, related_name="changes")
    action = models.CharField(_("change"), max_length=16, choices=StatusAction.choices)
    kind = models.CharField(_("status"), max_length=16, choices=StatusKind.choices)
    state = models.CharField(_("state after"), max_length=16, choices=StatusState.choices)
    grounds = models.CharField(
        _("grounds"), max_length=32, choices=RevocationGrounds.choices, blank=True
    )
    reason = limited_text_field(_("reason"), blank=True, max_length=REASON_MAX_LENGTH)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.PROTECT)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.status_id}: {self.action}"


class StatusApplication(Confirmations, Submission):
    """What an organization submits for a status. Its case in the review pipeline holds where
    it stands; this holds what it says."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="status_application")
    kind = models.CharField(_("status applied for"), max_length=16, choices=StatusKind.choices)

    class Meta:
        verbose_name = _("status application")
        verbose_name_plural = _("status applications")


class ApplicationDocument(SubmissionDocument):
    upload_folder = "status-documents"
    application = models.ForeignKey(
        StatusApplication, on_delete=models.CASCADE, related_name="documents"
    )
    doc_type = models.CharField(_("document"), max_length=32, choices=DocumentType.choices)

    class Meta:
        ordering = ["doc_type", "uploaded_at"]
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")


def document_path(instance, filename):
    """Kept for migration 0001, which names it; documents now use the kit's path."""
    return submission_document_path(instance, filename)
