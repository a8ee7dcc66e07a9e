"""Pages of participant status: applying, the application page, and the public register."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innocluster.core.csv_export import csv_response
from innocluster.core.forms import form_status
from innocluster.core.httpcache import public_read
from innocluster.core.listing import ListingCache, filtered_page, render_catalogue
from innocluster.core.views import call_service
from innocluster.platform.organizations.permissions import APPLY
from innocluster.platform.organizations.selectors import organization_get_for
from innocluster.platform.reviews.pages import SubmissionPages

from . import selectors, services
from .choices import REQUIRED_DOCUMENTS, RevocationGrounds, StatusAction
from .filters import RegisterFilterSet
from .forms import ApplicationForm, DocumentForm, StatusChangeForm

PAGE_SIZE = 25


def home(request):
    """What the statuses give, and for a signed-in person each of their organizations with its
    status or application and the button to apply."""
    organizations = []
    if request.user.is_authenticated:
        organizations = selectors.my_organizations_with_status(user=request.user)
    return render(request, "participation/home.html", {"organizations": organizations})


@login_required
@require_POST
def application_create(request, organization_pk):
    organization = organization_get_for(user=request.user, pk=organization_pk, ability=APPLY)
    return application_pages.open_draft(
        request,
        services.status_application_create,
        refused_url=reverse("participation:home"),
        organization=organization,
        kind=request.POST.get("kind", ""),
    )


class StatusApplicationPages(SubmissionPages):
    kind = services.CASE_KIND
    form_class = ApplicationForm
    document_form_class = DocumentForm
    template = "participation/application.html"
    document_file_path = "documents/<int:document_pk>"

    def extra_context(self, request, submission, forms):
        status = selectors.status_of(organization=submission.case.organization)
        return {"required_documents": REQUIRED_DOCUMENTS, "status": status}

    def restart_url(self, submission):
        return reverse("participation:home")


application_pages = StatusApplicationPages()


# The page's rows (statuses with their organizations), total and counts read no other table
# than those the rows' query joins.
REGISTER_CACHE = ListingCache()


@public_read
def register(request):
    """The public register: its page of rows, total and facets' counts are one entry of the
    query cache (issue 18: compiling and sending their statements and cache reads was a third
    of the page's CPU)."""
    context, status = filtered_page(
        request,
        RegisterFilterSet,
        selectors.register_list(),
        size=PAGE_SIZE,
        facets=True,
        cached=REGISTER_CACHE,
    )
    return render_catalogue(
        request,
        context,
        page="participation/register.html",
        results="participation/includes/register_results.html",
        status=status,
    )


CSV_COLUMNS = (
    ("register_number", "register_number"),
    ("status", "get_kind_display"),
    ("state", "get_state_display"),
    ("granted_on", "granted_on"),
    ("short_name", "organization.short_name"),
    ("full_name", "organization.full_name"),
    ("inn", "organization.inn"),
    ("ogrn", "organization.ogrn"),
    ("region", "organization.region_name"),
    ("type", "organization.get_org_type_display"),
)


def register_csv(request):
    """The register as CSV, with the page's filters, streamed row by row."""
    filterset = RegisterFilterSet(request.GET, queryset=selectors.register_list())
    if not filterset.is_valid():
        return register(request)
    rows = (
        [_value(status, path) for _name, path in CSV_COLUMNS]
        for status in filterset.qs.iterator(chunk_size=2000)
    )
    header = [name for name, _path in CSV_COLUMNS]
    return csv_response(header, rows, filename="innocluster-register.csv")


def register_entry(request, number, *, form=None, status=200):
    entry = selectors.register_entry_get(number=number)
    context = {
        "entry": entry,
        "organization": entry.organization,
        "history": selectors.status_history(status=entry),
        "form": form or StatusChangeForm(initial=_initial_change(request.GET)),
        "may_change": request.user.is_authenticated and request.user.is_fund_admin,
    }
    return render(request, "participation/entry.html", context, status=status)


def _initial_change(query) -> dict:
    """The change form preset from a link (the KPI campaign's «consider revocation» presets
    the revocation and its grounds): known values only; the administrator still gives the
    reason and decides."""
    initial = {}
    if query.get("action") in StatusAction.values:
        initial["action"] = query["action"]
    if query.get("grounds") in RevocationGrounds.values:
        initial["grounds"] = query["grounds"]
    return initial


@login_required
@require_POST
def register_change(request, number):
    entry = selectors.register_entry_get(number=number)
    if not request.user.is_fund_admin:
        raise Http404
    form = StatusChangeForm(request.POST)
    if form.is_valid() and call_service(
        request,
        _change_status,
        form=form,
        success=_("The status is changed and recorded in the ledger."),
        entry=entry,
        actor=request.user,
        **form.cleaned_data,
    ):
        return redirect("participation:entry", number=number)
    return register_entry(request, number, form=form, status=form_status(form))


def _change_status(*, entry, actor, action: str, grounds: str, reason: str):
    if action == StatusAction.REVOKED:
        return services.status_revoke(status=entry, actor=actor, grounds=grounds, reason=reason)
    change = {StatusAction.SUSPENDED: services.status_suspend}.get(action, services.status_restore)
    return change(status=entry, actor=actor, reason=reason)


def _value(obj, path: str):
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj() if callable(obj) else obj
