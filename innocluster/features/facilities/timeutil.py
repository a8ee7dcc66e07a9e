"""Moscow time for the rules and the messages of facilities; the database keeps UTC."""

import datetime as dt

from django.utils import timezone

from innocluster.core.calendar import MOSCOW


def moscow(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment, MOSCOW)


def at_moscow(day: dt.date, time: dt.time) -> dt.datetime:
    """The aware moment of `time` on `day` in Moscow."""
    return dt.datetime.combine(day, time, tzinfo=MOSCOW)


def slot_text(starts_at: dt.datetime, ends_at: dt.datetime) -> str:
    """ "12.11.2026 10:00–11:00" (Moscow time); both dates when the slot spans midnight."""
    start, end = moscow(starts_at), moscow(ends_at)
    if start.date() == end.date() or end == at_moscow(
        start.date() + dt.timedelta(days=1), dt.time()
    ):
        return f"{start:%d.%m.%Y %H:%M}–{end:%H:%M}"
    return f"{start:%d.%m.%Y %H:%M} – {end:%d.%m.%Y %H:%M}"
