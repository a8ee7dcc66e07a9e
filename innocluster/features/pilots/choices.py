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
