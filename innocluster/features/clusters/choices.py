from django.db import models
from django.utils.translation import gettext_lazy as _

# Moscow Government decree 435-PP: an intersectoral cluster unites at least 30 participants
# (organizations holding active participant status; partners may be members but do not count).
MIN_COUNTING_MEMBERS = 30


class ClusterStatus(models.TextChoices):
    """The cluster's status of an intersectoral cluster, given by the fund's decision."""

    NONE = "none", _("no status yet")
    ACTIVE = "active", _("intersectoral cluster")
    SUSPENDED = "suspended", _("status suspended")
    REVOKED = "revoked", _("status revoked")


class InvitationState(models.TextChoices):
    PENDING = "pending", _("waiting for an answer")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    REVOKED = "revoked", _("revoked")
    EXPIRED = "expired", _("expired")


class JoinRequestState(models.TextChoices):
    PENDING = "pending", _("waiting for an answer")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    WITHDRAWN = "withdrawn", _("withdrawn")
