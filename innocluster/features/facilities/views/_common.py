"""What the facilities pages share: running a service from a button, reading a week."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404

from innocluster.core.calendar import moscow_date
from innocluster.core.errors import DomainError


def run(request, action, success: str, **kwargs) -> bool:
    """Call a service from a POST button; show its refusal as a message, never as a 500.
    A refusal that means "not yours" is a 404."""
    try:
        action(actor=request.user, **kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    except DomainError as error:
        if error.status == 404:
            raise Http404 from None
        messages.error(request, error.detail)
        return False
    messages.success(request, success)
    return True


def week_start(request) -> dt.date:
    """The first day of the seven shown: ?week=YYYY-MM-DD, or today (Moscow)."""
    try:
        return dt.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        return moscow_date()


def week_links(monday: dt.date) -> dict:
    return {
        "week": monday,
        "week_end": monday + dt.timedelta(days=6),
        "previous_week": (monday - dt.timedelta(days=7)).isoformat(),
        "next_week": (monday + dt.timedelta(days=7)).isoformat(),
    }
