"""Pages of the exchange: the orders catalogue, an order (its items and files; the supplier's
own offer; once opened, the buyer's comparison and award), and a supplier's offer form."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innocluster.core.forms import form_status
from innocluster.core.listing import filtered_page, render_catalogue
from innocluster.core.views import call_service

from . import selectors as sel
from . import services
from .choices import Status
from .comparison import comparison, per_item
from .filters import OrderFilterSet
from .forms import AwardForm, OfferForm, plain

PAGE_SIZE = 20


def catalogue(request):
    context, status = filtered_page(
        request, OrderFilterSet, sel.order_list_public(), size=PAGE_SIZE, facets=True
    )
    return render_catalogue(
        request, context, page="exchange/catalogue.html",
        results="exchange/includes/catalogue_results.html", status=status,
    )  # fmt: skip


def _order_context(request, order) -> dict:
    user = request.user
    buyer = sel.is_buyer_person(user=user, order=order)
    rows = []
    if not order.is_sealed and sel.may_run(user=user, order=order):
        rows = comparison(order, sel.offer_list_visible(user=user, order=order))
    award = getattr(order, "award", None) if order.status == Status.AWARDED else None
    offering = order.status == Status.PUBLISHED and timezone.now() < order.offers_until
    return {
        "order": order,
        "buyer": buyer,
        "show_budget": order.budget is not None and (order.budget_public or buyer),
        "own_offer": sel.own_offer_on(user=user, order=order),
        "may_offer": offering and sel.supplying_organizations(user=user, order=order).exists(),
        "rows": rows,
        "questions": sel.questions_public(order=order),
        "per_item": per_item(order, rows) if rows else [],
        "award": award,
        "award_form": AwardForm(rows=rows)
        if buyer and rows and order.status == Status.OPENED
        else None,
    }


def order(request, pk):
    order = sel.order_get_visible(user=request.user, pk=pk)
    return render(request, "exchange/order.html", _order_context(request, order))


@login_required
def offer(request, pk):
    order = sel.order_get_visible(user=request.user, pk=pk)
    organizations = sel.supplying_organizations(user=request.user, order=order)
    if order.status != Status.PUBLISHED or not organizations.exists():
        raise Http404
    own = sel.own_offer_on(user=request.user, order=order)
    form = OfferForm(
        request.POST or None, order=order, organizations=organizations, initial=_initial(own)
    )
    if request.method == "POST" and form.is_valid():
        outcome = call_service(
            request, services.offer_submit, form=form, success=_("Your offer is sealed."),
            order=order, actor=request.user, **form.service_values(),
        )  # fmt: skip
        if outcome:
            return redirect("exchange:order", pk=order.pk)
    context = {"order": order, "form": form, "own_offer": own}
    return render(request, "exchange/offer.html", context, status=form_status(form))


def _initial(offer) -> dict:
    """The offer form filled with the supplier's current offer, to change it."""
    if offer is None:
        return {}
    lines = list(offer.lines.all())
    prices = {f"price_{line.item_id}": line.price for line in lines}
    vat = {"vat_rate": plain(lines[0].vat_rate)} if lines else {}
    return {
        "organization": offer.organization_id, "lead_time_days": offer.lead_time_days,
        "comment": offer.comment, **prices, **vat,
    }  # fmt: skip


@login_required
@require_POST
def award(request, pk):
    order = sel.order_get_own(user=request.user, pk=pk)
    rows = comparison(order, sel.comparable_offers(user=request.user, order=order))
    form = AwardForm(request.POST, rows=rows)
    if form.is_valid():
        outcome = call_service(
            request, services.order_award, form=form, success=_("The order is awarded."),
            order=order, actor=request.user, offer_id=form.cleaned_data["offer"],
            reason=form.cleaned_data["reason"],
        )  # fmt: skip
        if outcome:
            return redirect("exchange:order", pk=order.pk)
    context = _order_context(request, order) | {"award_form": form}
    return render(request, "exchange/order.html", context, status=form_status(form) or 400)
