"""The demo's clock: the platform's time set back while a demo builds its history.

A demo that shows the fund's past (awards decided, tranches paid, works registered in earlier
years) makes it through the services, as people would have, with the clock at the moment it
happened: every row, audit event, notice and ledger entry the services write then carries that
moment, as it would have. `django.utils.timezone.now` is what every stamp reads (models'
auto_now, `core.calendar.moscow_date`, the ledger's recording time), so it is the one thing
set. For demo data only: never in a request, a task or a test of the real clock.
"""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone


@contextmanager
def clock_at(moment: dt.datetime) -> Iterator[None]:
    """Everything in the block sees `moment` (an aware datetime) as now."""
    if timezone.is_naive(moment):
        raise ValueError("The demo's clock needs an aware datetime.")
    if moment > timezone.now():
        raise ValueError("The demo's clock only goes back: history, not the future.")
    with mock.patch.object(timezone, "now", return_value=moment):
        yield
