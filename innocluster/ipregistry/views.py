from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from innocluster.core.errors import DomainError
from innocluster.core.forms import apply_errors

from . import selectors, services
from .filters import IPObjectFilterSet
from .forms import DEFAULT_ROWS, IPObjectForm, rightholder_formset, rightholders_from
from .rules import MAX_RIGHTHOLDERS

PAGE_SIZE = 20


def ip_list(request):
    """The public register, newest first; searchable by title or by the work's SHA-256."""
    filterset = IPObjectFilterSet(request.GET, queryset=selectors.ip_object_list_public())
    valid = filterset.is_valid()
    queryset = filterset.qs if valid else selectors.ip_object_list_public().none()
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": filterset, "page": page, "query": query.urlencode()}
    return render(request, "ipregistry/list.html", context, status=200 if valid else 400)


def _rows(request) -> int:
    try:
        return int(request.GET.get("rows", DEFAULT_ROWS))
    except ValueError:
        return DEFAULT_ROWS


@login_required
def ip_register(request):
    post = request.POST if request.method == "POST" else None
    initial = {"organization": request.GET.get("organization")}
    form = IPObjectForm(post, request.FILES or None, user=request.user, initial=initial)
    formset = rightholder_formset(post, rows=_rows(request))
    rightholder_errors: list[str] = []
    # Both are validated, so errors in the rightholders show along with those of the form.
    if post is not None and all([form.is_valid(), formset.is_valid()]):
        try:
            ip_object = _register(request, form, formset)
        except ValidationError as error:
            rightholder_errors = _apply(form, error)
        except DomainError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The object is registered and recorded in the ledger."))
            return redirect("ipregistry:detail", pk=ip_object.pk)
    invalid = post is not None and (
        form.errors or formset.total_error_count() or rightholder_errors
    )
    context = {
        "form": form,
        "formset": formset,
        "rightholder_errors": rightholder_errors,
        "can_register": form.fields["organization"].queryset.exists(),
        "max_rows": MAX_RIGHTHOLDERS,
    }
    return render(request, "ipregistry/register.html", context, status=400 if invalid else 200)


def _register(request, form, formset):
    data = form.cleaned_data
    return services.ip_object_register(
        organization=data["organization"],
        actor=request.user,
        title=data["title"],
        kind=data["kind"],
        description=data["description"],
        rightholders=rightholders_from(formset),
        work_sha256=data["work_sha256"] or None,
        upload=data["file"],
        keep_file=data["keep_file"],
    )


def _apply(form, error: ValidationError) -> list[str]:
    """Show the service's errors on the form; return those about rightholders for the table."""
    if not hasattr(error, "error_dict"):
        apply_errors(form, error)
        return []
    errors = error.message_dict
    rightholders = errors.pop("rightholders", [])
    if errors:
        apply_errors(form, ValidationError(errors))
    return rightholders


def ip_detail(request, pk):
    """The public certificate: what was registered, by whom, when, and its ledger entry."""
    ip_object = selectors.ip_object_get_public(pk=pk)
    context = {
        "ip_object": ip_object,
        "can_download": selectors.ip_file_visible(user=request.user, ip_object=ip_object),
    }
    return render(request, "ipregistry/detail.html", context)


def ip_file(request, pk):
    """A kept work, for its organization's members and fund staff only; 404 for anyone else."""
    ip_object = selectors.ip_object_get_with_file(user=request.user, pk=pk)
    return serve_work(ip_object)


def serve_work(ip_object):
    try:
        response = FileResponse(
            ip_object.file.open("rb"),
            as_attachment=True,
            filename=ip_object.file_name or "work",
            content_type="application/octet-stream",
        )
    except FileNotFoundError:
        raise Http404 from None
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response
