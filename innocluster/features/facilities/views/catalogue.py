"""The catalogue of facilities with its map, and a facility's page."""

from django.shortcuts import render
from django.urls import reverse

from innocluster.core.files import serve_file
from innocluster.core.httpcache import public_read
from innocluster.core.listing import filtered_page, render_catalogue
from innocluster.core.maps import map_context, with_tiles_csp

from .. import selectors
from ..filters import EquipmentFilterSet, FacilityFilterSet
from ..permissions import can_operate

PAGE_SIZE = 30


def _markers(facilities) -> list[dict]:
    return [
        {
            "id": f.pk,
            "name": f.name,
            "kind": f.get_kind_display(),
            "address": f.address,
            "lat": float(f.latitude),
            "lng": float(f.longitude),
            "url": reverse("facilities:detail", kwargs={"pk": f.pk}),
        }
        for f in facilities
    ]


@public_read
def facility_list(request):
    """The catalogue: filters, a map of every match, and a page of cards. An htmx request
    (a filter changed) gets only the results and the map to swap in."""
    queryset = selectors.facility_list_public()
    context, status = filtered_page(
        request, FacilityFilterSet, queryset, size=PAGE_SIZE, facets=True
    )
    matches = context["filter"].qs if status == 200 else queryset.none()
    context["markers"] = _markers(
        matches.select_related(None).only("id", "name", "kind", "address", "latitude", "longitude")[
            :2000
        ]
    )
    context.update(map_context())
    response = render_catalogue(
        request,
        context,
        page="facilities/list.html",
        results="facilities/includes/results.html",
        status=status,
    )
    return with_tiles_csp(response)


def equipment_list(request):
    """Bookable equipment of every published facility: what the search's "All N" lists."""
    queryset = selectors.equipment_list_public().select_related("facility__organization")
    context, status = filtered_page(
        request, EquipmentFilterSet, queryset, size=PAGE_SIZE, facets=True
    )
    return render_catalogue(
        request,
        context,
        page="facilities/equipment.html",
        results="facilities/includes/equipment_results.html",
        status=status,
    )


def facility_detail(request, pk):
    facility = selectors.facility_get_visible(user=request.user, pk=pk)
    is_operator = can_operate(user=request.user, organization=facility.organization)
    resources = selectors.resource_list_visible(user=request.user).filter(facility=facility)
    # Its operators also see the classes they have not published yet, to edit them.
    courses = (
        selectors.course_list_for_operator(facility=facility)
        if is_operator
        else selectors.course_list_public().filter(facility=facility)
    )
    context = {
        "facility": facility,
        "resources": resources,
        "courses": courses,
        "offers": selectors.offer_list_public().filter(facility=facility),
        "is_operator": is_operator,
        "markers": _markers([facility]),
        **map_context(),
    }
    return with_tiles_csp(render(request, "facilities/detail.html", context))


def facility_photo(request, pk, photo_pk):
    facility = selectors.facility_get_visible(user=request.user, pk=pk)
    photo = facility.photos.filter(pk=photo_pk).first()
    return serve_file(photo.image if photo else None, public=facility.is_published)
