from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .rendering import localized_url, render


class Notification(models.Model):
    """One thing one person is told about, in the app and (once) by e-mail.

    It keeps the kind's code and the facts (`context`), not the rendered words: the title and
    body are rendered when read, in the reader's language (see kinds.render).
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=64)
    context = models.JSONField(_("context"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # Set when the letter is handed to the mailer, so a retried task never sends it twice.
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The list, newest first, for one person.
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_inbox_idx"),
            # The header's unread count on every page: only the unread rows are indexed.
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return f"{self.kind} → {self.recipient_id}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def title(self) -> str:
        """The title in the active language."""
        return render(self.kind, self.context)[0]

    @property
    def body(self) -> str:
        return render(self.kind, self.context)[1]

    @property
    def link(self) -> str:
        """The stored path, in the active language ("" when there is none)."""
        return localized_url(self.url, get_language() or settings.LANGUAGE_CODE)
