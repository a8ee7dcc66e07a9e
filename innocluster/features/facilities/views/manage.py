"""Pages for the people who run facilities: "My facilities", a facility's profile with its
opening hours and photos. What the caller does not run is a 404, as if it did not exist."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innocluster.core.catalogue import FormPage

from .. import selectors, services
from ..forms import FacilityCreateForm, FacilityForm, HoursForm, PhotoForm
from ._common import run

REQUESTS_SHOWN = 50


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


def _hours(data, facility) -> dict:
    """The opening hours, saved with the facility by the same service call."""
    return {"hours_form": HoursForm(data, facility=facility)}


def _photos(facility) -> dict:
    return {"photo_form": PhotoForm(), "photos": facility.photos.all()}


FACILITY = FormPage(
    "facilities/facility_form.html", "facilities:detail", name="facility", companions=_hours
)
facility_create = FACILITY.create(
    FacilityCreateForm, services.facility_create, selectors.operated_organizations
)
facility_edit = FACILITY.edit(
    FacilityForm, services.facility_update, selectors.facility_get_operated, context=_photos
)


# A check of the image's content names no field: its refusal goes with the image.
photo_add = facility_edit.part(
    PhotoForm, services.facility_photo_add, "facilities:facility_edit#photos", default_field="image"
)


@login_required
@require_POST
def photo_delete(request, pk, photo_pk):
    photo = selectors.photo_get_operated(user=request.user, facility_pk=pk, pk=photo_pk)
    run(request, services.facility_photo_delete, _("The photo is removed."), photo=photo)
    return redirect(photo_add.back_url(pk))
