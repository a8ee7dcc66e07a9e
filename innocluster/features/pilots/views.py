"""Pages of pilot testing: the catalogue of pilot sites with its map, a site's page, and the
pages to publish and change a site."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse

from innocluster.core.catalogue import FormPage
from innocluster.core.httpcache import public_read
from innocluster.core.listing import filtered_page, render_catalogue
from innocluster.core.maps import map_context, with_tiles_csp

from . import selectors, services
from .choices import SiteCategory
from .filters import ResultFilterSet, SiteFilterSet
from .forms import SiteCreateForm, SiteForm
from .permissions import can_operate

PAGE_SIZE = 30
MAP_LIMIT = 2000


MARKER_FIELDS = ("id", "name", "category", "address", "latitude", "longitude")


def _markers(rows) -> list[dict]:
    """The map's markers of `rows` (MARKER_FIELDS tuples): each category's name and the URL's
    shape worked out once, not at each of hundreds of markers."""
    labels = {code: str(label) for code, label in SiteCategory.choices}
    url = reverse("pilots:site", kwargs={"pk": 0})[: -len("0/")]
    return [
        {
            "id": pk,
            "name": name,
            "kind": labels.get(category, category),
            "address": address,
            "lat": float(latitude),
            "lng": float(longitude),
            "url": f"{url}{pk}/",
        }
        for pk, name, category, address, latitude, longitude in rows
    ]


def _marker_rows(sites) -> list[tuple]:
    return [tuple(getattr(site, name) for name in MARKER_FIELDS) for site in sites]


def site_list(request):
    """The catalogue: filters, a map of every match, and a page of cards."""
    queryset = selectors.site_list_public()
    context, status = filtered_page(request, SiteFilterSet, queryset, size=PAGE_SIZE, facets=True)
    matches = context["filter"].qs if status == 200 else queryset.none()
    rows = matches.select_related(None).values_list(*MARKER_FIELDS)[:MAP_LIMIT]
    context["markers"] = _markers(rows)
    context["can_publish"] = selectors.operated_organizations(user=request.user).exists()
    context.update(map_context())
    response = render_catalogue(
        request,
        context,
        page="pilots/sites.html",
        results="pilots/includes/site_results.html",
        status=status,
    )
    return with_tiles_csp(response)


def site_detail(request, pk):
    site = selectors.site_get_visible(user=request.user, pk=pk)
    context = {
        "site": site,
        "is_operator": can_operate(user=request.user, organization=site.organization),
        "markers": _markers(_marker_rows([site])),
        **map_context(),
    }
    return with_tiles_csp(render(request, "pilots/site.html", context))


@login_required
def my_sites(request):
    sites = selectors.site_list_operated(user=request.user)
    can_publish = selectors.operated_organizations(user=request.user).exists()
    context = {"sites": sites, "can_publish": can_publish}
    return render(request, "pilots/my_sites.html", context)


SITE = FormPage("pilots/site_form.html", "pilots:site", name="site")
site_create = SITE.create(SiteCreateForm, services.site_create, selectors.operated_organizations)
site_edit = SITE.edit(SiteForm, services.site_update, selectors.site_get_operated)


RESULTS_PAGE_SIZE = 20


@public_read
def result_list(request):
    """The catalogue of published pilot results: search and filters, a page of cards."""
    context, status = filtered_page(
        request, ResultFilterSet, selectors.result_list_public(), size=RESULTS_PAGE_SIZE,
        facets=True,
    )  # fmt: skip
    return render_catalogue(
        request,
        context,
        page="pilots/results.html",
        results="pilots/includes/result_results.html",
        status=status,
    )


@public_read
def result_detail(request, pk):
    """A published result: what was tested, where, the KPIs measured against their targets,
    the site's report less its confidential remarks, the company's answer, the ledger's hash."""
    report = selectors.result_get_public(pk=pk)
    context = {"report": report, "subject": f"pilot:{report.pilot_id}"}
    return render(request, "pilots/result.html", context)
