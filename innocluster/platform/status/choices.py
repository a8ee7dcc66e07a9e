from django.db import models
from django.utils.translation import gettext_lazy as _

from innocluster.platform.reviews.models import Confirmations

MOSCOW_REGION = "77"


class StatusKind(models.TextChoices):
    PARTICIPANT = "participant", _("participant")
    PARTNER = "partner", _("partner")


class StatusState(models.TextChoices):
    ACTIVE = "active", _("active")
    SUSPENDED = "suspended", _("suspended")
    REVOKED = "revoked", _("revoked")


class StatusAction(models.TextChoices):
    GRANTED = "granted", _("granted")
    SUSPENDED = "suspended", _("suspended")
    REVOKED = "revoked", _("revoked")
    RESTORED = "restored", _("restored")


class RevocationGrounds(models.TextChoices):
    ON_REQUEST = "on_request", _("at the organization's request")
    LIQUIDATION = "liquidation", _("liquidation of the organization")
    KPI_REPORT_NOT_FILED = "kpi_report_not_filed", _("annual KPI report not filed")
    FALSE_DATA = "false_data", _("false data submitted")


class DocumentType(models.TextChoices):
    REGISTRY_EXTRACT = "registry_extract", _("extract from the state register (EGRUL / EGRIP)")
    RULES_CONSENT = "rules_consent", _("signed consent to the cluster's rules")
    OTHER = "other", _("other document")


REQUIRED_DOCUMENTS = (DocumentType.REGISTRY_EXTRACT, DocumentType.RULES_CONSENT)
# What the applicant confirms by ticking, each required before submission.
# What the applicant confirms, with the text shown beside each box (the kit's Confirmations).
CONFIRMATIONS = Confirmations.CONFIRMATIONS
