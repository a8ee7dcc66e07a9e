"""Read-only: moderation goes through the services (the audit trail, the notifications), so
the admin shows threads and posts but neither changes nor deletes them."""

from django.contrib import admin

from innocluster.core.admin import ReadOnlyAdminMixin

from .models import Post, Thread


@admin.register(Thread)
class ThreadAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "cluster", "is_public", "is_announcement", "is_pinned", "is_closed"]
    list_filter = ["is_public", "is_announcement", "is_pinned", "is_closed"]
    search_fields = ["title", "cluster__name"]
    list_select_related = ["cluster"]
    readonly_fields = [
        "cluster",
        "title",
        "author",
        "is_public",
        "is_announcement",
        "is_pinned",
        "is_closed",
        "created_at",
        "last_activity_at",
        "post_count",
    ]
    fields = readonly_fields


@admin.register(Post)
class PostAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["id", "thread", "author", "created_at", "removed_at"]
    list_select_related = ["thread", "author"]
    search_fields = ["=id", "thread__title"]
    readonly_fields = [
        "thread",
        "author",
        "text",
        "mentioned_organization",
        "attachment_name",
        "created_at",
        "removed_at",
        "removed_by",
        "removal_reason",
    ]
    fields = readonly_fields
