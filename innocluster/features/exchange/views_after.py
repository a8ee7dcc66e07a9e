"""Page actions of what follows the award, on the order's page: the buyer records the
contract and confirms the delivery; each side rates the other. A refusal shows the order's
page again with the form's errors."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innocluster.core.forms import form_status
from innocluster.core.views import call_service

from . import selectors as sel
from . import services
from .forms_after import ContractForm, DeliveryForm, RatingForm
from .views import _order_context


def _act(request, pk, *, form_class, name, service, success, own=True):
    order = (sel.order_get_own if own else sel.order_get_party)(user=request.user, pk=pk)
    form = form_class(request.POST)
    if form.is_valid():
        outcome = call_service(
            request, service, form=form, success=success, order=order, actor=request.user,
            **form.cleaned_data,
        )  # fmt: skip
        if outcome:
            return redirect("exchange:order", pk=order.pk)
    context = _order_context(request, order) | {"after_forms": {name: form}}
    return render(request, "exchange/order.html", context, status=form_status(form) or 400)


@login_required
@require_POST
def contract(request, pk):
    return _act(
        request, pk, form_class=ContractForm, name="contract", service=services.contract_record,
        success=_("The contract is recorded."),
    )  # fmt: skip


@login_required
@require_POST
def delivery(request, pk):
    return _act(
        request, pk, form_class=DeliveryForm, name="delivery", service=services.delivery_confirm,
        success=_("The delivery is confirmed: the order is complete."),
    )  # fmt: skip


@login_required
@require_POST
def rating(request, pk):
    return _act(
        request, pk, form_class=RatingForm, name="rating", service=services.rating_give,
        success=_("Thank you: your rating is saved."), own=False,
    )  # fmt: skip
