"""What orders a supplier wants to hear of."""

from django.db import transaction
from django.utils.translation import gettext as _

from innocluster.core.audit import audit_record

from .. import selectors as sel
from ..errors import ExchangeErrorCode as E
from ..models import Category, SupplierInterest
from .common import refuse


@transaction.atomic
def interest_set(*, organization, actor, categories) -> SupplierInterest:
    """Set the categories of orders `organization` (which `actor` owns or edits) is told of
    when one is published; none: it hears of none."""
    if not sel.acting_organizations(user=actor).filter(pk=organization.pk).exists():
        raise refuse(
            "organization",
            _("An owner or editor of the supplier sets what orders it hears of."),
            E.NOT_ALLOWED_SUPPLIER,
        )
    categories = list(categories)
    ids = {getattr(c, "pk", c) for c in categories}
    if Category.objects.filter(pk__in=ids).count() != len(ids):
        raise refuse("categories", _("Choose categories from the list."), "invalid_choice")
    interest, created = SupplierInterest.objects.select_for_update().get_or_create(
        organization=organization, defaults={"updated_by": actor}
    )
    interest.updated_by = actor
    interest.save()
    interest.categories.set(ids)
    audit_record(
        actor=actor, action="exchange.interest_set", target=organization,
        organization=organization,
    )  # fmt: skip
    return interest
