"""Capacity offer pages: find idle capacity, ask for it, and answer requests; publish and
change an offer."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innocluster.core.catalogue import FormPage
from innocluster.core.forms import form_status
from innocluster.core.listing import filtered_page, render_catalogue
from innocluster.core.views import call_service

from .. import selectors, services
from ..filters import CapacityOfferFilterSet
from ..forms import AnswerForm, CapacityRequestForm, OfferCreateForm, OfferForm
from ..permissions import can_operate
from ._common import run

PAGE_SIZE = 20


def offer_list(request):
    context, status = filtered_page(
        request, CapacityOfferFilterSet, selectors.offer_list_public(), size=PAGE_SIZE, facets=True
    )
    return render_catalogue(
        request,
        context,
        page="facilities/offers.html",
        results="facilities/includes/offer_results.html",
        status=status,
    )


def offer_detail(request, pk):
    offer = selectors.offer_get_visible(user=request.user, pk=pk)
    is_owner = can_operate(user=request.user, organization=offer.organization)
    form = CapacityRequestForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{_login()}?next={request.path}")
        if form.is_valid() and call_service(
            request,
            services.capacity_request_create,
            form=form,
            success=_("Your request is sent. The owner will answer."),
            offer=offer,
            requester=request.user,
            **form.cleaned_data,
        ):
            return redirect("facilities:offer_detail", pk=pk)
    context = {
        "offer": offer,
        "is_owner": is_owner,
        "form": form,
        "answer_form": AnswerForm(),
        "requests": selectors.offer_requests(offer=offer, user=request.user)
        if request.user.is_authenticated
        else [],
    }
    return render(request, "facilities/offer_detail.html", context, status=form_status(form))


def _login():
    return reverse("accounts:login")


@login_required
@require_POST
def request_decide(request, pk, request_pk, decision):
    offer = selectors.offer_get_visible(user=request.user, pk=pk)
    capacity_request = selectors.capacity_request_get(offer=offer, user=request.user, pk=request_pk)
    if decision not in ("accept", "decline", "withdraw"):
        raise Http404
    if decision == "withdraw":
        run(
            request,
            services.capacity_request_withdraw,
            _("Your request is withdrawn."),
            capacity_request=capacity_request,
        )
        return redirect("facilities:offer_detail", pk=pk)
    form = AnswerForm(request.POST)
    answer = form.cleaned_data["response"] if form.is_valid() else ""
    accept = decision == "accept"
    done = _("The request is accepted.") if accept else _("The request is declined.")
    run(
        request,
        services.capacity_request_decide,
        done,
        capacity_request=capacity_request,
        accept=accept,
        response=answer,
    )
    return redirect("facilities:offer_detail", pk=pk)


def _facilities_of(organizations) -> dict:
    """What an offer may name where it is: a facility of its organization (or of those the
    caller may choose from)."""
    return {"facilities": selectors.facility_list_of(organizations=organizations)}


OFFER = FormPage("facilities/offer_form.html", "facilities:offer_detail", name="offer")
offer_create = OFFER.create(
    OfferCreateForm,
    services.offer_create,
    selectors.operated_organizations,
    form_kwargs=_facilities_of,
)
offer_edit = OFFER.edit(
    OfferForm,
    services.offer_update,
    selectors.offer_get_operated,
    form_kwargs=lambda offer: _facilities_of([offer.organization]),
)
