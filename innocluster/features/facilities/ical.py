"""Bookings as an iCalendar file (RFC 5545), by the `icalendar` library."""

from django.conf import settings
from django.http import HttpResponse
from icalendar import Calendar, Event

from .models import Booking

PRODID = "-//innocluster//facilities//EN"


def calendar_response(bookings, *, name: str, filename: str) -> HttpResponse:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for booking in bookings:
        calendar.add_component(_event(booking))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _event(booking: Booking) -> Event:
    facility = booking.resource.facility
    event = Event()
    host = settings.SITE_URL.split("//")[-1] or "innocluster.local"
    event.add("uid", f"booking-{booking.pk}@{host}")
    event.add("dtstamp", booking.created_at)
    event.add("dtstart", booking.starts_at)
    event.add("dtend", booking.ends_at)
    event.add("summary", f"{booking.resource.name} — {facility.name}")
    event.add("location", facility.address)
    event.add("status", "CONFIRMED" if booking.status == "confirmed" else "TENTATIVE")
    if booking.purpose:
        event.add("description", booking.purpose)
    return event
