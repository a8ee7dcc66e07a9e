"""Pages of participant status: applying, the application page, and the public register."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innocluster.core.csv_export import csv_response
from innocluster.core.errors import Conflict, DomainError
from innocluster.core.files import serve_file
from innocluster.core.forms import apply_errors, form_status
from innocluster.core.listing import filtered_page
from innocluster.core.views import run_service
from innocluster.platform.organizations.permissions import APPLY
from innocluster.platform.organizations.selectors import organization_get_for, user_can
from innocluster.platform.reviews import selectors as review_selectors
from innocluster.platform.reviews import services as reviews
from innocluster.platform.reviews.forms import MessageForm

from . import selectors, services
from .choices import REQUIRED_DOCUMENTS, StatusAction
from .filters import RegisterFilterSet
from .forms import ApplicationForm, DocumentForm, StatusChangeForm
from .services.applications import EDITABLE_STATUSES

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
    try:
        application = services.status_application_create(
            organization=organization, actor=request.user, kind=request.POST.get("kind", "")
        )
    except Conflict as error:
        messages.error(request, error.detail)
        case_id = error.extra.get("case_id")
        return redirect("participation:application", pk=case_id) if case_id else _home()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _home()
    messages.success(request, _("A draft is ready: check it, attach the documents and submit."))
    return redirect("participation:application", pk=application.case_id)


@login_required
def application(request, pk):
    """The applicant's page: the form while it may change, the documents, the timeline."""
    application = selectors.application_get_for_member(user=request.user, pk=pk)
    if request.method == "POST":
        return _save_form(request, application)
    return _application_page(request, application)


def _application_page(request, application, *, form=None, document_form=None, status=200):
    case = application.case
    context = {
        "application": application,
        "case": case,
        "submission": application,
        "editable": case.status in EDITABLE_STATUSES,
        "form": form or ApplicationForm(instance=application),
        "document_form": document_form or DocumentForm(),
        "message_form": MessageForm(),
        "required_documents": REQUIRED_DOCUMENTS,
        "history": review_selectors.case_history(case=case),
        "may_apply": user_can(user=request.user, organization=case.organization, ability=APPLY),
    }
    return render(request, "participation/application.html", context, status=status)


def _save_form(request, application):
    form = ApplicationForm(request.POST, instance=application)
    if form.is_valid():
        try:
            services.status_application_update(
                application=application, actor=request.user, fields=form.cleaned_data
            )
        except (ValidationError, DomainError) as error:
            _refused(error)
            apply_errors(form, error)
        else:
            messages.success(request, _("The draft is saved."))
            return redirect("participation:application", pk=application.case_id)
    return _application_page(request, application, form=form, status=form_status(form))


@login_required
@require_POST
def document_add(request, pk):
    application = selectors.application_get_for_member(user=request.user, pk=pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.application_document_add(
                application=application,
                actor=request.user,
                doc_type=form.cleaned_data["doc_type"],
                upload=form.cleaned_data["file"],
            )
        except (ValidationError, DomainError) as error:
            _refused(error)
            apply_errors(form, error, default_field="file")
        else:
            messages.success(request, _("The document is attached."))
            return redirect("participation:application", pk=pk)
    return _application_page(request, application, document_form=form, status=form_status(form))


@login_required
@require_POST
def document_remove(request, pk, document_pk):
    application = selectors.application_get_for_member(user=request.user, pk=pk)
    run_service(
        request,
        services.application_document_remove,
        _("The document is removed."),
        actor=request.user,
        application=application,
        document_id=document_pk,
    )
    return redirect("participation:application", pk=pk)


@login_required
def document_file(request, pk, document_pk):
    """A document, to the applicant's members and the fund's reviewers only."""
    application = selectors.application_get_for_anyone_entitled(user=request.user, pk=pk)
    document = selectors.document_get(application=application, pk=document_pk)
    return serve_file(document.file, public=False, download_name=document.file_name)


@login_required
@require_POST
def application_submit(request, pk):
    application = selectors.application_get_for_member(user=request.user, pk=pk)
    try:
        reviews.case_submit(case=application.case, actor=request.user)
    except ValidationError as error:
        return _incomplete(request, application, error)
    except DomainError as error:
        messages.error(request, error.detail)
    else:
        messages.success(request, _("Submitted. The fund's decision is due by the date shown."))
    return redirect("participation:application", pk=pk)


@login_required
@require_POST
def application_resubmit(request, pk):
    application = selectors.application_get_for_member(user=request.user, pk=pk)
    form = MessageForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        reviews.case_resubmit(case=application.case, actor=request.user, message=message)
    except ValidationError as error:
        return _incomplete(request, application, error)
    except DomainError as error:
        messages.error(request, error.detail)
    else:
        messages.success(request, _("Sent back to the fund; the clock runs again."))
    return redirect("participation:application", pk=pk)


@login_required
@require_POST
def application_withdraw(request, pk):
    application = selectors.application_get_for_member(user=request.user, pk=pk)
    run_service(
        request,
        reviews.case_withdraw,
        _("The application is withdrawn."),
        actor=request.user,
        case=application.case,
        reason=request.POST.get("reason", "")[:4000],
    )
    return redirect("participation:application", pk=pk)


def register(request):
    context, status = filtered_page(
        request, RegisterFilterSet, selectors.register_list(), size=PAGE_SIZE
    )
    return render(request, "participation/register.html", context, status=status)


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
        "form": form or StatusChangeForm(),
        "may_change": request.user.is_authenticated and request.user.is_fund_admin,
    }
    return render(request, "participation/entry.html", context, status=status)


@login_required
@require_POST
def register_change(request, number):
    entry = selectors.register_entry_get(number=number)
    if not request.user.is_fund_admin:
        raise Http404
    form = StatusChangeForm(request.POST)
    if form.is_valid():
        try:
            _change_status(entry, request.user, **form.cleaned_data)
        except (ValidationError, DomainError) as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The status is changed and recorded in the ledger."))
            return redirect("participation:entry", number=number)
    return register_entry(request, number, form=form, status=form_status(form))


def _change_status(entry, actor, *, action: str, grounds: str, reason: str):
    if action == StatusAction.REVOKED:
        return services.status_revoke(status=entry, actor=actor, grounds=grounds, reason=reason)
    change = {StatusAction.SUSPENDED: services.status_suspend}.get(action, services.status_restore)
    return change(status=entry, actor=actor, reason=reason)


def _incomplete(request, application, error: ValidationError):
    """Submission refused: the page again, every missing item listed at the top and under
    its field."""
    data = model_to_dict(application, fields=list(ApplicationForm.base_fields))
    form = ApplicationForm({k: v for k, v in data.items() if v not in (False, None)})
    form.is_valid()
    apply_errors(form, error)
    return _application_page(request, application, form=form, status=400)


def _refused(error):
    if isinstance(error, DomainError) and error.status == 404:
        raise Http404 from None


def _home():
    return redirect("participation:home")


def _value(obj, path: str):
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj() if callable(obj) else obj
