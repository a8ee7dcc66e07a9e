"""Pages of support measures: the catalogue, "measures for me", a measure with its rules and
conditions, the application with its costs and documents, and the reviewers' scoring and cuts
(shown on the review case page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from innocluster.core.calendar import moscow_date
from innocluster.core.files import serve_file
from innocluster.core.filters import id_or_none
from innocluster.core.httpcache import public_read
from innocluster.core.listing import ListingCache, filtered_page, render_catalogue
from innocluster.core.views import run_service
from innocluster.platform.organizations.permissions import APPLY
from innocluster.platform.organizations.selectors import organization_get_for
from innocluster.platform.reviews import selectors as review_selectors
from innocluster.platform.reviews.pages import SubmissionPages
from innocluster.platform.reviews.services import EDITABLE_STATUSES

from . import selectors
from .eligibility import eligibility
from .filters import MeasureFilterSet
from .forms import ApplicationForm, CostItemForm, CutForm, DocumentForm, ScoreForm
from .models import Call, CostRule
from .services import applications as services
from .services import review as review_services
from .services.applications import CASE_KIND

PAGE_SIZE = 20


# The cards' application windows, the "open now" facet and filter, and the costs' facet read
# these besides the measures; "open now" reads today's date.
CATALOGUE_CACHE = ListingCache(reads=(Call, CostRule), clock=moscow_date)


@public_read
def catalogue(request):
    context, status = filtered_page(
        request,
        MeasureFilterSet,
        selectors.catalogue_list(),
        size=PAGE_SIZE,
        facets=True,
        cached=CATALOGUE_CACHE,
    )
    context["organizations"] = selectors.applying_organizations(user=request.user)
    return render_catalogue(
        request,
        context,
        page="support/catalogue.html",
        results="support/includes/catalogue_results.html",
        status=status,
    )


@login_required
def for_me(request):
    """The catalogue sorted for one of my organizations (the first, or ?organization=)."""
    organizations = selectors.applying_organizations(user=request.user)
    chosen = _chosen(organizations, request.GET.get("organization"))
    context = {"organizations": organizations, "organization": chosen}
    if chosen is not None:
        context["groups"] = selectors.measures_for(organization=chosen)
    return render(request, "support/for_me.html", context)


def measure(request, pk):
    """A measure's rules, its calls, and for each of my organizations whether it qualifies."""
    measure = selectors.measure_get(pk=pk)
    organizations = selectors.applying_organizations(user=request.user)
    checks = [(org, eligibility(measure=measure, organization=org)) for org in organizations]
    context = {"measure": measure, "checks": checks, "open_call": _open_call(measure)}
    return render(request, "support/measure.html", context)


@login_required
@require_POST
def apply(request, pk, organization_pk):
    measure = selectors.measure_get(pk=pk)
    organization = organization_get_for(user=request.user, pk=organization_pk, ability=APPLY)
    # From a pilot's page: the application refers to that pilot of the organization's.
    given = request.POST.get("pilot")
    pilot = {"pilot_id": id_or_none(given) or 0} if given else {}
    return application_pages.open_draft(
        request,
        services.grant_application_create,
        refused_url=reverse("support:measure", args=[pk]),
        measure=measure,
        organization=organization,
        **pilot,
    )


class GrantApplicationPages(SubmissionPages):
    """The applicant's page of a grant application: the kit's, with the costs (each with its
    supporting document) and what the measure's rules give for them."""

    kind = CASE_KIND
    form_class = ApplicationForm
    template = "support/application.html"
    info_requested_help = gettext_lazy(
        "Change the costs or the documents below, then send the application back."
    )
    draft_ready = gettext_lazy("A draft is ready: describe the costs, attach the documents.")
    document_attached = gettext_lazy(
        "The document is attached, in place of any earlier one for the same requirement."
    )

    def restart_url(self, submission):
        return reverse("support:measure", args=[submission.measure_id])

    def document_form(self, submission, data=None, files=None):
        return DocumentForm(data, files, measure=submission.measure)

    def document_values(self, cleaned_data):
        return {"requirement": cleaned_data["requirement"].pk}

    def extra_context(self, request, submission, forms):
        editable = submission.case.status in EDITABLE_STATUSES
        return {
            "measure": submission.measure,
            "item_form": forms.get("item_form") or CostItemForm(measure=submission.measure),
            # As claimed, while it may change (it sets aside the reviewer's cuts on the rows
            # it reads, so only then).
            "preview": services.application_computation(submission, accepted=False)
            if editable
            else None,
        }

    def urls(self, prefix):
        return [
            *super().urls(prefix),
            path(f"{prefix}<int:pk>/items", login_required(self._item_add), name="item_add"),
            path(
                f"{prefix}<int:pk>/items/<int:item_pk>/remove",
                login_required(require_POST(self._item_remove)),
                name="item_remove",
            ),
            path(
                f"{prefix}<int:pk>/items/<int:item_pk>/file",
                login_required(self._item_file),
                name="item",
            ),
        ]

    def _item_add(self, request, pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        application = self.mine(request, pk)
        form = CostItemForm(request.POST, request.FILES, measure=application.measure)
        if form.is_valid():
            data = dict(form.cleaned_data)
            upload = data.pop("document")
            if self.attempt(
                request, form, services.cost_item_add, application=application,
                actor=request.user, upload=upload, **data,
            ):  # fmt: skip
                messages.success(request, _("The cost is added."))
                return self.back(application)
        return self.page(request, application, item_form=form)

    def _item_remove(self, request, pk, item_pk):
        application = self.mine(request, pk)
        if self.attempt(
            request, None, services.cost_item_remove, application=application,
            actor=request.user, item_id=item_pk,
        ):  # fmt: skip
            messages.success(request, _("The cost is removed."))
        return self.back(application)

    def _item_file(self, request, pk, item_pk):
        """A supporting document, to the applicant's members and the fund's reviewers only."""
        application = review_selectors.submission_get_for_anyone_entitled(
            kind=CASE_KIND, user=request.user, pk=pk
        )
        item = review_selectors.submission_row_get(application.items.all(), item_pk)
        return serve_file(item.document, public=False, download_name=item.document_name)


application_pages = GrantApplicationPages()


@login_required
@require_POST
def score(request, pk):
    """A reviewer scores one criterion (from the review case page)."""
    application = review_selectors.submission_get_for_reviewer(
        kind=CASE_KIND, user=request.user, pk=pk
    )
    form = ScoreForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a whole number from 0 to 10."))
    else:
        run_service(
            request,
            review_services.grant_score,
            _("The score is saved."),
            application=application,
            reviewer=request.user,
            criterion_id=form.cleaned_data["criterion"],
            score=form.cleaned_data["score"],
            comment=form.cleaned_data["comment"],
        )
    return redirect("reviews:case", pk=pk)


@login_required
@require_POST
def cut(request, pk, item_pk):
    """A reviewer accepts less of one cost (from the review case page)."""
    application = review_selectors.submission_get_for_reviewer(
        kind=CASE_KIND, user=request.user, pk=pk
    )
    form = CutForm(request.POST)
    if not form.is_valid():
        errors = [m for messages_ in form.errors.values() for m in messages_]
        messages.error(request, " ".join(errors))
    else:
        run_service(
            request,
            review_services.cost_item_cut,
            _("The accepted amount is saved."),
            application=application,
            reviewer=request.user,
            item_id=item_pk,
            **form.cleaned_data,
        )
    return redirect("reviews:case", pk=pk)


def _chosen(organizations, pk):
    chosen = next((org for org in organizations if str(org.pk) == str(pk)), None)
    if pk and chosen is None:
        raise Http404
    return chosen or (organizations[0] if organizations else None)


def _open_call(measure):
    return next((call for call in measure.calls.all() if call.is_open()), None)
