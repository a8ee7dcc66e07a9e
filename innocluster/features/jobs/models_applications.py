"""Applications: a person applies to a vacancy with a CV (a PDF checked as every upload, or
the one kept in their job profile), a letter and their consent to the processing of personal
data (152-FZ); the employer moves it through its stages; a hire counts toward the company's
jobs figure.

CVs are personal data: each file is stored under a random name, served only through a
permission check, deleted with a withdrawn application, with the applicant's profile CV when
they delete it, and with every application of a vacancy archived long enough (services:
applications_purge)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from innocluster.core.limits import limited_text_field
from innocluster.core.orphans import declare

from .choices import Stage
from .models import Vacancy

CONSENT_VERSION = "2026-12"  # the text the person agreed to (templates: jobs/consent.html)


def cv_path(instance, filename):
    return f"jobs/cv/{uuid.uuid4().hex}.pdf"


def letter_path(instance, filename):
    return f"jobs/letters/{uuid.uuid4().hex}.pdf"


class ProfileCv(models.Model):
    """The CV a person keeps in their job profile, to apply with it again and again."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_cv"
    )
    file = models.FileField(_("CV"), upload_to=cv_path)
    name = models.CharField(_("file name"), max_length=200)
    uploaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profile CV")
        verbose_name_plural = _("profile CVs")

    def __str__(self):
        return self.name


class Application(models.Model):
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="job_applications",
        verbose_name=pgettext_lazy("job application", "applicant"),
    )
    letter = limited_text_field(_("cover letter"), blank=True, max_length=5_000)
    cv = models.FileField(_("CV"), upload_to=cv_path, blank=True)
    cv_name = models.CharField(_("CV file name"), max_length=200, blank=True)
    university_letter = models.FileField(
        _("letter from the university"), upload_to=letter_path, blank=True
    )
    consent_at = models.DateTimeField(_("consent to personal data processing given"))
    consent_version = models.CharField(_("consent text"), max_length=16)
    stage = models.CharField(
        _("stage"), max_length=16, choices=Stage.choices, default=Stage.NEW, db_index=True
    )
    created_at = models.DateTimeField(_("applied"), auto_now_add=True)
    stage_changed_at = models.DateTimeField(_("stage changed"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = pgettext_lazy("job application", "application")
        verbose_name_plural = pgettext_lazy("job application", "applications")
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy", "applicant"], name="one_application_per_person_and_vacancy"
            )
        ]
        indexes = [
            models.Index(fields=["vacancy", "-created_at", "-id"], name="application_by_vacancy"),
        ]

    def __str__(self):
        return f"{self.applicant} → {self.vacancy}"


class StageChange(models.Model):
    """One move of an application, with the employer's optional message: what the applicant
    sees of its history."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="changes")
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    message = limited_text_field(_("message"), blank=True, max_length=2_000)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")

    def __str__(self):
        return self.stage


class HireCount(models.Model):
    """How many people an organization hired through the job board: the fund's «new jobs»
    figure reads it (selectors.hires_of). Moved by the hire service in its transaction."""

    organization = models.OneToOneField(
        "organizations.Organization", on_delete=models.CASCADE, related_name="job_hires"
    )
    hires = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("hires through the job board")
        verbose_name_plural = _("hires through the job board")

    def __str__(self):
        return str(self.hires)


# CVs go to jobs/cv/ (cv_path: a profile's and an application's alike), letters to
# jobs/letters/ (letter_path).
ORPHAN_FILES = declare(
    "jobs",
    folders=("jobs/cv", "jobs/letters"),
    fields=("jobs.ProfileCv.file", "jobs.Application.cv", "jobs.Application.university_letter"),
)
