"""Jobs and internships: vacancies of the cluster's companies, the managed lists they are
filed under (professional roles; industries are the organizations' taxonomy) and Moscow's
metro stations, seeded by a data migration, that tell a job seeker where the office is.

A vacancy belongs to an organization (the catalogue kit's `Operated`): its owners and editors
post and change it. Everybody sees it while it is published and has not expired."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from innocluster.core.facets import facet_indexes
from innocluster.core.facettotals import FacetTotals
from innocluster.core.limits import limited_text_field
from innocluster.core.maps import coordinate_field
from innocluster.core.models import TimeStampedModel
from innocluster.core.names import validate_name
from innocluster.platform.organizations.models import Industry, TaxonomyTerm
from innocluster.platform.search import wordindex
from innocluster.platform.search.catalogue import Catalogued, operator_field
from innocluster.platform.search.fields import search_text_field

from .choices import (
    ArchiveReason,
    Currency,
    District,
    EmploymentType,
    Experience,
    SalaryBand,
    Schedule,
    VacancyStatus,
    WorkFormat,
)

LIFETIME_DAYS = 30
MOSCOW = ZoneInfo("Europe/Moscow")
CURRENCY_SIGNS = {"RUB": "₽", "USD": "$", "EUR": "€", "CNY": "¥"}


def start_of_today() -> dt.datetime:
    """Midnight in Moscow that began today."""
    return dt.datetime.combine(timezone.localdate(timezone=MOSCOW), dt.time(), tzinfo=MOSCOW)


MAX_SALARY = 100_000_000


class ProfessionalRole(TaxonomyTerm):
    """A profession as job seekers look for it («Программист, разработчик»); fund
    administrators keep the list."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("professional role")
        verbose_name_plural = _("professional roles")


def _by_language(obj) -> str:
    return obj.name_en if (get_language() or "ru").startswith("en") else obj.name_ru


class MetroLine(models.Model):
    number = models.CharField(_("number"), max_length=8, unique=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    colour = models.CharField(_("colour"), max_length=7)

    class Meta:
        ordering = ["id"]
        verbose_name = _("metro line")
        verbose_name_plural = _("metro lines")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return _by_language(self)


class MetroStation(models.Model):
    line = models.ForeignKey(MetroLine, on_delete=models.PROTECT, related_name="stations")
    name_ru = models.CharField(_("name (Russian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    latitude = coordinate_field("latitude")
    longitude = coordinate_field("longitude")

    class Meta:
        ordering = ["name_ru", "line_id"]
        verbose_name = _("metro station")
        verbose_name_plural = _("metro stations")
        constraints = [
            models.UniqueConstraint(fields=["line", "name_ru"], name="one_station_per_line")
        ]

    def __str__(self):
        return f"{self.name} ({self.line.number})"

    @property
    def name(self) -> str:
        return _by_language(self)


def salary_field(label) -> models.DecimalField:
    return models.DecimalField(
        label,
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_SALARY)],
    )


# The job search's two orders as expressions that are never NULL, so that one index serves
# each on both databases: PostgreSQL puts NULLs first in a DESC order and cannot read "DESC
# NULLS LAST" from an index made without it, an index SQLite cannot make (at 100,000
# vacancies PostgreSQL sorted every live one for each page: 90 ms). A draft, never published,
# sorts by when it was written; a salary stated only "from" by that figure.
class Zero(models.Expression):
    """0 written into the SQL, where Value(0) is a parameter: SQLite's planner matches an ORDER
    BY to an index's expression only if they are the same, and `?` is not `0`."""

    output_field = models.FloatField()

    def as_sql(self, compiler, connection):
        return "0", []


# The job search's facets (filters.VacancyFilterSet) and what its salary floor reads: each facet
# is counted from an index of its own (core/facets.facet_indexes).
FACETS = (
    "role",
    "industry",
    "organization",
    "district",
    "metro",
    "work_format",
    "employment_type",
    "schedule",
    "experience",
    "salary_band",
)
SALARY = ("currency", "salary_to", "salary_from")

NEWEST_FIRST = Coalesce("published_at", "created_at").desc()
# A float, not a decimal: Django casts a decimal expression on SQLite, and the index's CAST
# would then differ from the query's.
BEST_PAID_FIRST = Coalesce(
    "salary_to", "salary_from", Zero(), output_field=models.FloatField()
).desc()


class Vacancy(TimeStampedModel, Catalogued):
    """An opening of an organization; an internship is one with `employment_type` internship
    and the fields below it."""

    organization = operator_field(related_name="vacancies", verbose_name=_("employer"))
    title = models.CharField(_("title"), max_length=200, validators=[validate_name])
    description = limited_text_field(_("description"), max_length=10_000)
    duties = limited_text_field(_("duties"), blank=True, max_length=5_000)
    requirements = limited_text_field(_("requirements"), blank=True, max_length=5_000)
    skills = models.CharField(
        _("skills"), max_length=500, blank=True, help_text=_("Separated by commas.")
    )
    # role, industry, metro: no index of their own; their facets' indexes lead with them
    role = models.ForeignKey(
        ProfessionalRole,
        on_delete=models.PROTECT,
        related_name="vacancies",
        verbose_name=_("professional role"),
        db_index=False,
    )
    industry = models.ForeignKey(
        Industry,
        on_delete=models.PROTECT,
        related_name="vacancies",
        verbose_name=_("industry"),
        db_index=False,
    )
    employment_type = models.CharField(
        _("employment type"), max_length=16, choices=EmploymentType.choices
    )
    schedule = models.CharField(_("schedule"), max_length=16, choices=Schedule.choices)
    experience = models.CharField(_("experience"), max_length=8, choices=Experience.choices)
    salary_from = salary_field(_("salary from"))
    salary_to = salary_field(_("salary to"))
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.RUB
    )
    salary_gross = models.BooleanField(
        _("before tax"), default=True, help_text=_("Unticked: the amount paid after tax.")
    )
    # written by the service from the salary: the search's facet
    salary_band = models.CharField(
        _("salary"), max_length=8, choices=SalaryBand.choices, default=SalaryBand.NONE
    )
    work_format = models.CharField(
        _("work format"), max_length=8, choices=WorkFormat.choices, default=WorkFormat.OFFICE
    )
    address = models.CharField(_("address"), max_length=500, blank=True)
    latitude = coordinate_field("latitude")
    longitude = coordinate_field("longitude")
    district = models.CharField(_("district"), max_length=8, choices=District.choices, blank=True)
    metro = models.ForeignKey(
        MetroStation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vacancies",
        verbose_name=_("metro station"),
        help_text=_("Left blank, the station nearest to the map point."),
        db_index=False,
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=32, blank=True)
    # Internships (employment type «internship»).
    university = models.CharField(_("university wanted"), max_length=300, blank=True)
    specialisation = models.CharField(_("specialisation wanted"), max_length=300, blank=True)
    duration_weeks = models.PositiveSmallIntegerField(
        _("duration, weeks"), null=True, blank=True, validators=[MaxValueValidator(104)]
    )
    paid = models.BooleanField(_("paid"), default=True)
    academic_credit = models.BooleanField(_("counts as academic practice"), default=False)
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentored_internships",
        verbose_name=_("mentor"),
    )
    university_letter_required = models.BooleanField(
        _("a letter from the university is required"), default=False
    )
    # The life of the vacancy (choices.VACANCY_TRANSITIONS).
    status = models.CharField(
        _("status"), max_length=16, choices=VacancyStatus.choices, default=VacancyStatus.PENDING
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    expires_at = models.DateTimeField(_("valid through"), null=True, blank=True)
    archive_reason = models.CharField(
        _("archived because"), max_length=8, choices=ArchiveReason.choices, blank=True
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=1000, blank=True)
    search_text = search_text_field("title", "skills", "description", "requirements")

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90)
                & Q(longitude__gte=-180, longitude__lte=180),
                name="vacancy_coordinates_on_earth",
            ),
            models.CheckConstraint(
                condition=Q(salary_from__isnull=True) | Q(salary_from__gte=0),
                name="vacancy_salary_from_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(salary_to__isnull=True) | Q(salary_to__gte=0),
                name="vacancy_salary_to_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(salary_from__isnull=True)
                | Q(salary_to__isnull=True)
                | Q(salary_from__lte=models.F("salary_to")),
                name="vacancy_salary_from_not_above_to",
            ),
        ]
        indexes = [
            # the job search's default order over what is live
            models.Index("status", NEWEST_FIRST, F("id").desc(), name="vacancy_live_date"),
            models.Index("status", BEST_PAID_FIRST, F("id").desc(), name="vacancy_live_salary"),
            *facet_indexes("vacancy_facet", FACETS, listed=["status", "expires_at"], also=SALARY),
            # What is live, counted from the index alone; the daily expiry reads it too (the
            # entries of every vacancy whose day has passed, archived ones included, their
            # status checked in the index: a few ms at 100,000). The day comes first: SQLite
            # without histograms (its sqlite_stat1) takes `status = 'published'` for half the
            # rows and any range of a second column for a quarter of those, so with (status,
            # expires_at) it read "live" as the narrowest path to a facet's rows, though it is
            # nearly all of them (issue 22: 118 ms a count at 100,000 vacancies instead of 20
            # through the chosen role's index). A range on the first column it takes for a
            # quarter of the table: wider than a chosen role's, industry's or company's.
            models.Index(fields=["expires_at", "status"], name="vacancy_live_until"),
        ]

    def __str__(self):
        return self.title

    @classmethod
    def published(cls) -> Q:
        """Published and not expired. A vacancy's time ends at a Moscow midnight
        (services.lifetime), so this holds all day and its SQL changes once a day: the one
        search builds its statement once a day, and the cached counts keep their keys."""
        return Q(status=VacancyStatus.PUBLISHED, expires_at__gt=start_of_today())

    @property
    def is_live(self) -> bool:
        return self.status == VacancyStatus.PUBLISHED and bool(
            self.expires_at and self.expires_at > timezone.now()
        )

    @property
    def last_day(self) -> dt.date | None:
        """The last day it is open (it ends at the Moscow midnight after it)."""
        if self.expires_at is None:
            return None
        return (self.expires_at.astimezone(MOSCOW) - dt.timedelta(seconds=1)).date()

    @property
    def currency_sign(self) -> str:
        return CURRENCY_SIGNS.get(self.currency, self.currency)

    @property
    def is_internship(self) -> bool:
        return self.employment_type == EmploymentType.INTERNSHIP

    @property
    def skill_list(self) -> list[str]:
        return [s.strip() for s in self.skills.split(",") if s.strip()]


# The job search's words, looked up in an index (100,000 vacancies is a large table to read
# for a word): platform/search/wordindex.py; installed by migration 0008.
wordindex.declare(Vacancy._meta.db_table, "search_text")

# The bare job search's counts, kept by the writes (core/facettotals.py; migration 0009 installs
# them with these columns: a change of FACETS needs a migration that installs them again).
TOTALS = FacetTotals(
    table=Vacancy._meta.db_table,
    columns=tuple(Vacancy._meta.get_field(name).column for name in FACETS),
    status=("status", VacancyStatus.PUBLISHED.value),
    until="expires_at",
)
TOTALS.register()

# The app's other models, where Django looks for them.
from .models_applications import (  # noqa: E402, F401
    Application,
    HireCount,
    ProfileCv,
    StageChange,
)
