import functools

from .selectors import unread_count


def unread_notifications(request):
    """`unread_notifications` for the header: a callable the template engine calls, so the one
    indexed COUNT runs only when a template reads it (the header does, for signed-in people),
    at most once per response, and never for an anonymous visitor."""
    user = getattr(request, "user", None)
    return {"unread_notifications": functools.cache(lambda: unread_count(user=user))}
