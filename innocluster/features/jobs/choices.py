from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", _("full time")
    PART_TIME = "part_time", _("part time")
    PROJECT = "project", _("project work")
    INTERNSHIP = "internship", _("internship")
    VOLUNTEERING = "volunteering", _("volunteering")


class Schedule(models.TextChoices):
    FULL_DAY = "full_day", _("full day")
    SHIFTS = "shifts", _("shifts")
    FLEXIBLE = "flexible", _("flexible")
    REMOTE = "remote", _("remote")


class Experience(models.TextChoices):
    NONE = "none", _("no experience")
    ONE_TO_THREE = "1_3", _("1–3 years")
    THREE_TO_SIX = "3_6", _("3–6 years")
    OVER_SIX = "6_plus", _("more than 6 years")


class WorkFormat(models.TextChoices):
    OFFICE = "office", _("at the office")
    HYBRID = "hybrid", _("hybrid")
    REMOTE = "remote", _("remote")


class Currency(models.TextChoices):
    RUB = "RUB", _("roubles")
    USD = "USD", _("US dollars")
    EUR = "EUR", _("euros")
    CNY = "CNY", _("yuan")


class SalaryBand(models.TextChoices):
    """Bands of the monthly salary in roubles (the search's facet), from the vacancy's lower
    bound, or its upper one when it names none."""

    NONE = "none", _("not stated")
    UNDER_50 = "0_50", _("up to 50,000 ₽")
    FROM_50 = "50_100", _("50,000–100,000 ₽")
    FROM_100 = "100_150", _("100,000–150,000 ₽")
    FROM_150 = "150_250", _("150,000–250,000 ₽")
    FROM_250 = "250_plus", _("250,000 ₽ and more")
    OTHER_CURRENCY = "other", _("in another currency")


# the lower bound of each band in roubles, in order
BAND_FLOORS = (
    (250_000, SalaryBand.FROM_250),
    (150_000, SalaryBand.FROM_150),
    (100_000, SalaryBand.FROM_100),
    (50_000, SalaryBand.FROM_50),
    (0, SalaryBand.UNDER_50),
)


class District(models.TextChoices):
    """Moscow's administrative okrugs."""

    CENTRAL = "cao", _("Central")
    NORTHERN = "sao", _("Northern")
    NORTH_EASTERN = "svao", _("North-Eastern")
    EASTERN = "vao", _("Eastern")
    SOUTH_EASTERN = "yuvao", _("South-Eastern")
    SOUTHERN = "yuao", _("Southern")
    SOUTH_WESTERN = "yuzao", _("South-Western")
    WESTERN = "zao", _("Western")
    NORTH_WESTERN = "szao", _("North-Western")
    ZELENOGRAD = "zelao", _("Zelenograd")
    NOVOMOSKOVSKY = "nao", _("Novomoskovsky")
    TROITSKY = "tao", _("Troitsky")


class VacancyStatus(models.TextChoices):
    PENDING = "pending", _("awaiting moderation")
    PUBLISHED = "published", _("published")
    HIDDEN = "hidden", _("hidden by the moderator")
    ARCHIVED = "archived", _("archived")
    WITHDRAWN = "withdrawn", pgettext_lazy("a vacancy", "withdrawn")


class ArchiveReason(models.TextChoices):
    FILLED = "filled", _("filled")
    EXPIRED = "expired", _("expired")


# The one table of a vacancy's moves: the service of each move checks it under a row lock.
VACANCY_TRANSITIONS = {
    "approve": ({VacancyStatus.PENDING}, VacancyStatus.PUBLISHED),
    "hide": ({VacancyStatus.PENDING, VacancyStatus.PUBLISHED}, VacancyStatus.HIDDEN),
    "withdraw": ({VacancyStatus.PENDING, VacancyStatus.PUBLISHED}, VacancyStatus.WITHDRAWN),
    "archive": ({VacancyStatus.PUBLISHED}, VacancyStatus.ARCHIVED),
    "renew": ({VacancyStatus.PUBLISHED, VacancyStatus.ARCHIVED}, VacancyStatus.PUBLISHED),
}


class Stage(models.TextChoices):
    NEW = "new", _("new")
    VIEWED = "viewed", _("viewed")
    INVITED = "invited", _("invited to an interview")
    OFFER = "offer", _("offer made")
    HIRED = "hired", _("hired")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn by the applicant")


# The one table of an application's moves by the employer: move -> (from, to).
STAGE_TRANSITIONS = {
    "view": ({Stage.NEW}, Stage.VIEWED),
    "invite": ({Stage.NEW, Stage.VIEWED}, Stage.INVITED),
    "offer": ({Stage.VIEWED, Stage.INVITED}, Stage.OFFER),
    "hire": ({Stage.OFFER}, Stage.HIRED),
    "reject": ({Stage.NEW, Stage.VIEWED, Stage.INVITED, Stage.OFFER}, Stage.REJECTED),
    # the applicant's own
    "withdraw": ({Stage.NEW, Stage.VIEWED, Stage.INVITED, Stage.OFFER}, Stage.WITHDRAWN),
}
OPEN_STAGES = (Stage.NEW, Stage.VIEWED, Stage.INVITED, Stage.OFFER)
