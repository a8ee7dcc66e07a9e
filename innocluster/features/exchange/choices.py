from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

MAX_ITEMS = 50
MAX_FILES = 20
MAX_INVITED = 200
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_OFFER_DOCUMENTS = 10  # each a PDF or a picture of at most settings.DOCUMENT_MAX_BYTES
WEIGHTS_TOTAL = 100
CURRENCY = "RUB"  # the exchange trades in roubles only (issue 21)
VAT_RATES = (Decimal("0"), Decimal("10"), Decimal("20"))


class CategoryKind(models.TextChoices):
    PROCESS = "process", _("production process")
    MATERIAL = "material", _("material")


class Access(models.TextChoices):
    OPEN = "open", _("participants and partners of the cluster")
    INVITED = "invited", _("invited suppliers only")


class Criteria(models.TextChoices):
    LOWEST_PRICE = "lowest_price", _("lowest price")
    WEIGHTED = "weighted", _("weighted: price, lead time, rating")


class Status(models.TextChoices):
    """An order's stage. Offers are sealed until OPENED: the opening task sets it at the
    deadline, and nothing reads an offer of an order before it."""

    DRAFT = "draft", pgettext_lazy("order stage", "draft")
    PUBLISHED = "published", pgettext_lazy("order stage", "accepting offers")
    OPENED = "opened", pgettext_lazy("order stage", "offers opened")
    AWARDED = "awarded", pgettext_lazy("order stage", "awarded")
    CANCELLED = "cancelled", pgettext_lazy("order stage", "cancelled")


# Stages anybody sees the order in (a draft only its buyer's people).
PUBLIC_STATUSES = (Status.PUBLISHED, Status.OPENED, Status.AWARDED, Status.CANCELLED)


class OfferStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("offer", "submitted")
    WITHDRAWN = "withdrawn", pgettext_lazy("offer", "withdrawn")
