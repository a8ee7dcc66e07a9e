"""A cluster's discussion threads, their posts and who follows them.

Paging a thread of thousands of posts is keyset paging on the post's id (an index on
(thread, id)); the thread keeps its own count of posts and the time of its last post, written
with each post, so neither the thread list nor a page of posts counts anything."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innocluster.core.limits import limited_text_field
from innocluster.core.orphans import declare

TITLE_MAX_LENGTH = 200
TEXT_MAX_LENGTH = 10_000
REASON_MAX_LENGTH = 1_000


def attachment_path(instance, filename):
    # Our own name, never the uploader's; the uploader's is kept for the download.
    return f"community/{uuid.uuid4().hex}{Path(filename).suffix.lower()[:8]}"


class ThreadQuerySet(models.QuerySet):
    def open_to_all(self):
        """What anybody who sees the cluster may read: public threads and announcements."""
        return self.filter(models.Q(is_public=True) | models.Q(is_announcement=True))

    def in_list_order(self):
        return self.order_by("-is_pinned", "-last_activity_at", "-id")


class Thread(models.Model):
    cluster = models.ForeignKey(
        "clusters.Cluster", on_delete=models.CASCADE, related_name="community_threads"
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Members-only unless an administrator opens it.
    is_public = models.BooleanField(_("shown to everyone"), default=False)
    is_announcement = models.BooleanField(_("announcement"), default=False)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_closed = models.BooleanField(_("closed"), default=False)
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("last post"), default=timezone.now)
    post_count = models.PositiveIntegerField(_("posts"), default=0)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        ordering = ["-is_pinned", "-last_activity_at", "-id"]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        indexes = [
            models.Index(
                fields=["cluster", "-is_pinned", "-last_activity_at", "-id"],
                name="community_thread_list",
            ),
            models.Index(
                fields=["cluster", "is_announcement", "-created_at"],
                name="community_announcements",
            ),
        ]

    def __str__(self):
        return self.title


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = limited_text_field(_("text"), max_length=TEXT_MAX_LENGTH)
    # A member organization named in the post; its people are told.
    mentioned_organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("mentioned organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    attachment = models.FileField(_("attachment"), upload_to=attachment_path, blank=True)
    attachment_name = models.CharField(_("attachment name"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    removal_reason = limited_text_field(
        _("reason for removal"), blank=True, max_length=REASON_MAX_LENGTH
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        # Keyset paging: the posts of a thread by id, either way.
        indexes = [models.Index(fields=["thread", "id"], name="community_post_page")]

    def __str__(self):
        return f"{self.thread_id}#{self.pk}"

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


class Follow(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_follows"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("following a thread")
        verbose_name_plural = _("following threads")
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="community_follow_once")
        ]

    def __str__(self):
        return f"{self.user_id} → {self.thread_id}"


# Attachments of posts go to community/ (attachment_path), which holds nothing else.
ORPHAN_FILES = declare("community", folders=("community",), fields=("community.Post.attachment",))
