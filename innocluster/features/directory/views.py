from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from innocluster.core.errors import NotFound
from innocluster.core.facets import FilterPanel
from innocluster.core.httpcache import public_read
from innocluster.core.listing import render_list
from innocluster.core.views import call_service
from innocluster.platform.organizations.selectors import organization_list_for_member

from . import exports, partners, selectors, services
from .forms import PartnerForm, SavedSearchForm
from .models import SavedSearch


def _query_without(request, *names) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@public_read
def search(request):
    """The directory: search box, facets with counts, results. An htmx request (a filter
    changed) gets only the results and facets to swap in."""
    result = selectors.organization_search(data=request.GET, page=request.GET.get("page"))
    context = {
        "result": result,
        "sections": selectors.sections_beside(result),
        "filter": result.filterset,
        # the catalogues' one filter panel (core/facets.py), with the engine's facets
        "panel": FilterPanel(
            result.filterset.form,
            result.facets,
            extra_template="directory/includes/sort.html",
            extra_fields=("sort",),
            show_errors=False,  # the results say why
        ),
        "list_url": reverse("directory:search"),
        "query": _query_without(request, "page"),
        "export_query": _query_without(request, "page", "format"),
        "save_form": SavedSearchForm(initial={"query": _query_without(request, "page")}),
    }
    return render_list(
        request,
        context,
        page="directory/search.html",
        results="directory/includes/results.html",
        status=200 if result.valid else 400,
    )


def suggest(request):
    """Up to eight suggestions as the person types: organization names and technologies."""
    suggestions = selectors.suggestions(query=request.GET.get("q", ""))
    return render(request, "directory/includes/suggestions.html", {"suggestions": suggestions})


def export(request):
    """The current result list (at most 10,000 rows) as CSV or XLSX."""
    file_format = request.GET.get("format", "csv")
    if file_format not in exports.FORMATS:
        return HttpResponseBadRequest(_("Unknown format: use csv or xlsx."))
    # as the page: its partial matches when nothing holds every word
    queryset = selectors.organization_search_queryset(data=request.GET, partial=True)
    if queryset is None:
        return HttpResponseBadRequest(_("The filters are not valid."))
    return exports.response(queryset, file_format)


def partner_search(request):
    """ "Find partners": for one of my organizations, or for a need typed in free text."""
    mine = (
        list(organization_list_for_member(user=request.user))
        if request.user.is_authenticated
        else []
    )
    form = PartnerForm(request.GET or None, organizations=mine)
    suggestions = None
    if form.is_bound and form.is_valid():
        suggestions = partners.find_partners(**form.partner_arguments())
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "suggestions": suggestions}
    return render(request, "directory/partners.html", context, status=status)


def _saved_rows(searches) -> list[dict]:
    """Each saved search with what it searches and the addresses of its page and feed."""
    labels = {source.code: source.label for source in services.saved_sources()}
    return [
        {
            "search": saved,
            "label": labels.get(saved.source, saved.source),
            "url": services.saved_search_path(saved),
            "feed": services.saved_search_path(saved, feed=True),
        }
        for saved in searches
    ]


@login_required
def saved_list(request):
    searches = SavedSearch.objects.filter(user=request.user)
    return render(request, "directory/saved.html", {"rows": _saved_rows(searches)})


def _search_page(source: str, query: str) -> str:
    """Back to the search a save came from: its source's page, with the query it sent."""
    codes = {s.code: s.search_url for s in services.saved_sources()}
    path = reverse(codes.get(source, "directory:search"))
    query = QueryDict(query).urlencode()  # only the query string, never an address
    return path + (f"?{query}" if query else "")


@login_required
@require_POST
def saved_create(request):
    form = SavedSearchForm(request.POST)
    if form.is_valid():
        saved = call_service(
            request,
            services.saved_search_create,
            success=_("The search is saved. We will tell you of new matches."),
            user=request.user,
            **form.cleaned_data,
        )
        if saved:
            return redirect("directory:saved")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(_search_page(form.data.get("source", ""), form.data.get("query", "")))


def _own_saved(request, pk) -> SavedSearch:
    saved = SavedSearch.objects.filter(user=request.user, pk=pk).first()
    if saved is None:
        raise Http404
    return saved


@login_required
@require_POST
def saved_delete(request, pk):
    saved = _own_saved(request, pk)
    services.saved_search_delete(saved_search=saved, actor=request.user)
    messages.success(request, _("The saved search is deleted."))
    return redirect("directory:saved")


@login_required
@require_POST
def saved_email(request, pk):
    """Start or stop the daily letters of one of my saved searches."""
    saved = _own_saved(request, pk)
    email = request.POST.get("email") == "on"
    services.saved_search_set_email(saved_search=saved, actor=request.user, email=email)
    if email:
        messages.success(request, _("Letters of new matches of «%s» will come.") % saved.name)
    else:
        messages.success(request, _("No more letters of «%s».") % saved.name)
    return redirect("directory:saved")


@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """The letter's link: stop that search's letters, without signing in. A GET only asks
    (mail scanners follow links); the button's POST stops them."""
    try:
        saved = services.saved_search_by_token(token=token)
    except ValidationError as error:
        context = {"error": " ".join(error.messages)}
        return render(request, "directory/unsubscribe.html", context, status=400)
    except NotFound as error:
        context = {"error": error.detail}
        return render(request, "directory/unsubscribe.html", context, status=404)
    if request.method == "POST":
        saved = services.saved_search_unsubscribe(token=token)
    context = {"saved": saved, "done": not saved.email}
    return render(request, "directory/unsubscribe.html", context)
