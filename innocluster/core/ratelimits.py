"""Named limits for views that send letters or notify people (see settings.RATE_LIMITS)."""

from django.conf import settings
from django_ratelimit.decorators import ratelimit


def limited(name: str, *, key: str = "ip"):
    """Limit POSTs to a view by client address (`ip`) or by signed-in person (`user`)."""

    def rate(group, request):
        return settings.RATE_LIMITS[name]

    return ratelimit(group=f"innocluster.{name}", key=key, rate=rate, method="POST", block=True)
