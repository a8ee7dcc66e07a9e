"""Pages for operators: add and change a facility's resources and their closed periods."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innocluster.core.catalogue import FormPage

from .. import selectors, services
from ..forms import BlackoutForm, ResourceForm
from ._common import run

BLACKOUTS_SHOWN = 50


def _blackouts(resource) -> dict:
    """The closed periods still to come, and the form to add one, below the resource's form."""
    blackouts = (
        selectors.blackout_list(resource=resource)
        .filter(ends_at__gt=timezone.now())
        .select_related("resource")
    )
    return {"blackout_form": BlackoutForm(), "blackouts": blackouts[:BLACKOUTS_SHOWN]}


RESOURCE = FormPage(
    "facilities/resource_form.html", "facilities:resource", name="resource", parent="facility"
)
resource_create = RESOURCE.create(
    ResourceForm, services.resource_create, selectors.facility_get_operated
)
resource_edit = RESOURCE.edit(
    ResourceForm, services.resource_update, selectors.resource_get_operated, context=_blackouts
)


def _closed_period(resource, data: dict) -> dict:
    """blackout_create's arguments: the resource closed, or its whole facility."""
    return {
        "facility": resource.facility,
        "starts_at": data["starts_at"],
        "ends_at": data["ends_at"],
        "reason": data["reason"],
        "resource": None if data["whole_facility"] else resource,
    }


blackout_add = resource_edit.part(
    BlackoutForm,
    services.blackout_create,
    "facilities:resource_edit#blackouts",
    arguments=_closed_period,
)


@login_required
@require_POST
def blackout_delete(request, pk, blackout_pk):
    resource = selectors.resource_get_operated(user=request.user, pk=pk)
    blackout = selectors.blackout_get_operated(user=request.user, pk=blackout_pk)
    if blackout.facility_id != resource.facility_id:
        raise Http404
    run(request, services.blackout_delete, _("The closed period is removed."), blackout=blackout)
    return redirect(blackout_add.back_url(pk))
