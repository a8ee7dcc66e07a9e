from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """One entry of the audit trail: who did what to which object, and what changed.

    Written explicitly by services (never by signals) in the same transaction as the change,
    so a change and its record commit or roll back together. Append-only by convention: no
    service updates or deletes an event, and the admin shows them read-only.
    """

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=64)
    # The organization the event belongs to, so its owners can read their trail.
    # A plain id, not a foreign key: the kernel knows nothing of the organizations app.
    organization_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    target_type = models.CharField(max_length=64)
    target_id = models.CharField(max_length=64)
    changes = models.JSONField(_("what changed"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_type}#{self.target_id}"


class ScheduledRun(models.Model):
    """A daily job's run on one day (Moscow): the row is the claim that it has been enqueued.

    The unique constraint, not a check-then-insert, decides: two scheduler processes racing for
    the same job and day insert the same row, one wins, the other gets an IntegrityError and
    enqueues nothing (core.schedule.run_due).
    """

    name = models.CharField(_("job"), max_length=100)
    run_on = models.DateField(_("day"))
    enqueued_at = models.DateTimeField(_("enqueued"), auto_now_add=True)

    class Meta:
        ordering = ["-run_on", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "run_on"], name="scheduled_run_once_a_day")
        ]
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")

    def __str__(self):
        return f"{self.name} {self.run_on:%Y-%m-%d}"
