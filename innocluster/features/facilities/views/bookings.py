"""Booking pages: a resource with its calendar, my bookings, the operator's schedule, .ics."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innocluster.core.forms import form_status
from innocluster.core.views import call_service

from .. import pricing, selectors, services
from ..availability import availability
from ..choices import BookingStatus
from ..forms import BookingForm, NoteForm
from ..ical import calendar_response
from ..permissions import can_operate
from ..timeutil import at_moscow
from ._common import run, week_links, week_start


def resource_detail(request, pk):
    """A resource, its terms, a week of availability, and the booking form."""
    resource = selectors.resource_get_visible(user=request.user, pk=pk)
    form = BookingForm(request.POST or None, initial={"repeat_weeks": 1})
    status = 200
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{_login_url()}?next={request.path}")
        if form.is_valid() and _book(request, resource, form):
            return redirect("facilities:my_bookings")
        status = form_status(form)
    monday = week_start(request)
    context = {
        "resource": resource,
        "facility": resource.facility,
        "form": form,
        "days": availability(resource=resource, first_day=monday, days=7),
        "price_with_vat": pricing.price_with_vat(resource),
        "is_operator": can_operate(user=request.user, organization=resource.facility.organization),
        "blackouts": selectors.blackout_list(resource=resource).filter(
            ends_at__gt=at_moscow(monday, dt.time())
        )[:10],
        **week_links(monday),
    }
    return render(request, "facilities/resource.html", context, status=status)


def _login_url():
    return reverse("accounts:login")


def _book(request, resource, form) -> bool:
    """Book the valid form's slot; a refusal goes on the form, each message on its field."""
    starts_at, ends_at = form.slot()
    outcome = call_service(
        request,
        services.booking_create,
        form=_SlotFields(form),
        resource=resource,
        user=request.user,
        starts_at=starts_at,
        ends_at=ends_at,
        purpose=form.cleaned_data["purpose"],
        repeat_weeks=form.cleaned_data["repeat_weeks"],
    )
    if outcome:
        if outcome.result[0].status == BookingStatus.CONFIRMED:
            messages.success(request, _("Booked. The confirmation is in your notifications."))
        else:
            messages.success(request, _("Requested. The operator will approve or decline it."))
    return bool(outcome)


class _SlotFields:
    """The booking form as call_service fills it: the service names the slot's moments
    (starts_at, ends_at), the form asks for a day and two times, so their messages go on the
    times; the refusal's status (409 for a slot taken) is the form's."""

    NAMES = {"starts_at": "start", "ends_at": "end"}

    def __init__(self, form):
        self.form = form
        self.fields = {**form.fields, **{name: None for name in self.NAMES}}

    def add_error(self, field, error):
        self.form.add_error(self.NAMES.get(field, field), error)

    @property
    def error_status(self) -> int:
        return self.form.error_status

    @error_status.setter
    def error_status(self, status: int) -> None:
        self.form.error_status = status


@login_required
def my_bookings(request):
    bookings = selectors.booking_list_mine(user=request.user).order_by("-starts_at")
    context = {
        "bookings": bookings[:200],
        "operated": selectors.facility_list_operated(user=request.user).order_by("name"),
    }
    return render(request, "facilities/my_bookings.html", context)


@login_required
def my_bookings_ics(request):
    bookings = selectors.booking_list_mine(user=request.user).filter(
        status__in=[BookingStatus.CONFIRMED, BookingStatus.PENDING]
    )
    return calendar_response(bookings, name=_("My bookings"), filename="bookings.ics")


@login_required
@require_POST
def booking_cancel(request, pk):
    booking = selectors.booking_get_visible(user=request.user, pk=pk)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    run(
        request, services.booking_cancel, _("The booking is cancelled."), booking=booking, note=note
    )
    if booking.user_id == request.user.pk:
        return redirect("facilities:my_bookings")
    return redirect("facilities:schedule", pk=booking.resource.facility_id)


@login_required
def schedule(request, pk):
    """A facility's week for its operators: every booking, pending ones to approve."""
    facility = selectors.facility_get_operated(user=request.user, pk=pk)
    monday = week_start(request)
    bookings = selectors.schedule(
        facility=facility,
        starts_at=at_moscow(monday, dt.time()),
        ends_at=at_moscow(monday + dt.timedelta(days=7), dt.time()),
    )
    pending = selectors.booking_list_visible(user=request.user).filter(
        resource__facility=facility, status=BookingStatus.PENDING
    )
    context = {
        "facility": facility,
        "bookings": bookings,
        "pending": pending,
        "note_form": NoteForm(),
        **week_links(monday),
    }
    return render(request, "facilities/schedule.html", context)


@login_required
def schedule_ics(request, pk):
    facility = selectors.facility_get_operated(user=request.user, pk=pk)
    bookings = (
        selectors.booking_list_visible(user=request.user)
        .filter(
            resource__facility=facility, status__in=[BookingStatus.CONFIRMED, BookingStatus.PENDING]
        )
        .exclude(resource__kind="class_seats")
    )
    return calendar_response(bookings, name=facility.name, filename=f"facility-{pk}.ics")


@login_required
@require_POST
def booking_decide(request, pk, decision):
    booking = selectors.booking_get_visible(user=request.user, pk=pk)
    facility = booking.resource.facility
    if decision not in ("approve", "decline") or not can_operate(
        user=request.user, organization=facility.organization
    ):
        raise Http404
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    approve = decision == "approve"
    done = _("The booking is approved.") if approve else _("The booking is declined.")
    run(request, services.booking_decide, done, booking=booking, approve=approve, note=note)
    return redirect(f"{_schedule_url(facility.pk)}?week={request.POST.get('week', '')}")


def _schedule_url(pk):
    return reverse("facilities:schedule", kwargs={"pk": pk})
