from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    IN_REVIEW = "in_review", _("in review")
    INFO_REQUESTED = "info_requested", _("information requested")
    RESUBMITTED = "resubmitted", _("resubmitted")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn")


# A case is open until it is decided or withdrawn; an organization has one open case per kind.
OPEN_STATUSES = (
    CaseStatus.DRAFT,
    CaseStatus.SUBMITTED,
    CaseStatus.IN_REVIEW,
    CaseStatus.INFO_REQUESTED,
    CaseStatus.RESUBMITTED,
)
# The fund's clock runs in these; it stops while information is requested.
AWAITING_FUND = (CaseStatus.SUBMITTED, CaseStatus.IN_REVIEW, CaseStatus.RESUBMITTED)


class CaseAction(models.TextChoices):
    CREATED = "created", _("draft created")
    SUBMITTED = "submitted", _("submitted")
    TAKEN = "taken", _("taken into review")
    INFO_REQUESTED = "info_requested", _("information requested")
    RESUBMITTED = "resubmitted", _("resubmitted")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn")
    DUE_SOON = "due_soon", _("reviewers reminded of the deadline")
    OVERDUE = "overdue", _("flagged overdue")


class Decision(models.TextChoices):
    """What a reviewer may decide on a case."""

    APPROVE = "approve", _("approve")
    REJECT = "reject", _("reject")
    REQUEST_INFO = "request_info", _("request information")
