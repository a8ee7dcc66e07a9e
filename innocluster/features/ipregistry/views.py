from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from innocluster.core.files import serve_file
from innocluster.core.listing import filtered_page
from innocluster.core.uploads import sha256_of
from innocluster.core.views import call_service
from innocluster.platform.organizations.models import Organization

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
WAITS = gettext_lazy(
    "The registration waits for the rightholders' confirmation: it is recorded in the ledger "
    "once every organization named as a rightholder confirms."
)
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
        **_registration(request, form, formset),
    )
    if outcome:
        if outcome.result.is_registered:
            messages.success(request, _("The object is registered and recorded in the ledger."))
        else:
            messages.success(request, WAITS)
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
    """The public certificate: what was registered, by whom, when, and its ledger entry. A
    registration not final yet (or never) only for the people of the organizations involved,
    with what each may do: confirm or decline, withdraw."""
    ip_object = selectors.ip_object_get_for(user=request.user, pk=pk)
    roles = selectors.my_roles(user=request.user)
    context = {
        "ip_object": ip_object,
        "can_download": selectors.ip_file_visible(user=request.user, ip_object=ip_object),
        "actions": selectors.ip_actions_for(ip_object=ip_object, roles=roles),
        "reason_max": services.REASON_MAX_LENGTH,
    }
    return render(request, "ipregistry/detail.html", context)


@login_required
def ip_waiting(request):
    """Both sides' waiting lists: registrations that name an organization of mine as a
    rightholder, to confirm or decline; and those my organizations registered, to withdraw."""
    roles = selectors.my_roles(user=request.user)

    def rows(objects):
        return [
            {"ip_object": o, **selectors.ip_actions_for(ip_object=o, roles=roles)}
            for o in objects[:WAITING_LIMIT]
        ]

    context = {
        "to_answer": rows(selectors.ip_waiting(user=request.user, side="rightholder")),
        "to_be_answered": rows(selectors.ip_waiting(user=request.user, side="registrant")),
        "limit": WAITING_LIMIT,
        "reason_max": services.REASON_MAX_LENGTH,
    }
    return render(request, "ipregistry/waiting.html", context)


WAITING_LIMIT = 100  # each side: more than anyone keeps waiting; the oldest come first


@require_POST
@login_required
def ip_confirm(request, pk):
    ip_object = selectors.ip_object_get_for(user=request.user, pk=pk)
    call_service(
        request,
        services.ip_object_confirm,
        success=_("Your confirmation is recorded."),
        ip_object=ip_object,
        actor=request.user,
        organization=_answering_for(request),
    )
    return _back(request, ip_object)


@require_POST
@login_required
def ip_decline(request, pk):
    ip_object = selectors.ip_object_get_for(user=request.user, pk=pk)
    call_service(
        request,
        services.ip_object_decline,
        success=_("The registration is declined."),
        ip_object=ip_object,
        actor=request.user,
        organization=_answering_for(request),
        reason=request.POST.get("reason", ""),
    )
    return _back(request, ip_object)


@require_POST
@login_required
def ip_withdraw(request, pk):
    ip_object = selectors.ip_object_get_for(user=request.user, pk=pk)
    call_service(
        request,
        services.ip_object_withdraw,
        success=_("The registration is withdrawn."),
        ip_object=ip_object,
        actor=request.user,
    )
    return _back(request, ip_object)


def _answering_for(request):
    """The organization a button answers for (each button names one), as the service takes
    it: one that does not exist simply matches no rightholder."""
    value = request.POST.get("organization", "")
    if not value.isdigit() or len(value) > 18:
        return None
    return Organization(pk=int(value))


def _back(request, ip_object):
    """Back to the waiting list the button was on, or to the registration's page."""
    if request.POST.get("back") == "waiting":
        return redirect("ipregistry:waiting")
    return redirect("ipregistry:detail", pk=ip_object.pk)


def ip_file(request, pk):
    """A kept work, for its organization's members and fund staff only; 404 for anyone else."""
    ip_object = selectors.ip_object_get_with_file(user=request.user, pk=pk)
    return serve_work(ip_object)


def serve_work(ip_object):
    """A kept work, always as a download (it may be any file at all), never cached."""
    return serve_file(ip_object.file, public=False, download_name=ip_object.file_name or "work")
