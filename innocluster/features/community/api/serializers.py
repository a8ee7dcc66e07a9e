from django.urls import reverse
from rest_framework import serializers

from ..models import REASON_MAX_LENGTH, TEXT_MAX_LENGTH, TITLE_MAX_LENGTH, Post, Thread


class ThreadSerializer(serializers.ModelSerializer):
    author_name = serializers.SerializerMethodField()

    class Meta:
        model = Thread
        fields = [
            "id",
            "cluster",
            "title",
            "author_name",
            "is_public",
            "is_announcement",
            "is_pinned",
            "is_closed",
            "created_at",
            "last_activity_at",
            "post_count",
        ]
        read_only_fields = fields

    def get_author_name(self, thread) -> str:
        return thread.author.full_name if thread.author else ""


class PostWriteSerializer(serializers.Serializer):
    # Blank passes here so the service refuses it with its own code (`text_empty`).
    text = serializers.CharField(max_length=TEXT_MAX_LENGTH, allow_blank=True)
    mentioned_organization = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="A member organization of the cluster; its people are notified.",
    )
    attachment = serializers.FileField(
        required=False,
        help_text="A PDF or a picture (PNG, JPEG, WebP, GIF), checked by its content; "
        "multipart/form-data only.",
    )


class ThreadCreateSerializer(PostWriteSerializer):
    title = serializers.CharField(max_length=TITLE_MAX_LENGTH, allow_blank=True)


class ThreadUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(
        max_length=TITLE_MAX_LENGTH,
        allow_blank=True,
        required=False,
        help_text="The author or an administrator.",
    )
    is_pinned = serializers.BooleanField(required=False, help_text="Administrators only.")
    is_closed = serializers.BooleanField(required=False, help_text="Administrators only.")
    is_public = serializers.BooleanField(required=False, help_text="Administrators only.")
    is_announcement = serializers.BooleanField(required=False, help_text="Administrators only.")


class PostSerializer(serializers.ModelSerializer):
    author_name = serializers.SerializerMethodField()
    text = serializers.SerializerMethodField(help_text="Empty once the post is removed.")
    is_removed = serializers.BooleanField(read_only=True)
    attachment_url = serializers.SerializerMethodField()

    class Meta:
        model = Post
        fields = [
            "id",
            "thread",
            "author_name",
            "text",
            "mentioned_organization",
            "attachment_name",
            "attachment_url",
            "created_at",
            "is_removed",
            "removed_at",
            "removal_reason",
        ]
        read_only_fields = fields

    def get_author_name(self, post) -> str:
        return post.author.full_name if post.author else ""

    def get_text(self, post) -> str:
        return "" if post.is_removed else post.text

    def get_attachment_url(self, post) -> str | None:
        if post.is_removed or not post.attachment:
            return None
        thread = post.thread
        return reverse(
            "community_api:community-post-attachment",
            kwargs={"cluster_pk": thread.cluster_id, "thread_pk": thread.pk, "pk": post.pk},
        )

    def to_representation(self, post):
        data = super().to_representation(post)
        if post.is_removed:
            data["attachment_name"] = ""
        return data


class RemoveSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=REASON_MAX_LENGTH, allow_blank=True, help_text="Required; shown in its place."
    )
