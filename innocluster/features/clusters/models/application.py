"""The application for the status of an intersectoral cluster (a kind of the one review
pipeline), the members as they stood at submission, and the cluster register's history."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from innocluster.core.limits import limited_text_field
from innocluster.platform.reviews.models import (
    REASON_MAX_LENGTH,
    Case,
    Submission,
    SubmissionDocument,
)

from ..choices import ClusterStatus
from .clusters import Cluster


class ClusterStatusAction(models.TextChoices):
    GRANTED = "granted", _("status granted")
    SUSPENDED = "suspended", _("status suspended")
    KEPT = "kept", _("status kept below 30 members")
    RESTORED = "restored", _("status restored")
    REVOKED = "revoked", _("status revoked")


class ClusterApplication(Submission):
    """What the lead organization submits for its cluster; its case holds where it stands."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="cluster_application")
    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="applications"
    )

    class Meta:
        verbose_name = _("application for the status of an intersectoral cluster")
        verbose_name_plural = _("applications for the status of an intersectoral cluster")


class ClusterApplicationDocument(SubmissionDocument):
    upload_folder = "cluster-documents"
    application = models.ForeignKey(
        ClusterApplication, on_delete=models.CASCADE, related_name="documents"
    )

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("cluster application document")
        verbose_name_plural = _("cluster application documents")


class MemberSnapshot(models.Model):
    """One member as it stood when the application was (re)submitted: the reviewer compares
    these rows with the members today (who left, who lost participant status)."""

    application = models.ForeignKey(
        ClusterApplication, on_delete=models.CASCADE, related_name="member_snapshots"
    )
    organization = models.ForeignKey(
        "organizations.Organization", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    short_name = models.CharField(_("organization"), max_length=300)
    inn = models.CharField(_("INN"), max_length=12)
    counted = models.BooleanField(_("counted"))
    status_register_number = models.CharField(_("status register number"), max_length=20)

    class Meta:
        ordering = ["short_name", "id"]
        verbose_name = _("member at submission")
        verbose_name_plural = _("members at submission")

    def __str__(self):
        return self.short_name


class RegisterCounter(models.Model):
    """The last register number given: one row, locked while the next number is taken, so
    two approvals at once get consecutive numbers and never the same one."""

    name = models.CharField(max_length=32, primary_key=True)
    value = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.name}: {self.value}"


class ClusterStatusChange(models.Model):
    """One change of a cluster's status (granted, suspended, kept, restored, revoked), kept
    forever: the register entry shows them all."""

    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="status_changes")
    action = models.CharField(_("change"), max_length=16, choices=ClusterStatusAction.choices)
    status = models.CharField(_("status after"), max_length=16, choices=ClusterStatus.choices)
    reason = limited_text_field(_("reason"), blank=True, max_length=REASON_MAX_LENGTH)
    counting_members = models.PositiveIntegerField(_("counting members"), default=0)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.PROTECT)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("cluster status change")
        verbose_name_plural = _("cluster status changes")

    def __str__(self):
        return f"{self.cluster_id}: {self.action}"
