from django.conf import settings


def client_ip(request) -> str | None:
    """The client's address, for throttling and the audit trail.

    Behind N trusted reverse proxies (TRUSTED_PROXY_COUNT) it is the Nth address from the
    right of X-Forwarded-For, the one our own outermost proxy saw; any address further left
    was written by the client and cannot be trusted. With no proxy, REMOTE_ADDR. DRF's
    throttles use the same rule through NUM_PROXIES, and django-axes through this function.
    """
    if request is None:
        return None
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count and forwarded:
        addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
        if addresses:
            return addresses[-min(count, len(addresses))]
    return request.META.get("REMOTE_ADDR")
