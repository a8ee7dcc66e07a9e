"""What the facilities pages share: running a service from a button, reading a week."""

import datetime as dt

from innocluster.core.calendar import moscow_date
from innocluster.core.views import run_service


def run(request, action, success: str, **kwargs) -> bool:
    """core.views.run_service for a facilities button, the caller its actor: a refusal is a
    message (a "not yours" one, a 404), never a 500."""
    return run_service(request, action, success, actor=request.user, **kwargs)


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
