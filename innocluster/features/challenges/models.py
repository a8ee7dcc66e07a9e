"""City challenges: a challenge with its weighted criteria and evaluators, the entries (a
leading organization and co-applicants, documents), the evaluators' assignments and scores,
and the poster's decision on each entry.

Why not the submission kit (platform/reviews): an entry is not a fund case. It is judged
against the other entries of the same challenge by several evaluators (the poster's people and
fund experts) with weighted scores, decided by the poster rather than the fund, and nobody
(fund reviewers included) may see it before the submissions deadline, whereas a kit case is
one applicant's file the fund opens on submission and decides on a business-day deadline.
What fits is reused: core/uploads and core/files for documents, core/calendar for dates,
platform/notifications, core/audit."""

from django.conf import settings
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innocluster.core.limits import limited_text_field
from innocluster.core.orphans import declare
from innocluster.platform.search.fields import search_text_field

from .choices import MAX_SCORE, Decision, PrizeKind, Stage


class Challenge(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="challenges",
        verbose_name=_("posted by"),
    )
    title = models.CharField(_("title"), max_length=200)
    problem = limited_text_field(_("the problem"), max_length=5000)
    expected_result = limited_text_field(_("expected result"), max_length=3000)
    constraints = limited_text_field(_("constraints"), max_length=3000, blank=True)
    prize_kind = models.CharField(_("prize"), max_length=8, choices=PrizeKind.choices)
    prize_amount = models.DecimalField(
        _("prize amount, RUB"),
        max_digits=14,
        decimal_places=2,
        help_text=_("the pilot's budget or the money prize"),
    )
    submissions_until = models.DateTimeField(_("entries accepted until"))
    evaluation_until = models.DateField(_("evaluation until"))
    results_by = models.DateField(_("results by"))
    entries_public = models.BooleanField(_("entries public after the results"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set once each, under the challenge's row lock: the notification goes out once.
    deadline_notified_at = models.DateTimeField(null=True, blank=True)
    scores_complete_at = models.DateTimeField(null=True, blank=True)
    results_published_at = models.DateTimeField(null=True, blank=True)
    search_text = search_text_field("title", "problem", "expected_result")

    class Meta:
        ordering = ["-submissions_until", "-pk"]
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        indexes = [models.Index(fields=["results_published_at", "submissions_until"])]

    def __str__(self):
        return self.title

    def stage(self, now=None) -> str:
        if self.results_published_at:
            return Stage.DECIDED
        return Stage.OPEN if (now or timezone.now()) < self.submissions_until else Stage.EVALUATING

    def get_stage_display(self):
        return Stage(self.stage()).label

    def is_open(self, now=None) -> bool:
        return self.stage(now) == Stage.OPEN


class Criterion(models.Model):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("weight, %"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gte=1, weight__lte=100), name="challenge_criterion_weight"
            )
        ]

    def __str__(self):
        return self.name


class Evaluator(models.Model):
    """A person who scores entries: of the poster's organization, or a fund expert (fund
    staff, `organization` empty)."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="evaluators")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    is_fund_expert = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["challenge", "user"], name="challenge_evaluator_once")
        ]

    def __str__(self):
        return str(self.user)


class Entry(models.Model):
    challenge = models.ForeignKey(Challenge, on_delete=models.PROTECT, related_name="entries")
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="challenge_entries",
        verbose_name=_("leading organization"),
    )
    title = models.CharField(_("title"), max_length=200)
    solution = limited_text_field(_("the solution"), max_length=5000)
    pilot_plan = limited_text_field(_("proposed pilot plan"), max_length=5000)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    decision = models.CharField(
        _("decision"), max_length=12, choices=Decision.choices, blank=True, default=""
    )
    reason = limited_text_field(_("reason"), max_length=2000, blank=True)
    # The hand-over of a winner to the pilots app (hooks.py): when, and what it answered.
    pilot_started_at = models.DateTimeField(null=True, blank=True)
    pilot_reference = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "organization"], name="challenge_entry_once_per_lead"
            )
        ]

    def __str__(self):
        return self.title

    def organization_ids(self) -> set[int]:
        """The leading organization and every co-applicant named (confirmed or not)."""
        return {self.organization_id, *(p.organization_id for p in self.partners.all())}


class EntryPartner(models.Model):
    """A co-applicant organization; it confirms its part through an owner or editor."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="partners")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "organization"], name="challenge_partner_once")
        ]

    def __str__(self):
        return str(self.organization_id)


def document_path(instance, filename):
    return f"challenges/{instance.entry.challenge_id}/{instance.entry_id}/{filename}"


class EntryDocument(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to=document_path)
    name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name


class AssignmentQuerySet(models.QuerySet):
    def refresh_totals(self) -> int:
        """Each assignment's `weighted_sum` and `scores_given` worked out again from its scores,
        in one statement: after any write of scores (services.score_set; a bulk load)."""
        scores = Score.objects.filter(assignment=OuterRef("pk")).order_by().values("assignment")
        weighted = scores.annotate(total=Sum(F("score") * F("criterion__weight"))).values("total")
        given = scores.annotate(count=Count("pk")).values("count")
        return self.update(
            weighted_sum=Coalesce(Subquery(weighted), 0), scores_given=Coalesce(Subquery(given), 0)
        )


class Assignment(models.Model):
    """One evaluator's assignment to one entry, with the totals of its scores kept beside it
    (issue 20): the evaluation board ranks 500 entries × 10 evaluators from these 5,000 rows
    instead of summing their 25,000 scores on each view. A criterion's weight never changes
    once the challenge exists (services.challenge_create), so a total stays right until the
    assignment's own scores change, and whatever writes scores refreshes it
    (`AssignmentQuerySet.refresh_totals`)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="assignments")
    evaluator = models.ForeignKey(Evaluator, on_delete=models.CASCADE, related_name="assignments")
    assigned_at = models.DateTimeField(auto_now_add=True)
    # Σ score × weight over the scores given: weights are percents, so 100 × the weighted
    # score out of 10 once every criterion is scored.
    weighted_sum = models.PositiveIntegerField(default=0, editable=False)
    scores_given = models.PositiveSmallIntegerField(default=0, editable=False)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "evaluator"], name="challenge_assign_once")
        ]

    def __str__(self):
        return f"{self.entry_id}/{self.evaluator_id}"


class Score(models.Model):
    """One evaluator's score of one criterion of one entry: a row each, so two evaluators
    scoring at once write different rows and neither overwrites the other."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"))
    comment = limited_text_field(_("comment"), max_length=2000, blank=True)
    scored_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "criterion"], name="challenge_score_once"
            ),
            models.CheckConstraint(condition=Q(score__lte=MAX_SCORE), name="challenge_score_max"),
        ]

    def __str__(self):
        return str(self.score)


# Entry documents go to challenges/<challenge>/<entry>/ (document_path).
ORPHAN_FILES = declare(
    "challenges", folders=("challenges",), fields=("challenges.EntryDocument.file",)
)
