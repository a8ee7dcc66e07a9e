from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from innocluster.core.listing import filtered_page

from . import selectors, services
from .filters import NotificationFilterSet
from .rendering import is_local_path

PAGE_SIZE = 20


@login_required
def notification_list(request):
    """My notifications, newest first; unread ones stand out. `?unread=true` shows only those."""
    queryset = selectors.notification_list_for(user=request.user)
    context, status = filtered_page(request, NotificationFilterSet, queryset, size=PAGE_SIZE)
    return render(request, "notifications/list.html", context, status=status)


@login_required
@require_POST
def notification_open(request, pk):
    """Mark one read, then go where it points (back to the list when it points nowhere)."""
    notification = selectors.notification_get_for(user=request.user, pk=pk)
    services.notification_mark_read(user=request.user, ids=[notification.pk])
    target = notification.link
    if target and _safe(request, target):
        return redirect(target)
    return redirect(_back_to_list(request))


@login_required
@require_POST
def notification_read_all(request):
    count = services.notification_mark_read(user=request.user)
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)d notification marked as read.",
                "%(count)d notifications marked as read.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.info(request, _("There were no unread notifications."))
    return redirect(_back_to_list(request))


def _safe(request, url: str) -> bool:
    """Only our own paths: a stored link is checked when sent, and again before we follow it."""
    return is_local_path(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def _back_to_list(request) -> str:
    """The list as it was shown (its filter and page), from the form's `next` if it is ours."""
    fallback = reverse("notifications:list")
    next_url = request.POST.get("next", "")
    return next_url if next_url.startswith(fallback) and _safe(request, next_url) else fallback
