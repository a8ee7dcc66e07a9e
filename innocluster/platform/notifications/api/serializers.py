from rest_framework import serializers


class NotificationSerializer(serializers.Serializer):
    """A notification in the language of the request (Accept-Language)."""

    id = serializers.IntegerField(read_only=True)
    kind = serializers.CharField(read_only=True, help_text="The kind's stable code.")
    title = serializers.CharField(read_only=True)
    body = serializers.CharField(read_only=True)
    url = serializers.CharField(
        source="link", read_only=True, help_text="A path on this site; empty when none."
    )
    created_at = serializers.DateTimeField(read_only=True)
    read_at = serializers.DateTimeField(read_only=True, allow_null=True)


class ReadAllSerializer(serializers.Serializer):
    marked = serializers.IntegerField(read_only=True, help_text="How many were unread.")
