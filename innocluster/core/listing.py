"""Lists on pages: one FilterSet, a page of its results, and the query to carry to other pages."""

from django.core.paginator import Page, Paginator


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
