"""Business days on the Russian production calendar, in Moscow time.

The calendar itself (public holidays, the days off they move to, working weekends) comes from
the `holidays` package; this module only answers the questions our deadlines ask.
"""

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.utils import timezone

MOSCOW = ZoneInfo("Europe/Moscow")


@lru_cache(maxsize=1)
def _calendar() -> holidays.HolidayBase:
    # Years are filled in lazily as dates are asked about (expand=True is the default).
    return holidays.country_holidays("RU")


def moscow_date(moment: dt.datetime | None = None) -> dt.date:
    """The calendar date in Moscow at `moment` (now by default)."""
    return timezone.localtime(moment or timezone.now(), MOSCOW).date()


def moscow_iso(moment: dt.datetime) -> str:
    """`moment` in Moscow time as ISO text to the minute ("2026-12-18T15:00+03:00"): how a
    notification keeps a time, so that each reader sees it written as their language writes
    times (platform/notifications/rendering.py), still in Moscow time."""
    return timezone.localtime(moment, MOSCOW).isoformat(timespec="minutes")


def is_business_day(day: dt.date) -> bool:
    return _calendar().is_working_day(day)


def add_business_days(day: dt.date, count: int) -> dt.date:
    """The `count`-th business day after `day` (`day` itself is not counted).

    With count 0: `day` if it is a business day, else the next one.
    """
    return _calendar().get_nth_working_day(day, count)


def business_days_after(day: dt.date, until: dt.date) -> int:
    """How many business days lie in (day, until]: zero when `until` is not after `day`."""
    if until <= day:
        return 0
    return _calendar().get_working_days_count(day + dt.timedelta(days=1), until)


def end_of_day(day: dt.date) -> dt.datetime:
    """The last moment of `day` in Moscow, as an aware datetime."""
    return dt.datetime.combine(day, dt.time.max, tzinfo=MOSCOW)
