"""Every authentication event goes to the audit trail (security baseline).

Django reports sign-ins only through its auth signals, so this is the one place where the
platform listens to signals: it records, it decides nothing.
"""

import time

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from innocluster.core.http import client_ip
from innocluster.core.models import AuditEvent

from .middleware import LAST_SEEN


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    # The idle clock starts at the sign-in (middleware.py), in the session being saved anyway.
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = int(time.time())
    AuditEvent.objects.create(
        actor=user,
        action="auth.login",
        target_type="accounts.user",
        target_id=str(user.pk),
        ip_address=client_ip(request),
    )


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        AuditEvent.objects.create(
            actor=user,
            action="auth.logout",
            target_type="accounts.user",
            target_id=str(user.pk),
            ip_address=client_ip(request),
        )


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    AuditEvent.objects.create(
        action="auth.login_failed",
        target_type="accounts.user",
        target_id=str(credentials.get("username", ""))[:64],
        ip_address=client_ip(request),
    )
