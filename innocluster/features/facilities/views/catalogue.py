"""The catalogue of facilities with its map, and a facility's page."""

from django.shortcuts import render

from innocluster.core.files import serve_file
from innocluster.core.httpcache import public_read
from innocluster.core.listing import ListingCache, filtered_page, render_catalogue
from innocluster.core.maps import map_context, with_tiles_csp
from innocluster.core.markup import reverser

from .. import selectors
from ..choices import FacilityKind
from ..filters import EquipmentFilterSet, FacilityFilterSet
from ..models import Resource
from ..permissions import can_operate

PAGE_SIZE = 30


# What a facility's pin on the map shows, in this order.
MARKER_FIELDS = ("pk", "name", "kind", "address", "latitude", "longitude")


def _markers(rows) -> list[dict]:
    """Each facility's pin, from its MARKER_FIELDS' values: the list's read as plain values,
    the link reversed once (issue 18: a model instance, a `reverse` and a display lookup per
    facility were a tenth of the catalogue's CPU)."""
    kinds, link = dict(FacilityKind.choices), reverser("facilities:detail")
    return [
        {
            "id": pk,
            "name": name,
            "kind": str(kinds.get(kind, kind)),  # what get_kind_display() gives
            "address": address,
            "lat": float(latitude),
            "lng": float(longitude),
            "url": link(pk),
        }
        for pk, name, kind, address, latitude, longitude in rows
    ]


def _marker_rows(matches) -> list[tuple]:
    """The MARKER_FIELDS of the first 2,000 matches: the pins of the map (`_markers`)."""
    return list(matches.values_list(*MARKER_FIELDS)[:2000])


# The "can be booked" facet and filter and the equipment filter read the resources besides the
# facilities; the cards and the pins read nothing else (the operator's row is not joined).
# The pins' values are in the same entry; their links and kinds' names are made outside it,
# in the request's language.
CATALOGUE_CACHE = ListingCache(reads=(Resource,), alongside=_marker_rows)


@public_read
def facility_list(request):
    """The catalogue: filters, a map of every match, and a page of cards. An htmx request
    (a filter changed) gets only the results and the map to swap in. The page's rows, total,
    counts and pins are one entry of the query cache (issue 18: a third of the page's CPU
    went on compiling and sending a dozen statements and cache reads for them)."""
    # The cards show nothing of the operator: its row is not joined (issue 18).
    queryset = selectors.facility_list_public().select_related(None)
    context, status = filtered_page(
        request, FacilityFilterSet, queryset, size=PAGE_SIZE, facets=True, cached=CATALOGUE_CACHE
    )
    context["markers"] = _markers(context.pop("alongside"))
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
        "markers": _markers([[getattr(facility, name) for name in MARKER_FIELDS]]),
        **map_context(),
    }
    return with_tiles_csp(render(request, "facilities/detail.html", context))


def facility_photo(request, pk, photo_pk):
    facility = selectors.facility_get_visible(user=request.user, pk=pk)
    photo = facility.photos.filter(pk=photo_pk).first()
    return serve_file(photo.image if photo else None, public=facility.is_published)
