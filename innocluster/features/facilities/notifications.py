"""What facilities tell people, through the platform's one notification service.

Kinds are registered at import (FacilitiesConfig.ready imports this module). Every message
is sent in the caller's transaction: a refused booking notifies no one.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innocluster.platform.notifications.kinds import NotificationKind, register

BOOKING_CONFIRMED = register(
    NotificationKind(
        code="facilities.booking_confirmed",
        title=_("Booking confirmed: {resource}"),
        body=_("{resource} at {facility} is yours on {slot} (Moscow time)."),
    )
)
BOOKING_REQUESTED = register(
    NotificationKind(
        code="facilities.booking_requested",
        title=_("A booking awaits your approval: {resource}"),
        body=_("{person} asks for {resource} on {slot} (Moscow time)."),
    )
)
BOOKING_DECLINED = register(
    NotificationKind(
        code="facilities.booking_declined",
        title=_("Booking declined: {resource}"),
        body=_("The operator of {facility} declined {resource} on {slot}. {note}"),
    )
)
BOOKING_CANCELLED = register(
    NotificationKind(
        code="facilities.booking_cancelled",
        title=_("Booking cancelled: {resource}"),
        body=_("The booking of {resource} on {slot} (Moscow time) is cancelled. {note}"),
    )
)
BOOKING_REMINDER = register(
    NotificationKind(
        code="facilities.booking_reminder",
        title=_("Reminder: {resource} on {slot}"),
        body=_("Your booking at {facility}, {address}, starts on {slot} (Moscow time)."),
    )
)
CAPACITY_REQUESTED = register(
    NotificationKind(
        code="facilities.capacity_requested",
        title=_("A request for your offer: {offer}"),
        body=_("{person} would like to use {offer}: {message}"),
    )
)
CAPACITY_DECIDED = register(
    NotificationKind(
        code="facilities.capacity_decided",
        title=_("Your request for {offer} is {decision}"),
        body=_("{organization} answered: {response}"),
    )
)
CAPACITY_DECISION_SENT = register(
    NotificationKind(
        code="facilities.capacity_decision_sent",
        title=_("You {decision} the request for {offer}"),
        body=_("{person} is notified."),
    )
)
ENROLLED = register(
    NotificationKind(
        code="facilities.enrolled",
        title=_("{child} has a seat in {course}"),
        body=_("The class starts on {starts_on}: {schedule}."),
    )
)
WAITING = register(
    NotificationKind(
        code="facilities.waiting",
        title=_("{child} is on the waiting list of {course}"),
        body=_("Place {position} in line. We will tell you as soon as a seat frees."),
    )
)
PROMOTED = register(
    NotificationKind(
        code="facilities.promoted",
        title=_("A seat freed: {child} is now enrolled in {course}"),
        body=_("The class starts on {starts_on}: {schedule}."),
    )
)


def send(*, recipients, kind: NotificationKind, context: dict, url: str = "") -> None:
    """Notify `recipients` (users) by the platform's service, in the current transaction."""
    from innocluster.platform.notifications.services import notification_send

    recipients = [r for r in recipients if r is not None]
    if recipients:
        notification_send(recipients=recipients, kind=kind.code, context=context, url=url)


def url(name: str, **kwargs) -> str:
    return reverse(name, kwargs=kwargs)
