from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    """An indicator's unit: the OKEI code where the classifier has one."""

    PIECE = "796", _("pieces")
    PERSON = "792", _("persons")
    RUB = "383", _("roubles")
    PERCENT = "744", _("percent")
    COUNTRY = "country", _("countries (ISO 3166 codes)")


class Validation(models.TextChoices):
    WHOLE = "whole", _("a whole number ≥ 0")
    MONEY = "money", _("money in roubles ≥ 0, to the kopeck")
    PERCENT = "percent", _("a percent from 0 to 100")
    COUNTRIES = "countries", _("a list of countries")


# Which unit each validation takes: a catalogue entry pairing others is refused.
UNITS_FOR = {
    Validation.WHOLE: {Unit.PIECE, Unit.PERSON},
    Validation.MONEY: {Unit.RUB},
    Validation.PERCENT: {Unit.PERCENT},
    Validation.COUNTRIES: {Unit.COUNTRY},
}

# Reminders before the deadline, in days; the tightest due one is sent, once per report.
REMINDER_DAYS = (30, 7, 1)
MAX_COUNTRIES = 250
MAX_FIGURE = 10**15  # a quadrillion roubles or pieces: beyond it a typo
