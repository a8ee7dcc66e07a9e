"""Joint projects of a cluster: at least two member organizations working towards one result,
with a budget, dates, a target TRL, milestones and what the project needs (product categories
the supply chains compare with what members supply)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from innocluster.core.limits import limited_text_field
from innocluster.platform.organizations.choices import ProductCategory
from innocluster.platform.search.fields import search_text_field

from .clusters import Cluster

TEXT_MAX_LENGTH = 4_000
ROLE_MAX_LENGTH = 200
NEED_MAX_LENGTH = 300
MAX_BUDGET = Decimal("999999999999.99")


class MilestoneState(models.TextChoices):
    PLANNED = "planned", _("planned")
    DONE = "done", _("reached")
    MISSED = "missed", _("missed")


class Project(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="projects")
    name = models.CharField(_("name"), max_length=200)
    goal = limited_text_field(_("goal"), max_length=TEXT_MAX_LENGTH)
    expected_result = limited_text_field(_("expected result"), max_length=TEXT_MAX_LENGTH)
    budget = models.DecimalField(
        _("budget, roubles"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_BUDGET)],
    )
    budget_sources = limited_text_field(
        _("sources of the budget"), blank=True, max_length=TEXT_MAX_LENGTH
    )
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    target_trl = models.PositiveSmallIntegerField(
        _("target technology readiness level"),
        validators=[MinValueValidator(1), MaxValueValidator(9)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The directory search's column (search_projects.py): name, goal and result folded.
    search_text = search_text_field("name", "goal", "expected_result")

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("joint project")
        verbose_name_plural = _("joint projects")
        indexes = [models.Index(fields=["cluster", "starts_on"], name="project_by_cluster")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="project_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(target_trl__gte=1, target_trl__lte=9), name="project_trl_1_9"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def ledger_subject(self) -> str:
        return f"cluster_project:{self.pk}"


class ProjectParticipant(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participants")
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="cluster_projects",
    )
    role = models.CharField(_("role in the project"), max_length=ROLE_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("project participant")
        verbose_name_plural = _("project participants")
        constraints = [
            models.UniqueConstraint(fields=["project", "organization"], name="project_member_once")
        ]

    def __str__(self):
        return f"{self.organization_id} @ {self.project_id}"


class Milestone(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due"))
    state = models.CharField(
        _("state"), max_length=16, choices=MilestoneState.choices, default=MilestoneState.PLANNED
    )
    result = limited_text_field(_("result"), blank=True, max_length=TEXT_MAX_LENGTH)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.title


class ProjectNeed(models.Model):
    """A product the project needs: the supply chains show it as a gap when no member of the
    cluster supplies its category."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="needs")
    category = models.CharField(_("category"), max_length=32, choices=ProductCategory.choices)
    description = models.CharField(_("what is needed"), max_length=NEED_MAX_LENGTH)

    class Meta:
        ordering = ["category", "id"]
        verbose_name = _("project need")
        verbose_name_plural = _("project needs")
        indexes = [models.Index(fields=["category", "project"], name="project_need_by_category")]

    def __str__(self):
        return self.description
