"""Reads of notifications. A person sees only their own; anyone else's is a 404."""

from django.db.models import QuerySet
from django.http import Http404

from .models import Notification


def notification_list_for(*, user) -> QuerySet:
    """The user's notifications, newest first (none for an anonymous visitor)."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def notification_get_for(*, user, pk) -> Notification:
    try:
        return notification_list_for(user=user).get(pk=int(pk))
    except (Notification.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def unread_count(*, user) -> int:
    """How many of the user's notifications are unread: one indexed COUNT (0, and no query,
    for an anonymous visitor)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
