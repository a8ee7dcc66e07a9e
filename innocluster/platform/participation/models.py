import uuid

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

from innocluster.platform.organizations.models import Organization
from innocluster.platform.reviews.models import Case

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
    reason = models.TextField(_("reason"), blank=True)
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


class StatusApplication(models.Model):
    """What an organization submits for a status. Its case in the review pipeline holds where
    it stands; this holds what it says."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="status_application")
    kind = models.CharField(_("status applied for"), max_length=16, choices=StatusKind.choices)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_position = models.CharField(_("position"), max_length=200, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=32, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    confirm_data_true = models.BooleanField(default=False)
    confirm_rules = models.BooleanField(default=False)
    confirm_personal_data = models.BooleanField(default=False)
    # The organization's profile as it stood when (re)submitted: what the reviewer decided on.
    profile = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("status application")
        verbose_name_plural = _("status applications")

    def __str__(self):
        return f"{self.case}"

    def profile_rows(self) -> list[tuple[str, str]]:
        """The kept profile as (label, text) pairs, labelled as the profile form labels them."""
        rows = []
        for name, value in self.profile.items():
            try:
                label = Organization._meta.get_field(name).verbose_name
            except FieldDoesNotExist:
                label = name
            text = ", ".join(map(str, value)) if isinstance(value, list) else str(value or "")
            rows.append((label, text or "—"))
        return rows


def document_path(instance, filename):
    # Our name, never the uploader's (kept in `file_name`), in a folder no URL serves.
    return f"status-documents/{uuid.uuid4().hex}.pdf"


class ApplicationDocument(models.Model):
    application = models.ForeignKey(
        StatusApplication, on_delete=models.CASCADE, related_name="documents"
    )
    doc_type = models.CharField(_("document"), max_length=32, choices=DocumentType.choices)
    file = models.FileField(_("file"), upload_to=document_path, max_length=200)
    file_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["doc_type", "uploaded_at"]
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")

    def __str__(self):
        return self.file_name
