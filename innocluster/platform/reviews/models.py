import uuid

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

from innocluster.core.calendar import moscow_date
from innocluster.core.limits import limited_text_field
from innocluster.core.phones import validate_phone
from innocluster.platform.organizations.models import Organization

from .choices import AWAITING_FUND, OPEN_STATUSES, CaseAction, CaseStatus

# A reviewer's reason or an applicant's message: what the forms, the API and the services take.
REASON_MAX_LENGTH = 4_000


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today=None):
        """Awaiting the fund past the end of their due day (Moscow)."""
        return self.filter(status__in=AWAITING_FUND, decision_due__lt=today or moscow_date())


class Case(models.Model):
    """One submission of some kind by an applicant, on its way to a decision.

    The applicant is an organization or, for kinds that people apply to for themselves, a
    person: exactly one of the two is set. The kind (see kinds.py) owns the content: its own
    model points here one-to-one. This row holds what every kind shares: where the case
    stands, its clock and who decided it.
    """

    kind = models.CharField(_("kind"), max_length=40)
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review_cases",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review_cases",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.DRAFT
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decision_due = models.DateField(_("decision due"), null=True, blank=True)
    # While information is requested the clock stops: the business days that were left.
    paused_days_left = models.PositiveSmallIntegerField(null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_reason = limited_text_field(
        _("reason for the decision"), blank=True, max_length=REASON_MAX_LENGTH
    )
    # The due date that reviewers were last reminded of, or flagged overdue for, so the daily
    # task warns once per deadline (a new deadline after a pause warns again).
    reminded_for = models.DateField(null=True, blank=True)
    flagged_overdue_for = models.DateField(null=True, blank=True)
    # Copied from the kind at creation: the unique constraint below needs it in the row.
    exclusive = models.BooleanField(default=True, editable=False)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("review case")
        verbose_name_plural = _("review cases")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind"],
                condition=models.Q(status__in=OPEN_STATUSES, exclusive=True),
                name="one_open_case_per_kind",
            ),
            models.UniqueConstraint(
                fields=["person", "kind"],
                condition=models.Q(status__in=OPEN_STATUSES, exclusive=True),
                name="one_open_case_per_kind_and_person",
            ),
            models.CheckConstraint(
                condition=models.Q(organization__isnull=False, person__isnull=True)
                | models.Q(organization__isnull=True, person__isnull=False),
                name="case_has_one_applicant",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "decision_due"], name="case_queue"),
            models.Index(fields=["organization", "status"], name="case_by_organization"),
        ]

    def __str__(self):
        return self.number

    @property
    def number(self) -> str:
        """The reference people quote: the kind's prefix and the case id."""
        from .kinds import kind_get

        return f"{kind_get(self.kind).prefix}-{self.pk:06d}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return (
            self.status in AWAITING_FUND
            and self.decision_due is not None
            and self.decision_due < moscow_date()
        )

    @property
    def ledger_subject(self) -> str:
        return f"review_case:{self.pk}"

    @property
    def applicant_name(self) -> str:
        """Who applies, as people read it: the organization's short name or the person."""
        if self.organization_id:
            return self.organization.short_name
        return self.person.full_name or self.person.email


class CaseEvent(models.Model):
    """One step of a case's history. Written by the service that took the step, never changed."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("what"), max_length=16, choices=CaseAction.choices)
    status = models.CharField(_("status after"), max_length=16, choices=CaseStatus.choices)
    message = limited_text_field(_("message"), blank=True, max_length=REASON_MAX_LENGTH)
    decision_due = models.DateField(_("decision due"), null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")

    def __str__(self):
        return f"{self.case_id}: {self.action}"


class Submission(models.Model):
    """The submission kit's base: what an applicant fills in for a case of some kind.

    A subclass declares its case, one-to-one, with a related name of its own
    (`case = models.OneToOneField(Case, on_delete=…, related_name="status_application")`),
    its own fields, and is named as `model` by its ReviewKind. The contact fields come from
    the person who opens the draft; `profile` is the organization's profile as it stood at
    (re)submission: what the reviewer decided on.
    """

    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_position = models.CharField(_("position"), max_length=200, blank=True)
    contact_phone = models.CharField(
        _("contact phone"), max_length=32, blank=True, validators=[validate_phone]
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    profile = models.JSONField(default=dict, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    # Never set by the applicant's forms: the kit's full_clean leaves them out.
    KIT_FIELDS = ("case", "profile")

    class Meta:
        abstract = True

    def __str__(self):
        return self.case.number

    def profile_rows(self) -> list[tuple[str, str]]:
        """The kept profile as (label, text) pairs, labelled as the profile form labels them
        and read as the profile page shows them: a choice by its label (the region's name,
        the type of organization), terms by their names, never the stored code."""
        rows = []
        for name, value in self.profile.items():
            try:
                field = Organization._meta.get_field(name)
            except FieldDoesNotExist:
                field = None
            label = getattr(field, "verbose_name", None) or name
            rows.append((label, _profile_text(field, value) or "—"))
        return rows


def _profile_text(field, value) -> str:
    if value in (None, "", []):
        return ""
    if field is not None and field.many_to_many:
        terms = field.related_model.objects.filter(slug__in=value)
        return ", ".join(sorted(str(term.name) for term in terms)) or ", ".join(value)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


class Confirmations(models.Model):
    """What an applicant confirms before the fund reviews: the kit checks each one named in
    CONFIRMATIONS (reviews.kinds.missing_confirmations)."""

    CONFIRMATIONS = {
        "confirm_data_true": _("The data in this application are true and complete."),
        "confirm_rules": _("The organization accepts the rules of the innovation cluster."),
        "confirm_personal_data": _(
            "The people named in the application consent to the processing of their personal data."
        ),
    }
    confirm_data_true = models.BooleanField(default=False)
    confirm_rules = models.BooleanField(default=False)
    confirm_personal_data = models.BooleanField(default=False)

    class Meta:
        abstract = True


def submission_document_path(instance, filename):
    # Our name, never the uploader's (kept in `file_name`), in a folder no URL serves.
    return f"{instance.upload_folder}/{uuid.uuid4().hex}.pdf"


class SubmissionDocument(models.Model):
    """The submission kit's base for a submission's documents: PDFs checked by their content
    (reviews.services.submissions), stored under random names, served only through a
    permission check. A subclass adds `application = ForeignKey(its Submission,
    related_name="documents")`, what the document is (a type, a requirement) and
    `upload_folder`."""

    upload_folder = "documents"
    file = models.FileField(_("file"), upload_to=submission_document_path, max_length=300)
    file_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.file_name
