"""Background work of facilities: the daily booking reminders."""

import datetime as dt

from django_tasks import task

from innocluster.core.calendar import end_of_day, moscow_date
from innocluster.core.schedule import daily

REMINDERS_AT = dt.time(9, 0)


@task()
def send_booking_reminders() -> int:
    """Remind everyone whose confirmed booking starts before the end of tomorrow (Moscow)
    and who has not been reminded yet: a booking made after today's run for tomorrow morning
    is still reminded by tomorrow's run, before it starts."""
    from .services import booking_remind_due

    return booking_remind_due(until=end_of_day(moscow_date() + dt.timedelta(days=1)))


daily("facilities.booking_reminders", at=REMINDERS_AT, task=send_booking_reminders)
