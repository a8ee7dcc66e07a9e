"""Pages for the people who run facilities: "My facilities", a facility's profile with its
opening hours and photos. What the caller does not run is a 404, as if it did not exist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innocluster.core.errors import DomainError
from innocluster.core.forms import apply_errors, form_status

from .. import selectors, services
from ..forms import FacilityCreateForm, FacilityForm, HoursForm, PhotoForm
from ._common import run

REQUESTS_SHOWN = 50


def changes(form) -> dict:
    """The fields the person changed, as the update services take them."""
    return {name: form.cleaned_data[name] for name in form.changed_data if name in form.fields}


def status_of(*forms) -> int:
    return max(form_status(form) for form in forms)


@login_required
def my_facilities(request):
    """Everything the caller runs: facilities (with pending approvals), offers and the requests
    for them that await an answer."""
    user = request.user
    context = {
        "facilities": selectors.facility_list_for_operator(user=user),
        "offers": selectors.offer_list_for_operator(user=user),
        "requests": selectors.pending_capacity_requests(user=user).order_by("created_at")[
            :REQUESTS_SHOWN
        ],
        "can_create": selectors.operated_organizations(user=user).exists(),
    }
    return render(request, "facilities/mine.html", context)


@login_required
def facility_create(request):
    organizations = selectors.operated_organizations(user=request.user)
    form = FacilityCreateForm(request.POST or None, organizations=organizations)
    hours = HoursForm(request.POST or None)
    if request.method == "POST" and all([form.is_valid(), hours.is_valid()]):
        data = dict(form.cleaned_data)
        organization = data.pop("organization")
        try:
            facility = services.facility_create(
                organization=organization, actor=request.user, hours=hours.hours(), **data
            )
        except (ValidationError, DomainError) as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The facility is saved. Now add what can be booked."))
            return redirect("facilities:detail", pk=facility.pk)
    context = {"form": form, "hours_form": hours, "can_create": organizations.exists()}
    return render(request, "facilities/facility_form.html", context, status=status_of(form, hours))


@login_required
def facility_edit(request, pk):
    facility = selectors.facility_get_operated(user=request.user, pk=pk)
    form = FacilityForm(request.POST or None, instance=facility)
    hours = HoursForm(request.POST or None, facility=facility)
    if request.method == "POST" and all([form.is_valid(), hours.is_valid()]):
        try:
            services.facility_update(
                facility=facility,
                actor=request.user,
                hours=hours.hours() if hours.has_changed() else None,
                **changes(form),
            )
        except (ValidationError, DomainError) as error:
            apply_errors(form, error)
            # The service set the refused values on this instance; the page shows the saved ones.
            facility = selectors.facility_get_operated(user=request.user, pk=pk)
        else:
            messages.success(request, _("The facility is saved."))
            return redirect("facilities:detail", pk=pk)
    return _edit_page(request, facility, form, hours, PhotoForm(), status_of(form, hours))


def _edit_page(request, facility, form, hours, photo_form, status):
    context = {
        "facility": facility,
        "form": form,
        "hours_form": hours,
        "photo_form": photo_form,
        "photos": facility.photos.all(),
        "can_create": True,
    }
    return render(request, "facilities/facility_form.html", context, status=status)


def _photos_url(pk) -> str:
    return reverse("facilities:facility_edit", kwargs={"pk": pk}) + "#photos"


@login_required
@require_POST
def photo_add(request, pk):
    facility = selectors.facility_get_operated(user=request.user, pk=pk)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.facility_photo_add(facility=facility, actor=request.user, **form.cleaned_data)
        except (ValidationError, DomainError) as error:
            apply_errors(form, error, default_field="image")
        else:
            messages.success(request, _("The photo is added."))
            return redirect(_photos_url(pk))
    page_forms = FacilityForm(instance=facility), HoursForm(facility=facility)
    return _edit_page(request, facility, *page_forms, form, status=form_status(form))


@login_required
@require_POST
def photo_delete(request, pk, photo_pk):
    photo = selectors.photo_get_operated(user=request.user, facility_pk=pk, pk=photo_pk)
    run(request, services.facility_photo_delete, _("The photo is removed."), photo=photo)
    return redirect(_photos_url(pk))
