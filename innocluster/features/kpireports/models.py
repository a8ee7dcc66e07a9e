"""The KPI catalogue, the yearly reporting campaigns, each participant's report (a review kind
of the submission kit) and the figures the fund accepted.

A report's figures are a JSON object {indicator code: value}: a decimal as a string, or for
the countries indicator a list of ISO 3166 codes; `clean()` checks them against the campaign's
catalogue, so the forms, the API, the admin and the services refuse the same wrong figure.
Accepting a report copies its figures into AcceptedFigure rows: what the public figures and
the fund's dashboard read (selectors.accepted_values)."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from innocluster.core.limits import limited_text_field
from innocluster.platform.reviews.models import Case, Submission, SubmissionDocument

from .choices import UNITS_FOR, Unit, Validation

TEXT_MAX_LENGTH = 5_000


class Indicator(models.Model):
    """One KPI of the catalogue the fund's administrators keep."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices)
    validation = models.CharField(_("validation"), max_length=10, choices=Validation.choices)
    definition_ru = limited_text_field(_("definition (Russian)"), max_length=TEXT_MAX_LENGTH)
    definition_en = limited_text_field(_("definition (English)"), max_length=TEXT_MAX_LENGTH)
    methodology_ru = limited_text_field(
        _("methodology (Russian)"), blank=True, max_length=TEXT_MAX_LENGTH
    )
    methodology_en = limited_text_field(
        _("methodology (English)"), blank=True, max_length=TEXT_MAX_LENGTH
    )
    required = models.BooleanField(_("required"), default=True)
    # Of what a figure is part: "revenue_innovative" of "revenue" is never above it.
    part_of = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("KPI")
        verbose_name_plural = _("KPI catalogue")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_ru

    @property
    def definition(self) -> str:
        return self.definition_en if translation.get_language() == "en" else self.definition_ru

    @property
    def methodology(self) -> str:
        english = translation.get_language() == "en"
        return self.methodology_en if english else self.methodology_ru

    def clean(self):
        if self.unit not in UNITS_FOR.get(self.validation, ()):
            message = _("This unit does not fit the validation chosen.")
            raise ValidationError({"unit": ValidationError(message, code="invalid_choice")})


class Campaign(models.Model):
    """The fund's call for the reports of one year: every participant with active status when
    it opens owes one (a ReportDue row each), by the deadline (Moscow, the day included)."""

    year = models.PositiveSmallIntegerField(_("year reported"), unique=True)
    deadline = models.DateField(_("deadline"))
    # The catalogue's codes when it opened: a later change of the catalogue leaves it as is.
    indicator_codes = models.JSONField(default=list, editable=False)
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("reporting campaign")
        verbose_name_plural = _("reporting campaigns")

    def __str__(self):
        return str(self.year)

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def indicators(self):
        rows = Indicator.objects.in_bulk(self.indicator_codes, field_name="code")
        return [rows[code] for code in self.indicator_codes if code in rows]


class ReportDue(models.Model):
    """An organization owes the campaign a report. Its row is what two members opening the
    report at once both lock, so they get one report; and the claim of each reminder."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="dues")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="kpi_dues"
    )
    # The last reminder sent (days before the deadline), so each is sent once.
    reminded_days = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("report due")
        verbose_name_plural = _("reports due")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "organization"], name="kpi_due_once")
        ]

    def __str__(self):
        return f"{self.campaign_id}: {self.organization_id}"


class KpiReport(Submission):
    """A participant's report of one year: the kit's submission with its figures."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="kpi_report")
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="reports"
    )
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    # What the platform knew when the draft was opened: {code: {"value": …, "sources": {…}}}.
    prefill = models.JSONField(default=dict, blank=True, editable=False)
    comment = limited_text_field(_("comment"), blank=True, max_length=TEXT_MAX_LENGTH)
    filed_at = models.DateTimeField(_("filed"), null=True, blank=True, editable=False)
    late = models.BooleanField(_("filed late"), default=False, editable=False)

    KIT_FIELDS = (*Submission.KIT_FIELDS, "campaign", "prefill")

    class Meta:
        verbose_name = _("KPI report")
        verbose_name_plural = _("KPI reports")

    def clean(self):
        from .figures import check_figures

        self.figures = check_figures(self.figures, self.campaign.indicators())


class KpiReportDocument(SubmissionDocument):
    """A supporting document of a report (the accounting statements, say): optional."""

    upload_folder = "kpireports"
    application = models.ForeignKey(KpiReport, on_delete=models.CASCADE, related_name="documents")

    class Meta:
        verbose_name = _("report document")
        verbose_name_plural = _("report documents")


def period_end_of(year: int) -> date:
    """The last day of the period a yearly report covers (the calendar year, Moscow)."""
    return date(year, 12, 31)


class AcceptedFigure(models.Model):
    """A figure of an accepted report, as accepted: one row per organization, year and
    indicator. `value` is the number; the countries indicator keeps its codes in `countries`
    and their count in `value`. `period_end` dates the figure on a time series (the public
    figures group facts by their date, so a report's figure stands on its period's last day)."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="kpi_figures"
    )
    year = models.PositiveSmallIntegerField()
    period_end = models.DateField()
    indicator_code = models.CharField(max_length=40)
    value = models.DecimalField(max_digits=20, decimal_places=2)
    countries = models.JSONField(default=list, blank=True)
    report = models.ForeignKey(KpiReport, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "indicator_code"], name="kpi_figure_once"
            )
        ]
        indexes = [
            models.Index(fields=["year", "indicator_code"], name="kpi_figure_by_year"),
            models.Index(fields=["indicator_code", "period_end"], name="kpi_figure_by_period"),
        ]

    def __str__(self):
        return f"{self.organization_id} {self.year} {self.indicator_code}"
