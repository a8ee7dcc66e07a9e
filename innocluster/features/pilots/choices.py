from django.db import models
from django.utils.translation import gettext_lazy as _

from innocluster.platform.organizations.choices import OrganizationType

# Who may publish a pilot site: the city, technology parks and large corporations (issue 20).
SITE_OWNER_TYPES = (
    OrganizationType.CITY_ORGANIZATION,
    OrganizationType.TECHNOLOGY_PARK,
    OrganizationType.LARGE_CORPORATION,
)


class SiteCategory(models.TextChoices):
    HEALTH = "health", _("health care and social services")
    CULTURE = "culture", _("culture and leisure")
    EDUCATION = "education", _("education")
    TECHNOLOGY_PARK = "technology_park", _("technology parks")
    HOUSING = "housing", _("housing and utilities")
    TRANSPORT = "transport", _("transport")
    OTHER = "other", _("other")


# A proposal offers a product at this technology readiness level or above; below it, the
# company says why it should be tested anyway (issue 20).
MIN_TRL = 5
MAX_KPIS = 10
MAX_PROPOSED_SITES = 10
CONSENT_BUSINESS_DAYS = 5


class KpiUnit(models.TextChoices):
    """The fixed list of units a test KPI is measured in: the site's report gives each
    measured value in the unit of its KPI, so the two compare."""

    PERCENT = "percent", _("per cent")
    SECONDS = "seconds", _("seconds")
    MINUTES = "minutes", _("minutes")
    HOURS = "hours", _("hours")
    DAYS = "days", _("days")
    PIECES = "pieces", _("pieces")
    PEOPLE = "people", _("people")
    ROUBLES = "roubles", _("roubles")
    KWH = "kwh", _("kilowatt-hours")
    SCORE = "score", _("points out of 10")


class ProposalDocumentType(models.TextChoices):
    CERTIFICATE = "certificate", _("certificate")
    INSURANCE = "insurance", _("insurance policy")
    OTHER = "other", _("other document")


class PilotStatus(models.TextChoices):
    CONSENT = "consent", _("awaiting the sites' consent")
    AGREEMENT = "agreement", _("agreeing the test plan")
    RUNNING = "running", _("running")
    PAUSED = "paused", _("paused")
    STOPPED = "stopped", _("stopped early")
    FINISHED = "finished", _("finished")
    PUBLISHED = "published", _("result published")


# A pilot in these states holds a place at each site that has not declined it.
OCCUPYING = (PilotStatus.CONSENT, PilotStatus.AGREEMENT, PilotStatus.RUNNING, PilotStatus.PAUSED)


class ConsentStatus(models.TextChoices):
    PENDING = "pending", _("awaiting an answer")
    AGREED = "agreed", _("agreed")
    DECLINED = "declined", _("declined")


HOLDING_CONSENTS = (ConsentStatus.PENDING, ConsentStatus.AGREED)
