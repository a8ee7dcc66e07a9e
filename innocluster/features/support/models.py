"""Support measures: the catalogue (rules, calls), grant applications with their costs, and
what follows an award (the agreement, the payment schedule, payments and reports).

Money is Decimal roubles with kopecks (max 999,999,999,999.99); dates of windows and due
dates are Moscow calendar dates.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from innocluster.core.calendar import moscow_date
from innocluster.core.limits import limited_text_field
from innocluster.core.orphans import declare
from innocluster.core.regions import CODE_CHOICES
from innocluster.platform.organizations.choices import OrganizationType
from innocluster.platform.organizations.models import Industry
from innocluster.platform.reviews.models import (
    Case,
    Submission,
    SubmissionDocument,
    submission_document_path,
)

from .choices import (
    CostCategory,
    MeasureLevel,
    Origin,
    OverCapPolicy,
    RateMode,
    RequiredStatus,
)

MONEY = {"max_digits": 14, "decimal_places": 2}
PERCENT = {
    "max_digits": 5,
    "decimal_places": 2,
    "validators": [MinValueValidator(0), MaxValueValidator(100)],
}
POSITIVE_MONEY = [MinValueValidator(0)]


def region_codes() -> list[str]:
    return [code for code, _name in CODE_CHOICES]


def org_type_codes() -> list[str]:
    return list(OrganizationType.values)


def codes_among(allowed, what):
    """A validator: the value is a list of codes, each one of `allowed()` (a callable, so the
    migration keeps a reference, not the list)."""
    return CodesValidator(allowed, what)


@deconstructible
class CodesValidator:
    def __init__(self, allowed, what):
        self.allowed, self.what = allowed, what

    def __call__(self, value):
        if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
            raise ValidationError(_('Give a list of codes, e.g. ["77", "50"].'), code="invalid")
        unknown = sorted(set(value) - set(self.allowed()))
        if unknown:
            raise ValidationError(
                _("Unknown %(what)s: %(codes)s.")
                % {"what": self.what, "codes": ", ".join(unknown)},
                code="invalid_choice",
            )

    def __eq__(self, other):
        return isinstance(other, CodesValidator) and self.what == other.what


class Translated:
    """`title`/`summary` in the reader's language, falling back to Russian."""

    def _in_language(self, field: str) -> str:
        english = get_language() == "en" and getattr(self, f"{field}_en")
        return english or getattr(self, f"{field}_ru")

    @property
    def title(self) -> str:
        return self._in_language("title")


class Measure(Translated, models.Model):
    """One support measure and its rules: who may apply, how much, when, what documents."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    summary_ru = limited_text_field(_("summary (Russian)"), blank=True, max_length=5_000)
    summary_en = limited_text_field(_("summary (English)"), blank=True, max_length=5_000)
    level = models.CharField(_("level"), max_length=16, choices=MeasureLevel.choices)
    provider = models.CharField(_("provided by"), max_length=300)
    is_published = models.BooleanField(_("published"), default=True)
    # Who may apply
    for_legal_entities = models.BooleanField(_("legal entities may apply"), default=True)
    for_sole_proprietors = models.BooleanField(_("sole proprietors may apply"), default=True)
    required_status = models.CharField(
        _("required status"),
        max_length=16,
        choices=RequiredStatus.choices,
        default=RequiredStatus.PARTICIPANT,
    )
    regions = models.JSONField(
        _("regions (codes; empty: any)"),
        default=list,
        blank=True,
        validators=[codes_among(region_codes, "region")],
    )
    org_types = models.JSONField(
        _("organization types (empty: any)"),
        default=list,
        blank=True,
        validators=[codes_among(org_type_codes, "organization type")],
    )
    industries = models.ManyToManyField(
        Industry, blank=True, verbose_name=_("industries (none: any)"), related_name="+"
    )
    sme_only = models.BooleanField(_("small and medium businesses only"), default=False)
    min_company_age_years = models.PositiveSmallIntegerField(
        _("minimum age of the company, years"), default=0
    )
    # How much
    cap_per_application = models.DecimalField(
        _("cap per application, RUB"), null=True, blank=True, validators=POSITIVE_MONEY, **MONEY
    )
    cap_per_company_year = models.DecimalField(
        _("cap per company per calendar year, RUB"),
        null=True,
        blank=True,
        validators=POSITIVE_MONEY,
        **MONEY,
    )
    over_cap_policy = models.CharField(
        _("a request above a cap"),
        max_length=8,
        choices=OverCapPolicy.choices,
        default=OverCapPolicy.CAP,
    )
    # An application refers to a pilot of the applicant's at city sites whose test plan the
    # company, the site and the fund agreed (issue 20): the "pilot testing" measure.
    requires_pilot = models.BooleanField(
        _("an application refers to an agreed pilot"), default=False
    )
    # Review and payment
    review_business_days = models.PositiveSmallIntegerField(
        _("review deadline, business days"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    advance_percent = models.DecimalField(_("paid in advance, %"), default=100, **PERCENT)
    yearly_tranches = models.PositiveSmallIntegerField(
        _("yearly tranches after the advance, against reports"),
        default=0,
        validators=[MaxValueValidator(10)],
    )

    class Meta:
        verbose_name = _("support measure")
        verbose_name_plural = _("support measures")
        ordering = ["level", "title_ru"]

    def __str__(self):
        return self.title_ru

    @property
    def summary(self) -> str:
        return self._in_language("summary")


class CostRule(models.Model):
    """How much of one category of costs the measure covers: a share of the cost, or a fixed
    sum per item (never more than the item costs), with an optional cap per item."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="cost_rules")
    category = models.CharField(_("cost category"), max_length=32, choices=CostCategory.choices)
    origin = models.CharField(
        _("origin"), max_length=16, choices=Origin.choices, default=Origin.ANY
    )
    mode = models.CharField(_("rate"), max_length=8, choices=RateMode.choices)
    percent = models.DecimalField(_("share, %"), null=True, blank=True, **PERCENT)
    fixed_amount = models.DecimalField(
        _("sum per item, RUB"), null=True, blank=True, validators=POSITIVE_MONEY, **MONEY
    )
    item_cap = models.DecimalField(
        _("cap per item, RUB"), null=True, blank=True, validators=POSITIVE_MONEY, **MONEY
    )

    class Meta:
        verbose_name = _("cost rule")
        verbose_name_plural = _("cost rules")
        ordering = ["category", "origin"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "category", "origin"], name="one_rule_per_category_origin"
            ),
            models.CheckConstraint(
                condition=models.Q(mode="share", percent__isnull=False)
                | models.Q(mode="fixed", fixed_amount__isnull=False),
                name="rule_has_its_rate",
            ),
        ]

    def __str__(self):
        return f"{self.get_category_display()} ({self.get_origin_display()})"


class RequiredDocument(Translated, models.Model):
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="required_documents"
    )
    title_ru = models.CharField(_("title (Russian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        ordering = ["pk"]

    def __str__(self):
        return self.title_ru


class Criterion(Translated, models.Model):
    """A criterion reviewers score 0–10; the weighted mean is the application's score."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="criteria")
    title_ru = models.CharField(_("title (Russian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")
        ordering = ["pk"]

    def __str__(self):
        return self.title_ru


class CallQuerySet(models.QuerySet):
    def open_on(self, day=None):
        day = day or moscow_date()
        return self.filter(opens_on__lte=day, closes_on__gte=day)


class Call(models.Model):
    """An application window, both days included, Moscow dates (e.g. 4 April – 16 May)."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="calls")
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("call for applications")
        verbose_name_plural = _("calls for applications")
        ordering = ["-opens_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="call_closes_after_it_opens",
            )
        ]

    def __str__(self):
        return f"{self.opens_on:%d.%m.%Y} – {self.closes_on:%d.%m.%Y}"

    def is_open(self, day=None) -> bool:
        return self.opens_on <= (day or moscow_date()) <= self.closes_on


def _upload(instance, filename):
    # Our name, never the uploader's (kept beside it), as the kit stores documents.
    return submission_document_path(instance, filename)


class GrantApplication(Submission):
    """An application for one measure: its review case, contact, purpose and itemized costs.

    `requested_amount` and `computation` are fixed when the case is (re)submitted; the yearly
    cap counts the requested amounts of the company's pending applications and the awards of
    the same measure in `cap_year`.
    """

    KIT_FIELDS = (*Submission.KIT_FIELDS, "measure", "call", "computation")
    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="grant_application")
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="applications")
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications")
    purpose = limited_text_field(_("what the support is for"), max_length=4000, blank=True)
    # The applicant's pilot the application is filled from (the pilots app names it; no foreign
    # key across features): set when the draft opens, never changed.
    pilot_id = models.PositiveIntegerField(_("pilot"), null=True, blank=True, db_index=True)
    requested_amount = models.DecimalField(
        _("requested amount, RUB"), null=True, blank=True, **MONEY
    )
    computation = models.JSONField(default=dict, blank=True, editable=False)  # as submitted
    # The computation the decision fixed, on the reviewer's accepted costs.
    awarded_computation = models.JSONField(default=dict, blank=True, editable=False)
    cap_year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("grant application")
        verbose_name_plural = _("grant applications")
        ordering = ["-case__created_at"]


class CostItem(models.Model):
    """One itemized cost with its supporting document. A reviewer may accept less of it
    (`accepted_amount`, with a reason): the award is computed on what was accepted."""

    upload_folder = "support/costs"
    application = models.ForeignKey(
        GrantApplication, on_delete=models.CASCADE, related_name="items"
    )
    description = models.CharField(_("description"), max_length=300)
    category = models.CharField(_("cost category"), max_length=32, choices=CostCategory.choices)
    origin = models.CharField(_("origin"), max_length=16, choices=Origin.choices)
    amount = models.DecimalField(
        _("amount with VAT, RUB"), validators=[MinValueValidator(Decimal("0.01"))], **MONEY
    )
    document = models.FileField(_("supporting document"), upload_to=_upload, max_length=300)
    document_name = models.CharField(max_length=200)
    document_sha256 = models.CharField(max_length=64)
    accepted_amount = models.DecimalField(
        _("accepted by the reviewer, RUB"), null=True, blank=True, **MONEY
    )
    cut_reason = models.CharField(_("reason for the cut"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("cost item")
        verbose_name_plural = _("cost items")
        ordering = ["pk"]

    def __str__(self):
        return self.description

    @property
    def eligible_amount(self):
        return self.amount if self.accepted_amount is None else self.accepted_amount


class ApplicationDocument(SubmissionDocument):
    """A document the measure requires, attached to the application (PDF)."""

    upload_folder = "support/documents"
    application = models.ForeignKey(
        GrantApplication, on_delete=models.CASCADE, related_name="documents"
    )
    requirement = models.ForeignKey(RequiredDocument, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "requirement"], name="one_document_per_requirement"
            )
        ]


class Score(models.Model):
    application = models.ForeignKey(
        GrantApplication, on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    comment = models.CharField(_("comment"), max_length=1000, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    scored_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion"], name="one_score_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.criterion_id}: {self.score}"


# What follows an award lives in awards/ (a package of its own); its models register here.

from .awards.models import Agreement, Award, Payment, Report, Tranche  # noqa: E402, F401

# Cost documents go to support/costs/ (_upload), agreements to support/agreements/, reports of
# actual costs to support/reports/ (awards.models._upload). The application documents, in
# support/documents/, are the review kit's to sweep (reviews.tasks).
ORPHAN_FILES = declare(
    "support",
    folders=("support/costs", "support/agreements", "support/reports"),
    fields=("support.CostItem.document", "support.Agreement.file", "support.Report.file"),
)
