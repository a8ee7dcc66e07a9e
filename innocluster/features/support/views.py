"""Pages of support measures: the catalogue, "measures for me", a measure with its rules and
conditions, the application with its costs and documents, and the reviewers' scoring and cuts
(shown on the review case page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innocluster.core.errors import DomainError
from innocluster.core.files import serve_file
from innocluster.core.forms import apply_errors, form_status
from innocluster.core.listing import filtered_page
from innocluster.core.views import run_service
from innocluster.platform.organizations.permissions import APPLY
from innocluster.platform.organizations.selectors import organization_get_for, user_can
from innocluster.platform.reviews import selectors as review_selectors
from innocluster.platform.reviews.forms import MessageForm

from . import selectors
from .eligibility import eligibility
from .filters import MeasureFilterSet
from .forms import ApplicationForm, CostItemForm, CutForm, DocumentForm, ScoreForm
from .services import applications as services
from .services import review as review_services
from .services.applications import EDITABLE_STATUSES

PAGE_SIZE = 20


def catalogue(request):
    context, status = filtered_page(
        request, MeasureFilterSet, selectors.measure_list(), size=PAGE_SIZE
    )
    context["organizations"] = selectors.applying_organizations(user=request.user)
    return render(request, "support/catalogue.html", context, status=status)


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
    try:
        application = services.grant_application_create(
            measure=measure, organization=organization, actor=request.user
        )
    except (ValidationError, DomainError) as error:
        _refused(error)
        messages.error(request, _message(error))
        return redirect("support:measure", pk=pk)
    messages.success(request, _("A draft is ready: describe the costs, attach the documents."))
    return redirect("support:application", pk=application.case_id)


@login_required
def application(request, pk):
    application = selectors.application_get_for_member(user=request.user, pk=pk)
    if request.method != "POST":
        return _application_page(request, application)
    form = ApplicationForm(request.POST, instance=application)
    if form.is_valid() and _saved(
        form,
        services.grant_application_update,
        fields=form.cleaned_data,
        application=application,
        actor=request.user,
    ):
        messages.success(request, _("The draft is saved."))
        return redirect("support:application", pk=pk)
    return _application_page(request, application, form=form, status=_status(form))


@login_required
@require_POST
def item_add(request, pk):
    application = selectors.application_get_for_member(user=request.user, pk=pk)
    form = CostItemForm(request.POST, request.FILES, measure=application.measure)
    if form.is_valid():
        data = form.cleaned_data
        if _saved(
            form,
            services.cost_item_add,
            application=application,
            actor=request.user,
            upload=data.pop("document"),
            **data,
        ):
            messages.success(request, _("The cost is added."))
            return redirect("support:application", pk=pk)
    return _application_page(request, application, item_form=form, status=_status(form))


@login_required
@require_POST
def document_add(request, pk):
    application = selectors.application_get_for_member(user=request.user, pk=pk)
    form = DocumentForm(request.POST, request.FILES, measure=application.measure)
    if form.is_valid() and _saved(
        form,
        services.grant_document_add,
        application=application,
        actor=request.user,
        requirement_id=form.cleaned_data["requirement"].pk,
        upload=form.cleaned_data["file"],
    ):
        messages.success(request, _("The document is attached."))
        return redirect("support:application", pk=pk)
    return _application_page(request, application, document_form=form, status=_status(form))


@login_required
@require_POST
def item_remove(request, pk, item_pk):
    application = selectors.application_get_for_member(user=request.user, pk=pk)
    success = _("The cost is removed.")
    run_service(
        request,
        services.cost_item_remove,
        success,
        application=application,
        actor=request.user,
        item_id=item_pk,
    )
    return redirect("support:application", pk=pk)


@login_required
@require_POST
def document_remove(request, pk, document_pk):
    application = selectors.application_get_for_member(user=request.user, pk=pk)
    success = _("The document is removed.")
    run_service(
        request,
        services.grant_document_remove,
        success,
        application=application,
        actor=request.user,
        document_id=document_pk,
    )
    return redirect("support:application", pk=pk)


@login_required
def item_file(request, pk, item_pk):
    """A supporting document, to the applicant's members and the fund's reviewers only."""
    application = selectors.application_get_for_anyone_entitled(user=request.user, pk=pk)
    item = selectors.row_get(application.items.all(), item_pk)
    return serve_file(item.document, public=False, download_name=item.document_name)


@login_required
def document_file(request, pk, document_pk):
    application = selectors.application_get_for_anyone_entitled(user=request.user, pk=pk)
    document = selectors.row_get(application.documents.all(), document_pk)
    return serve_file(document.file, public=False, download_name=document.file_name)


@login_required
@require_POST
def score(request, pk):
    """A reviewer scores one criterion (from the review case page)."""
    application = selectors.application_get_for_reviewer(user=request.user, pk=pk)
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
    application = selectors.application_get_for_reviewer(user=request.user, pk=pk)
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


def _application_page(request, application, *, status=200, **forms):
    case = application.case
    measure = application.measure
    editable = case.status in EDITABLE_STATUSES
    if not editable:  # submitted meanwhile (another tab): the forms are gone, say it above
        for form in forms.values():
            for error in form.non_field_errors():
                messages.error(request, error)
    context = {
        "application": application,
        "submission": application,
        "case": case,
        "measure": measure,
        "editable": editable,
        "may_apply": user_can(user=request.user, organization=case.organization, ability=APPLY),
        "form": forms.get("form") or ApplicationForm(instance=application),
        "item_form": forms.get("item_form") or CostItemForm(measure=measure),
        "document_form": forms.get("document_form") or DocumentForm(measure=measure),
        "message_form": MessageForm(),
        "history": review_selectors.case_history(case=case),
        "preview": services.application_computation(application, accepted=False)
        if editable
        else None,
    }
    return render(request, "support/application.html", context, status=status)


def _saved(form, service, **kwargs) -> bool:
    """Run a service for a form; its refusal goes onto the form. True when it succeeded."""
    try:
        service(**kwargs)
    except (ValidationError, DomainError) as error:
        _refused(error)
        apply_errors(form, error)
        form.refusal_status = getattr(error, "status", 400)
        return False
    return True


def _status(form) -> int:
    """400 for bad input; a refusal's own status (409: no longer a draft) when it has one."""
    return getattr(form, "refusal_status", None) or form_status(form)


def _chosen(organizations, pk):
    chosen = next((org for org in organizations if str(org.pk) == str(pk)), None)
    if pk and chosen is None:
        raise Http404
    return chosen or (organizations[0] if organizations else None)


def _open_call(measure):
    return next((call for call in measure.calls.all() if call.is_open()), None)


def _message(error) -> str:
    return error.detail if isinstance(error, DomainError) else " ".join(error.messages)


def _refused(error):
    if isinstance(error, DomainError) and error.status == 404:
        raise Http404 from None
