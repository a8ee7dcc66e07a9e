"""Lists on pages: one FilterSet, a page of its results, and the query to carry to other pages."""

from django.core.paginator import Page, Paginator
from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def page_of(request, queryset, *, size: int) -> Page:
    """A page of `queryset`; a page number past the end shows the last page, never an error."""
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def filtered_page(request, filterset_class, queryset, *, size: int) -> tuple[dict, int]:
    """The template context of a filtered list, and its status: 400 when a filter is invalid
    (an unknown region, say), with the form showing why and no results."""
    filterset = filterset_class(request.GET, queryset=queryset)
    valid = filterset.is_valid()
    page = page_of(request, filterset.qs if valid else queryset.none(), size=size)
    query = request.GET.copy()
    query.pop("page", None)
    return {"filter": filterset, "page": page, "query": query.urlencode()}, 200 if valid else 400


def render_list(request, context: dict, *, page: str, results: str, status: int = 200):
    """The whole `page` template, or only its `results` part when htmx asks for it (a filter
    changed); caches keep the two apart by the HX-Request header."""
    partial = request.htmx and not request.htmx.history_restore_request
    response = render(request, results if partial else page, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response
