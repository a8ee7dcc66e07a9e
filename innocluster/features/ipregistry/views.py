from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from innocluster.core.files import serve_file
from innocluster.core.listing import filtered_page
from innocluster.core.uploads import sha256_of
from innocluster.core.views import call_service

from . import selectors, services
from .errors import IPRegistryErrorCode
from .filters import IPObjectFilterSet
from .forms import (
    DEFAULT_ROWS,
    IPObjectForm,
    rightholder_formset,
    rightholder_formset_grown,
    rightholders_from,
    typed_values,
)
from .rules import MAX_RIGHTHOLDERS

PAGE_SIZE = 20
MORE_ROWS = "more_rows"  # the name of the button that asks for more rightholder rows


def ip_list(request):
    """The public register, newest first; searchable by title or by the work's SHA-256."""
    context, status = filtered_page(
        request, IPObjectFilterSet, selectors.ip_object_list_public(), size=PAGE_SIZE
    )
    return render(request, "ipregistry/list.html", context, status=status)


@login_required
def ip_register(request):
    if request.method == "POST" and MORE_ROWS in request.POST:
        return _more_rows(request)
    post = request.POST if request.method == "POST" else None
    initial = {"organization": request.GET.get("organization")}
    form = IPObjectForm(post, request.FILES or None, user=request.user, initial=initial)
    formset = rightholder_formset(post)
    context = {"form": form, "formset": formset, "conflict": None}
    # Both are validated, so errors in the rightholders show along with those of the form.
    if post is None or not all([form.is_valid(), formset.is_valid()]):
        return _render_form(request, context, status=200 if post is None else 400)
    outcome = call_service(
        request,
        services.ip_object_register,
        form=_RefusalPlaces(form, formset),
        success=_("The object is registered and recorded in the ledger."),
        **_registration(request, form, formset),
    )
    if outcome:
        return redirect("ipregistry:detail", pk=outcome.result.pk)
    if outcome.code == IPRegistryErrorCode.IP_ALREADY_REGISTERED:
        context["conflict"] = outcome.error
    return _render_form(request, context, status=outcome.status)


class _RefusalPlaces:
    """Where the page shows a refusal (for call_service, in place of a form): the rightholders'
    above their table, a work registered before in its own block with a link to the
    certificate (`conflict`), the rest on the form."""

    def __init__(self, form, formset):
        self.form, self.formset = form, formset
        self.fields = {**form.fields, "rightholders": None}

    def add_error(self, field, error):
        if field == "rightholders":
            self.formset.non_form_errors().extend(error)
        elif getattr(error, "code", None) != IPRegistryErrorCode.IP_ALREADY_REGISTERED:
            self.form.add_error(field, error)


def _more_rows(request):
    """The form again as typed, with more empty rightholder rows. Nothing is checked or saved:
    the person has not asked to register yet. A browser never fills a file input in again, so
    a file that came along is hashed here, and one to be kept must be chosen again."""
    typed = typed_values(IPObjectForm(request.POST, request.FILES, user=request.user))
    upload = typed.pop("file", None)
    hash_typed = bool((typed.get("work_sha256") or "").strip())
    if upload and not hash_typed and upload.size <= settings.IP_UPLOAD_MAX_BYTES:
        typed["work_sha256"] = sha256_of(upload)
    context = {
        "form": IPObjectForm(user=request.user, initial=typed),
        "formset": rightholder_formset_grown(request.POST, more=DEFAULT_ROWS),
        "conflict": None,
        "choose_file_again": bool(typed.get("keep_file")),
    }
    return _render_form(request, context)


def _render_form(request, context: dict, *, status: int = 200):
    form = context["form"]
    context["can_register"] = form.fields["organization"].queryset.exists()
    context["max_rows"] = MAX_RIGHTHOLDERS
    context["more_rows"] = MORE_ROWS
    return render(request, "ipregistry/register.html", context, status=status)


def _registration(request, form, formset) -> dict:
    data = form.cleaned_data
    return {
        "organization": data["organization"],
        "actor": request.user,
        "title": data["title"],
        "kind": data["kind"],
        "description": data["description"],
        "rightholders": rightholders_from(formset),
        "work_sha256": data["work_sha256"] or None,
        "upload": data["file"],
        "keep_file": data["keep_file"],
    }


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
    """A kept work, always as a download (it may be any file at all), never cached."""
    return serve_file(ip_object.file, public=False, download_name=ip_object.file_name or "work")
