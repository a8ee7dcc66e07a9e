"""Pilot testing: the register of pilot sites where companies test their products.

A site belongs to an organization of the city, a technology park or a large corporation (its
operator, the catalogue kit's `Operated`), and names the people who answer for it: members of
that organization."""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from innocluster.core.limits import limited_text_field
from innocluster.core.maps import coordinate_field, on_earth
from innocluster.core.models import TimeStampedModel
from innocluster.core.names import validate_name
from innocluster.core.regions import MOSCOW, region_choices, region_name
from innocluster.platform.reviews.models import Case, Submission, SubmissionDocument
from innocluster.platform.search.catalogue import Catalogued, operator_field, published_field
from innocluster.platform.search.fields import search_text_field

from .choices import (
    ConsentStatus,
    KpiUnit,
    PilotStatus,
    ProposalDocumentType,
    SiteCategory,
)

MAX_CAPACITY = 50


class PilotSite(TimeStampedModel, Catalogued):
    """A place where products are tested: a clinic, a library, a school, a depot…"""

    organization = operator_field(related_name="pilot_sites", verbose_name=_("operator"))
    category = models.CharField(
        _("category"), max_length=32, choices=SiteCategory.choices, db_index=True
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_name])
    description = limited_text_field(_("description"), blank=True, max_length=10_000)
    region = models.CharField(
        _("region"), max_length=2, choices=region_choices, default=MOSCOW, db_index=True
    )
    address = models.CharField(_("address"), max_length=500)
    latitude = coordinate_field("latitude")
    longitude = coordinate_field("longitude")
    testable = limited_text_field(_("what can be tested here"), max_length=5_000)
    hours = models.CharField(_("hours"), max_length=300, blank=True)
    access = limited_text_field(_("access"), blank=True, max_length=2_000)
    insurance_required = models.BooleanField(_("insurance required"), default=False)
    certificates_required = limited_text_field(
        _("certificates required"), blank=True, max_length=2_000
    )
    capacity = models.PositiveSmallIntegerField(
        _("pilots at once"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)],
    )
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="pilot_sites",
        verbose_name=_("responsible people"),
        blank=True,
    )
    is_published = published_field()
    # What the one search and the site catalogue match words in (platform/search/sources.py).
    search_text = search_text_field("name", "address", "description", "testable")

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("pilot site")
        verbose_name_plural = _("pilot sites")
        constraints = [
            on_earth("pilot_site_coordinates_on_earth"),
            models.CheckConstraint(
                condition=Q(capacity__gte=1, capacity__lte=MAX_CAPACITY),
                name="pilot_site_capacity_range",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def region_name(self) -> str:
        return region_name(self.region)


def _number(value):
    """A stored decimal string as a Decimal, which templates print in the reader's format
    («12,5» on Russian pages); what is not a number stays as it is."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return value
    return number if number.is_finite() else value


def kpi_rows(kpis) -> list[dict]:
    """Stored KPIs with their unit's name and their numbers (target, and the measured value
    where there is one) as Decimals, as pages show them."""
    units = dict(KpiUnit.choices)
    rows = []
    for kpi in kpis:
        row = {**kpi, "unit_label": units.get(kpi.get("unit"), kpi.get("unit"))}
        for name in ("target", "value"):
            if name in kpi:
                row[name] = _number(kpi[name])
        rows.append(row)
    return rows


class PilotProposal(Submission):
    """A company's proposal to test a product at city sites (a review kind): filled from its
    product, checked by the fund on its deadline. `sites` holds the chosen sites' ids (the
    kit changes a draft field by field; the approval turns them into consents), `kpis` the
    proposed KPIs as {name, unit, target} with the unit from KpiUnit and the target a decimal
    string."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="pilot_proposal")
    product = models.ForeignKey(
        "organizations.Product",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pilot_proposals",
    )
    solution = models.CharField(_("solution"), max_length=300, validators=[validate_name])
    description = limited_text_field(_("description"), blank=True, max_length=10_000)
    trl = models.PositiveSmallIntegerField(
        _("technology readiness level"), validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    trl_reason = limited_text_field(_("why test below TRL 5"), blank=True, max_length=2_000)
    what_to_test = limited_text_field(_("what to test"), blank=True, max_length=5_000)
    sites = models.JSONField(_("sites"), default=list, blank=True)
    fund_picks_site = models.BooleanField(_("the fund picks the site"), default=False)
    kpis = models.JSONField(_("proposed KPIs"), default=list, blank=True)
    duration_weeks = models.PositiveSmallIntegerField(
        _("duration, weeks"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )
    site_needs = limited_text_field(_("what is needed from the site"), blank=True, max_length=5_000)

    def kpi_rows(self) -> list[dict]:
        return kpi_rows(self.kpis)

    def clean(self):
        from .proposal import check_proposal  # the kind's rules, beside its services

        check_proposal(self)

    class Meta:
        verbose_name = _("pilot proposal")
        verbose_name_plural = _("pilot proposals")


class PilotProposalDocument(SubmissionDocument):
    upload_folder = "pilot-documents"
    application = models.ForeignKey(
        PilotProposal, on_delete=models.CASCADE, related_name="documents"
    )
    doc_type = models.CharField(
        _("document type"),
        max_length=16,
        choices=ProposalDocumentType.choices,
        default=ProposalDocumentType.OTHER,
    )

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("pilot proposal document")
        verbose_name_plural = _("pilot proposal documents")


class Pilot(TimeStampedModel):
    """A test of a company's product at city sites, from the approved proposal (or a
    challenge's winning entry) to the published result."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="pilots",
    )
    proposal = models.OneToOneField(
        PilotProposal, null=True, blank=True, on_delete=models.PROTECT, related_name="pilot"
    )
    # The challenge entry it was won with (the challenges app names it; no foreign key across
    # features).
    challenge_entry_id = models.PositiveIntegerField(null=True, blank=True, unique=True)
    # Who hosts a challenge's pilot (the challenge's poster) when no site was asked: its owners
    # and editors agree the plan for the site.
    host_organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_pilots",
    )
    title = models.CharField(_("solution"), max_length=300)
    what_to_test = limited_text_field(_("what to test"), blank=True, max_length=5_000)
    kpis = models.JSONField(_("proposed KPIs"), default=list, blank=True)
    duration_weeks = models.PositiveSmallIntegerField(_("duration, weeks"), null=True, blank=True)
    status = models.CharField(
        _("stage"),
        max_length=16,
        choices=PilotStatus.choices,
        default=PilotStatus.CONSENT,
        db_index=True,
    )
    status_changed_at = models.DateTimeField(_("stage since"), auto_now_add=True)
    # Why the test was paused or stopped early (the last such step).
    status_reason = limited_text_field(_("reason"), blank=True, max_length=2_000)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")

    def __str__(self):
        return self.title

    def kpi_rows(self) -> list[dict]:
        return kpi_rows(self.kpis)


class SiteConsent(models.Model):
    """A site's answer to hosting a pilot, due 5 business days after it was asked."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="consents")
    site = models.ForeignKey(
        PilotSite, verbose_name=_("site"), on_delete=models.PROTECT, related_name="consents"
    )
    status = models.CharField(
        _("answer"), max_length=16, choices=ConsentStatus.choices, default=ConsentStatus.PENDING
    )
    due = models.DateField(_("answer due"))
    reason = limited_text_field(_("reason"), blank=True, max_length=2_000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # When the fund was told the answer is overdue (the daily task tells it once).
    overdue_reported_at = models.DateTimeField(null=True, blank=True)
    asked_at = models.DateTimeField(_("asked"), auto_now_add=True)

    class Meta:
        ordering = ["asked_at", "id"]
        verbose_name = _("site consent")
        verbose_name_plural = _("site consents")
        constraints = [
            models.UniqueConstraint(fields=["pilot", "site"], name="pilot_site_consent_once")
        ]

    def __str__(self):
        return f"{self.pilot_id} @ {self.site_id}: {self.status}"


# The standard terms, used where the parties write none (shown in the reader's language; the
# ledger's hash covers the English text).
RESULTS_OWNERSHIP = gettext_noop(
    "The company keeps its intellectual property in the product and in what it develops during "
    "the test; the site and the fund may use the test's results to judge the product and to "
    "publish its outcome, less what is marked confidential."
)


class TestPlan(models.Model):
    """The test plan the company, the site and the fund agree before the start. Any change
    withdraws the agreements given; once all three agree, the plan's SHA-256 goes on the
    ledger and the pilot may start."""

    pilot = models.OneToOneField(Pilot, on_delete=models.CASCADE, related_name="plan")
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    kpis = models.JSONField(_("KPIs with targets"), default=list, blank=True)
    site_provides = limited_text_field(_("what the site provides"), blank=True, max_length=5_000)
    results_ownership = limited_text_field(
        _("who owns the results"),
        blank=True,
        max_length=3_000,
        help_text=_("Left blank: the standard terms, under which the company keeps its IP."),
    )
    confidential = limited_text_field(_("what is confidential"), blank=True, max_length=3_000)
    version = models.PositiveIntegerField(_("version"), default=1)
    company_agreed_at = models.DateTimeField(_("company agreed"), null=True, blank=True)
    site_agreed_at = models.DateTimeField(_("site agreed"), null=True, blank=True)
    fund_agreed_at = models.DateTimeField(_("fund agreed"), null=True, blank=True)
    agreed_at = models.DateTimeField(_("agreed by all"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256 of the agreed plan"), max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("test plan")
        verbose_name_plural = _("test plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="pilot_plan_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.pilot_id} v{self.version}"

    @property
    def ownership_terms(self) -> str:
        return self.results_ownership or gettext(RESULTS_OWNERSHIP)

    def kpi_rows(self) -> list[dict]:
        return kpi_rows(self.kpis)


class PilotNote(models.Model):
    """A dated note of the running test, or an incident, from the company or the site."""

    class Kind(models.TextChoices):
        NOTE = "note", _("note")
        INCIDENT = "incident", _("incident")

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.NOTE)
    side = models.CharField(_("side"), max_length=16)  # "company", "site" or "fund"
    on = models.DateField(_("date"))
    text = limited_text_field(_("text"), max_length=5_000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "at", "id"]
        verbose_name = _("pilot note")
        verbose_name_plural = _("pilot notes")

    def __str__(self):
        return f"{self.pilot_id} {self.on}: {self.kind}"


class PilotReport(TimeStampedModel, Catalogued):
    """The site's report at the end of the test (issue 20, step 5): each agreed KPI's measured
    value in the KPI's unit against its target, the users' opinion, recommendations, whether
    the site would buy; the company may answer it. Published (step 6), it is the pilot's
    public result, less `confidential`, and its SHA-256 goes on the ledger.

    `organization` is the tested company (the catalogue kit's operator: who publishes it);
    `title`, `category`, `region` and `sites_text` are the pilot's, copied when the report is
    filed, so the catalogue of results filters and searches one table."""

    pilot = models.OneToOneField(Pilot, on_delete=models.CASCADE, related_name="report")
    organization = operator_field(related_name="pilot_reports", verbose_name=_("company"))
    title = models.CharField(_("solution"), max_length=300)
    category = models.CharField(
        _("category"), max_length=32, choices=SiteCategory.choices, db_index=True
    )
    region = models.CharField(
        _("region"), max_length=2, choices=region_choices, default=MOSCOW, db_index=True
    )
    sites_text = models.CharField(_("sites"), max_length=2_000, blank=True)
    # [{name, unit, target, value}]: the plan's KPIs, each with the value measured.
    measured = models.JSONField(_("KPIs measured"), default=list)
    users_opinion = limited_text_field(_("users' opinion"), max_length=5_000)
    recommendations = limited_text_field(_("recommendations"), blank=True, max_length=5_000)
    would_buy = models.BooleanField(_("the site would buy the product"))
    confidential = limited_text_field(
        _("confidential remarks"),
        blank=True,
        max_length=5_000,
        help_text=_("Seen by the company, the site and the fund only; never published."),
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    company_answer = limited_text_field(_("the company's answer"), blank=True, max_length=5_000)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=False, db_index=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    sha256 = models.CharField(_("SHA-256 of the published report"), max_length=64, blank=True)
    search_text = search_text_field(
        "title", "sites_text", "users_opinion", "recommendations", "company_answer"
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("pilot report")
        verbose_name_plural = _("pilot reports")
        indexes = [models.Index(fields=["is_published", "-published_at", "-id"])]

    def __str__(self):
        return self.title

    @property
    def region_name(self) -> str:
        return region_name(self.region)

    def kpi_rows(self) -> list[dict]:
        return kpi_rows(self.measured)
