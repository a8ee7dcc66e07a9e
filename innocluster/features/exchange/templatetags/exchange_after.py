"""What follows the award, drawn where it belongs: on the order's page (the contract, the
delivery, the ratings and the forms of the sides' next steps) and on an organization's page
(its rating from completed orders)."""

from django import template
from django.utils import timezone

from .. import selectors as sel
from ..choices import Status
from ..forms_after import ContractForm, DeliveryForm, RatingForm

register = template.Library()


@register.inclusion_tag("exchange/includes/after_award.html", takes_context=True)
def after_award(context, order):
    """For the order's page: `{% load exchange_after %}{% after_award order %}`."""
    user = context["request"].user
    if order.status != Status.AWARDED:
        return {"shown": False}
    contract = sel.contract_of(user=user, order=order)
    sides = sel.party_organizations(user=user, order=order)
    buyer = order.organization_id in sides
    ratings = list(sel.ratings_of_order(user=user, order=order))
    rated_by = {rating.rater_id for rating in ratings}
    bound = context.get("after_forms", {})
    today = timezone.localdate()
    forms = {}
    if buyer and contract is None:
        forms["contract"] = bound.get("contract") or ContractForm(
            initial={"amount": order.award.amount, "signed_on": today, "starts_on": today}
        )
    if buyer and contract is not None and not contract.is_delivered:
        forms["delivery"] = bound.get("delivery") or DeliveryForm(initial={"delivered_on": today})
    if contract is not None and contract.is_delivered and set(sides) - rated_by:
        forms["rating"] = bound.get("rating") or RatingForm()
    return {
        "shown": contract is not None or bool(forms) or bool(ratings),
        "order": order,
        "contract": contract,
        "ratings": ratings,
        "forms": forms,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("exchange/includes/organization_rating.html")
def organization_rating(organization):
    """For an organization's page: its average rating and count from completed orders."""
    return {"rating": sel.organization_rating(organization.pk)}
