from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

MAX_PHOTOS = 8
MAX_CERTIFICATES = 10
PHOTO_MAX_BYTES = 5 * 1024 * 1024
CERTIFICATE_MAX_BYTES = 10 * 1024 * 1024
MAX_PRICE = 10**12  # roubles: the column holds 14 digits with kopecks
MAX_REGIONS = 100  # more than the federal subjects: a list past it is refused unread
TEXT_MAX_LENGTH = 5000


class InquiryStatus(models.TextChoices):
    """An inquiry's stage: open while the two sides talk; ordered once the buyer turned it
    into a single-supplier production order; closed by either side."""

    OPEN = "open", pgettext_lazy("inquiry", "open")
    ORDERED = "ordered", pgettext_lazy("inquiry", "order placed")
    CLOSED = "closed", pgettext_lazy("inquiry", "closed")


class Vendor(models.TextChoices):
    """How the catalogue marks a vendor: a verified one holds active participant status; a
    partner is marked as a partner."""

    VERIFIED = "verified", _("verified vendor (participant)")
    PARTNER = "partner", _("partner of the cluster")
