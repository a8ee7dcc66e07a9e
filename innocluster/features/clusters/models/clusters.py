"""A cluster and who belongs to it: the data the other parts of the feature stand on (joint
projects and the status application in projects.py; supply chains and the community are
their own apps that read membership through `clusters.selectors`).

Membership is a row per organization: leaving deletes it (the audit trail keeps the fact), so
"the members" is always a plain query and the count that decree 435-PP asks for is one
indexed COUNT. Invitations and join requests keep their history (state and who answered)."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from innocluster.core.limits import limited_text_field
from innocluster.core.models import TimeStampedModel
from innocluster.core.names import validate_name
from innocluster.core.orphans import declare
from innocluster.platform.search.fields import search_text_field

from ..choices import ClusterStatus, InvitationState, JoinRequestState

DESCRIPTION_MAX_LENGTH = 10_000
REASON_MAX_LENGTH = 2_000


def cluster_logo_path(instance, filename):
    # Our own name, never the uploader's; the extension comes from the content check.
    return f"cluster-logos/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class ClusterQuerySet(models.QuerySet):
    def listed(self):
        """What the public catalogue shows."""
        return self.filter(is_public=True)


class Cluster(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200, validators=[validate_name])
    aims = limited_text_field(_("aims"), max_length=DESCRIPTION_MAX_LENGTH)
    description_ru = limited_text_field(
        _("description (Russian)"), max_length=DESCRIPTION_MAX_LENGTH
    )
    description_en = limited_text_field(
        _("description (English)"), blank=True, max_length=DESCRIPTION_MAX_LENGTH
    )
    industries = models.ManyToManyField(
        "organizations.Industry", blank=True, verbose_name=_("industries"), related_name="+"
    )
    technologies = models.ManyToManyField(
        "organizations.Technology", blank=True, verbose_name=_("technologies"), related_name="+"
    )
    # The organization that leads the cluster and applies for its status. PROTECT: a cluster
    # on the register keeps its lead's record.
    lead_organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("lead organization"),
        on_delete=models.PROTECT,
        related_name="led_clusters",
    )
    logo = models.ImageField(_("logo"), upload_to=cluster_logo_path, blank=True)
    # A private cluster is seen only by its members (404 to everyone else).
    is_public = models.BooleanField(_("shown to everyone"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("founded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # The status of an intersectoral cluster, written only by the fund's decisions.
    status = models.CharField(
        _("status"), max_length=16, choices=ClusterStatus.choices, default=ClusterStatus.NONE
    )
    register_number = models.CharField(
        _("register number"), max_length=20, unique=True, null=True, blank=True
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    # When the counting members fell below the decree's 30 while the status is held; None
    # while there are enough. The page shows it and the fund decides (suspend or keep).
    below_minimum_since = models.DateTimeField(
        _("below 30 counting members since"), null=True, blank=True
    )

    # Folded name, aims and descriptions: what the one search and the catalogue's box match.
    search_text = search_text_field("name", "aims", "description_ru", "description_en")

    objects = ClusterQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        indexes = [models.Index(fields=["status", "name"], name="cluster_status_name")]

    def __str__(self):
        return self.name

    @property
    def description(self) -> str:
        english = (get_language() or "ru").startswith("en")
        return self.description_en if english and self.description_en else self.description_ru

    @property
    def ledger_subject(self) -> str:
        return f"cluster:{self.pk}"


class ClusterMember(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="members")
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="cluster_memberships",
    )
    # Administrators are member organizations; their owners and editors act for the cluster.
    is_admin = models.BooleanField(_("administrator"), default=False)
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        ordering = ["joined_at", "id"]
        verbose_name = _("cluster member")
        verbose_name_plural = _("cluster members")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "organization"], name="cluster_member_once"),
        ]
        indexes = [
            # "my clusters": an organization's memberships
            models.Index(fields=["organization", "cluster"], name="cluster_member_by_org"),
        ]

    def __str__(self):
        return f"{self.organization_id} @ {self.cluster_id}"


class ClusterInvitation(models.Model):
    """Administrators invite an organization; its owner or editor accepts or declines."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="invitations")
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="cluster_invitations",
    )
    message = limited_text_field(_("message"), blank=True, max_length=REASON_MAX_LENGTH)
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=InvitationState.choices,
        default=InvitationState.PENDING,
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation to a cluster")
        verbose_name_plural = _("invitations to clusters")
        constraints = [
            # Inviting the same organization twice while the first invitation waits.
            models.UniqueConstraint(
                fields=["cluster", "organization"],
                condition=Q(state="pending"),
                name="cluster_invitation_one_pending",
            ),
        ]

    def __str__(self):
        return f"{self.organization_id} → {self.cluster_id} ({self.state})"


class ClusterJoinRequest(models.Model):
    """An organization asks to join with a reason; administrators accept or decline."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="join_requests")
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="cluster_join_requests",
    )
    reason = limited_text_field(_("reason"), max_length=REASON_MAX_LENGTH)
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=JoinRequestState.choices,
        default=JoinRequestState.PENDING,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    decline_reason = limited_text_field(
        _("reason for declining"), blank=True, max_length=REASON_MAX_LENGTH
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("request to join a cluster")
        verbose_name_plural = _("requests to join clusters")
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "organization"],
                condition=Q(state="pending"),
                name="cluster_join_request_one_pending",
            ),
        ]

    def __str__(self):
        return f"{self.organization_id} → {self.cluster_id} ({self.state})"


# Clusters' logos go to cluster-logos/ (cluster_logo_path), which holds nothing else.
ORPHAN_FILES = declare("clusters", folders=("cluster-logos",), fields=("clusters.Cluster.logo",))
