from django.db import models
from django.utils.translation import gettext_lazy as _

from innocluster.platform.organizations.choices import OrganizationType

# Who may post a challenge: a city department or a large corporation (issue 20).
POSTER_TYPES = (OrganizationType.CITY_ORGANIZATION, OrganizationType.LARGE_CORPORATION)
MAX_SCORE = 10
WEIGHTS_TOTAL = 100
MAX_CRITERIA = 10
MAX_PARTNERS = 5
MAX_DOCUMENTS = 10
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


class PrizeKind(models.TextChoices):
    PILOT = "pilot", _("a paid pilot")
    MONEY = "money", _("money")


class Stage(models.TextChoices):
    """Where a challenge is, worked out from its dates and whether results are published."""

    OPEN = "open", _("accepting entries")
    EVALUATING = "evaluating", _("being evaluated")
    DECIDED = "decided", _("results published")


class Decision(models.TextChoices):
    NONE = "", _("not decided")
    WINNER = "winner", _("winner")
    NOT_CHOSEN = "not_chosen", _("not chosen")


# What the poster may decide (the API's and the form's choices; not "not decided").
DECIDED_CHOICES = [(value, label) for value, label in Decision.choices if value]
