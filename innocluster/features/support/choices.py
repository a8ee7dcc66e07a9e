from django.db import models
from django.utils.translation import gettext_lazy as _


class MeasureLevel(models.TextChoices):
    CITY = "city", _("city")
    FEDERAL = "federal", _("federal")
    INSTITUTION = "institution", _("development institution")


class RequiredStatus(models.TextChoices):
    NONE = "none", _("none")
    PARTNER = "partner", _("participant or partner")
    PARTICIPANT = "participant", _("participant")


class CostCategory(models.TextChoices):
    EQUIPMENT = "equipment", _("equipment")
    LEASING = "leasing", _("equipment leasing")
    LOAN_INTEREST = "loan_interest", _("interest on loans")
    PATENT_RU = "patent_ru", _("Russian patent")
    PATENT_FOREIGN = "patent_foreign", _("foreign patent")
    PILOT_TEST = "pilot_test", _("pilot testing")
    # The costs of a test at a city site the "pilot testing" measure covers (issue 20).
    PILOT_LOGISTICS = "pilot_logistics", _("logistics")
    PILOT_INSURANCE = "pilot_insurance", _("insurance")
    PILOT_CERTIFICATION = "pilot_certification", _("certification")
    PILOT_CONSUMABLES = "pilot_consumables", _("consumables and components")
    PILOT_LABOUR = "pilot_labour", _("labour")
    PILOT_REPAIR = "pilot_repair", _("repair and maintenance")
    PILOT_RENT = "pilot_rent", _("rented equipment")
    INVESTMENT = "investment", _("investment in a startup")
    REAL_ESTATE = "real_estate", _("real estate and utility connection")
    IP_RIGHTS = "ip_rights", _("intellectual property rights")
    SOFTWARE = "software", _("software")
    SALARIES = "salaries", _("salaries")


class Origin(models.TextChoices):
    ANY = "any", _("any")
    DOMESTIC = "domestic", _("domestic")
    IMPORTED = "imported", _("imported")


class RateMode(models.TextChoices):
    SHARE = "share", _("share of the cost")
    FIXED = "fixed", _("fixed sum per item")


class OverCapPolicy(models.TextChoices):
    CAP = "cap", _("reduce the request to the cap")
    REFUSE = "refuse", _("refuse the application")


class AgreementState(models.TextChoices):
    AWAITING = "awaiting", _("awaiting acceptance")
    IN_FORCE = "in_force", _("in force")


class AgreementSide(models.TextChoices):
    RECIPIENT = "recipient", _("recipient")
    FUND = "fund", _("fund")


class TrancheState(models.TextChoices):
    SCHEDULED = "scheduled", _("scheduled")
    HELD = "held", _("held: report not filed")
    PAID = "paid", _("paid")


class ReportState(models.TextChoices):
    DUE = "due", _("due")
    FILED = "filed", _("filed")
    ACCEPTED = "accepted", _("accepted")


# A cost item is one or the other; "any" exists only in rules.
ITEM_ORIGINS = [(Origin.DOMESTIC, Origin.DOMESTIC.label), (Origin.IMPORTED, Origin.IMPORTED.label)]
