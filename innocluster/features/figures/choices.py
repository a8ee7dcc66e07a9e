from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# A figure for a group of fewer organizations than this is never published on its own.
THRESHOLD = 5
OTHER = "other"


class Kpi(models.TextChoices):
    """The four KPIs the fund is judged on (issue 23)."""

    PARTICIPANTS_GROWTH = "participants_growth", _("growth in participants and partners")
    COOPERATIVE_PROJECTS = "cooperative_projects", _("cooperative projects")
    NEW_JOBS = "new_jobs", _("new jobs")
    EXPORTS_VS_CITY = "exports_vs_city", _("export growth above the city's average, p.p.")


class Dimension(models.TextChoices):
    MONTH = "month", _("by month")
    REGION = "region", _("by region")
    ORG_TYPE = "org_type", _("by organization type")
    INDUSTRY = "industry", _("by industry")


class Unit(models.TextChoices):
    ORGANIZATIONS = "organizations", _("organizations")
    ITEMS = "items", _("pcs.")
    PEOPLE = "people", pgettext_lazy("a figure's unit", "people")
    RUB = "rub", _("RUB")
    PERCENT = "percent", _("%")
