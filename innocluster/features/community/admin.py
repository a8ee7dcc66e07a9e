"""Read-only: moderation (pin, close, open to everyone, remove a post with its reason) goes
through the services (the audit trail, the notifications), so the admin shows threads, posts
and who follows what but neither changes nor deletes them."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from innocluster.core.admin import ReadOnlyAdminMixin

from .models import Follow, Post, Thread


@admin.register(Thread)
class ThreadAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "cluster_name",
        "post_count",
        "last_activity_at",
        "is_public",
        "is_announcement",
        "is_pinned",
        "is_closed",
    ]
    list_filter = ["is_public", "is_announcement", "is_pinned", "is_closed"]
    search_fields = ["title", "cluster__name"]
    list_select_related = ["cluster"]
    readonly_fields = [
        "cluster_name",
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
    show_full_result_count = False

    @admin.display(description=_("cluster"), ordering="cluster__name")
    def cluster_name(self, thread):
        return thread.cluster.name


@admin.register(Post)
class PostAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "thread_title", "author", "created_at", "removed_at"]
    list_filter = [("removed_at", admin.EmptyFieldListFilter)]
    list_select_related = ["thread", "author"]
    search_fields = ["=id", "thread__title"]
    readonly_fields = [
        "thread_title",
        "author",
        "text",
        "mentioned_organization",
        "attachment_name",
        "created_at",
        "removed_at",
        "removed_by_name",
        "removal_reason",
    ]
    fields = readonly_fields
    show_full_result_count = False

    @admin.display(description=_("thread"), ordering="thread__title")
    def thread_title(self, post):
        return post.thread.title

    @admin.display(description=_("removed by"))
    def removed_by_name(self, post):
        return post.removed_by or "—"


@admin.register(Follow)
class FollowAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["follower", "thread_title", "since"]
    list_select_related = ["user", "thread"]
    search_fields = ["thread__title", "user__email"]
    readonly_fields = ["follower", "thread_title", "since"]
    fields = readonly_fields
    show_full_result_count = False

    @admin.display(description=_("person"))
    def follower(self, follow):
        return follow.user

    @admin.display(description=_("thread"), ordering="thread__title")
    def thread_title(self, follow):
        return follow.thread.title

    # Follow.created_at has no label of its own in the model.
    @admin.display(description=_("following since"), ordering="created_at")
    def since(self, follow):
        return follow.created_at
