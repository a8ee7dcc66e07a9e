"""Signing out a session left idle (OWASP ASVS 7.3.1).

A session that has seen no request for SESSION_IDLE_TIMEOUT seconds (fund staff:
SESSION_IDLE_TIMEOUT_STAFF, shorter, for they decide on other people's money) is ended: the
person is signed out, told why, and asked to sign in again. The session's absolute lifetime
stays SESSION_COOKIE_AGE.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _

LAST_SEEN = "last_seen"
# The time of the last request is written at most once a minute: not a session write per request.
RESOLUTION = 60


def idle_timeout_for(user) -> int:
    """Seconds of inactivity after which this person's session ends."""
    if getattr(user, "is_fund_staff", False) or user.is_staff:
        return settings.SESSION_IDLE_TIMEOUT_STAFF
    return settings.SESSION_IDLE_TIMEOUT


class IdleSessionTimeoutMiddleware:
    """After the authentication and messages middleware: ends a session idle too long."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self._check(request, user)
        return self.get_response(request)

    @staticmethod
    def _check(request, user) -> None:
        now = int(time.time())
        last_seen = request.session.get(LAST_SEEN)
        timeout = idle_timeout_for(user)
        if last_seen is not None and now - last_seen > timeout:
            logout(request)  # a new, empty session; request.user is anonymous from here
            if request.path_info.startswith("/api/"):
                return  # an API client gets its 401/403; a message would wait for a page
            messages.info(
                request,
                _("You were signed out after %(minutes)d minutes without activity.")
                % {"minutes": timeout // 60},
            )
            return
        if last_seen is None or now - last_seen >= RESOLUTION:
            request.session[LAST_SEEN] = now
