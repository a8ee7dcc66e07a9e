"""Pages for operators: add and change a facility's resources and their closed periods."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innocluster.core.errors import DomainError
from innocluster.core.forms import apply_errors, form_status

from .. import selectors, services
from ..forms import BlackoutForm, ResourceForm
from ._common import run
from .manage import changes

BLACKOUTS_SHOWN = 50


@login_required
def resource_create(request, pk):
    facility = selectors.facility_get_operated(user=request.user, pk=pk)
    form = ResourceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            resource = services.resource_create(
                facility=facility, actor=request.user, **form.cleaned_data
            )
        except (ValidationError, DomainError) as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The resource is saved."))
            return redirect("facilities:resource", pk=resource.pk)
    context = {"form": form, "facility": facility, "resource": None}
    return render(request, "facilities/resource_form.html", context, status=form_status(form))


@login_required
def resource_edit(request, pk):
    resource = selectors.resource_get_operated(user=request.user, pk=pk)
    form = ResourceForm(request.POST or None, instance=resource)
    if request.method == "POST" and form.is_valid():
        try:
            services.resource_update(resource=resource, actor=request.user, **changes(form))
        except (ValidationError, DomainError) as error:
            apply_errors(form, error)
            # The service set the refused values on this instance; the page shows the saved ones.
            resource = selectors.resource_get_operated(user=request.user, pk=pk)
        else:
            messages.success(request, _("The resource is saved."))
            return redirect("facilities:resource", pk=pk)
    return _edit_page(request, resource, form, BlackoutForm(), form_status(form))


def _edit_page(request, resource, form, blackout_form, status):
    blackouts = (
        selectors.blackout_list(resource=resource)
        .filter(ends_at__gt=timezone.now())
        .select_related("resource")
    )
    context = {
        "form": form,
        "resource": resource,
        "facility": resource.facility,
        "blackout_form": blackout_form,
        "blackouts": blackouts[:BLACKOUTS_SHOWN],
    }
    return render(request, "facilities/resource_form.html", context, status=status)


def _blackouts_url(pk) -> str:
    return reverse("facilities:resource_edit", kwargs={"pk": pk}) + "#blackouts"


@login_required
@require_POST
def blackout_add(request, pk):
    resource = selectors.resource_get_operated(user=request.user, pk=pk)
    form = BlackoutForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.blackout_create(
                facility=resource.facility,
                actor=request.user,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                reason=data["reason"],
                resource=None if data["whole_facility"] else resource,
            )
        except (ValidationError, DomainError) as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The closed period is added."))
            return redirect(_blackouts_url(pk))
    page_form = ResourceForm(instance=resource)
    return _edit_page(request, resource, page_form, form, status=form_status(form))


@login_required
@require_POST
def blackout_delete(request, pk, blackout_pk):
    resource = selectors.resource_get_operated(user=request.user, pk=pk)
    blackout = selectors.blackout_get_operated(user=request.user, pk=blackout_pk)
    if blackout.facility_id != resource.facility_id:
        raise Http404
    run(request, services.blackout_delete, _("The closed period is removed."), blackout=blackout)
    return redirect(_blackouts_url(pk))
