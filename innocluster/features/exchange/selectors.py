"""Reads that depend on who asks. What the caller may not see is a 404, never a 403.

- A draft: only the buyer's owners and editors. A published order: everybody.
- An offer and its documents, before the order is opened (the opening task, at the deadline):
  only the people of its supplier. Nobody else, the buyer and the fund included; not even its
  existence (the order shows no count). After the opening, also the buyer's owners and editors
  and fund staff.
- Another supplier's price: never, but the winning total once the order is awarded.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Prefetch, Q
from django.http import Http404

from innocluster.core.filters import id_or_none

# Who acts for an organization, and who is fund staff: the challenges' selectors answer it for
# the same sealed-until-a-deadline reads; these reuse them.
from innocluster.features.challenges.selectors import (
    ACTING,
    is_fund_staff,
    organization_ids_of,
)
from innocluster.platform.organizations.models import Organization
from innocluster.platform.status.selectors import with_active_status

from .choices import PUBLIC_STATUSES, Access, OfferStatus, Status
from .models import Category, Item, Offer, OfferLine, Order, Rating, Unit


def acting_organizations(*, user):
    """The organizations `user` may post orders or offers for: owner or editor."""
    return Organization.objects.filter(pk__in=organization_ids_of(user, ACTING)).order_by(
        "short_name"
    )


def supplying_organizations(*, user, order):
    """The organizations `user` may offer for on `order`: owner or editor, not the buyer, an
    active participant or partner (open orders) or one of the invited."""
    organizations = acting_organizations(user=user).exclude(pk=order.organization_id)
    if order.access == Access.INVITED:
        return organizations.filter(pk__in=order.invited.values("pk"))
    return with_active_status(organizations)


def is_buyer_person(*, user, order) -> bool:
    return order.organization_id in organization_ids_of(user, ACTING)


def may_run(*, user, order) -> bool:
    """The buyer's owners and editors and fund staff see the opened offers."""
    return is_fund_staff(user) or is_buyer_person(user=user, order=order)


# ---- After the award: the contract, the delivery, the two sides' ratings ------------------


@dataclass(frozen=True)
class RatingSummary:
    average: Decimal  # to one decimal place
    count: int


def supplier_ratings(organization_ids) -> dict[int, RatingSummary]:
    """The ratings the organizations `organization_ids` received on completed orders (as
    supplier or as buyer): their average and count, in one grouped query; an organization
    never rated is absent. For profiles, the comparison and the matching of suppliers."""
    ids = [pk for pk in organization_ids if pk is not None]
    if not ids:
        return {}
    rows = (
        Rating.objects.filter(rated_id__in=ids)
        .values("rated_id")
        .annotate(average=Avg("score"), count=Count("pk"))
    )
    return {
        row["rated_id"]: RatingSummary(
            Decimal(str(row["average"])).quantize(Decimal("0.1"), ROUND_HALF_UP), row["count"]
        )
        for row in rows
    }


def organization_rating(organization_id) -> RatingSummary | None:
    return supplier_ratings([organization_id]).get(organization_id)


def _parties(order) -> tuple[int, int] | None:
    award = getattr(order, "award", None)
    return None if award is None else (order.organization_id, award.offer.organization_id)


def party_organizations(*, user, order) -> list[int]:
    """The sides of the awarded `order` (buyer, winning supplier) `user` acts for (owner or
    editor): who may record the contract, confirm the delivery, rate."""
    sides = _parties(order)
    if sides is None:
        return []
    mine = organization_ids_of(user, ACTING)
    return [pk for pk in sides if pk in mine]


def order_get_party(*, user, pk) -> Order:
    """An awarded order whose buyer or winning supplier `user` acts for; else 404 (a third
    party is not told there is anything to do)."""
    order = (
        _orders()
        .filter(pk=id_or_none(pk), status=Status.AWARDED)
        .select_related("award__offer__organization")
        .first()
    )
    if order is None or not party_organizations(user=user, order=order):
        raise Http404
    return order


def contract_of(*, user, order):
    """The contract of `order` for the people of either side and fund staff; else None."""
    from .models import Contract

    sides = _parties(order)
    if sides is None:
        return None
    if not (is_fund_staff(user) or set(sides) & set(organization_ids_of(user))):
        return None
    return Contract.objects.filter(order=order).first()


def ratings_of_order(*, user, order):
    """The two sides' ratings of `order`, to the people of either side and fund staff."""
    sides = _parties(order)
    if sides is None or not (is_fund_staff(user) or set(sides) & set(organization_ids_of(user))):
        return Rating.objects.none()
    return Rating.objects.filter(order=order).select_related("rater", "rated")


def categories():
    return Category.objects.prefetch_related("units")


def units():
    return Unit.objects.all()


def _orders():
    items = Item.objects.select_related("category", "unit")
    return Order.objects.select_related("organization").prefetch_related(
        Prefetch("items", queryset=items), "files"
    )


def order_list_public():
    """The published orders everybody sees, newest first (the catalogue)."""
    return (
        Order.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("organization")
        .order_by("-published_at", "-pk")
    )


def order_list_own(*, user):
    """The orders of the organizations `user` acts for, drafts included."""
    return _orders().filter(organization_id__in=organization_ids_of(user, ACTING))


def order_get_visible(*, user, pk) -> Order:
    """A published order, or a draft of the caller's organization; else 404."""
    pk = id_or_none(pk)
    mine = organization_ids_of(user, ACTING)
    visible = Q(status__in=PUBLIC_STATUSES) | Q(organization_id__in=mine)
    order = _orders().filter(visible, pk=pk).first()
    if order is None:
        raise Http404
    return order


def order_get_own(*, user, pk) -> Order:
    """An order of an organization `user` acts for, at any stage; else 404."""
    order = order_list_own(user=user).filter(pk=id_or_none(pk)).first()
    if order is None:
        raise Http404
    return order


def _offers():
    lines = OfferLine.objects.select_related("item")
    return Offer.objects.select_related("order", "organization").prefetch_related(
        Prefetch("lines", queryset=lines), "documents"
    )


def offer_list_visible(*, user, order):
    """The offers on `order` that `user` may read, by the rules above."""
    offers = _offers().filter(order=order)
    if not order.is_sealed and may_run(user=user, order=order):
        # A withdrawn offer's prices were taken back: the buyer and the fund never read them.
        return offers.exclude(status=OfferStatus.WITHDRAWN)
    mine = organization_ids_of(user)
    return offers.filter(organization_id__in=mine) if mine else offers.none()


def offer_get_visible(*, user, pk) -> Offer:
    offer = Offer.objects.select_related("order").filter(pk=id_or_none(pk)).first()
    if offer is None:
        raise Http404
    found = offer_list_visible(user=user, order=offer.order).filter(pk=offer.pk).first()
    if found is None:
        raise Http404
    return found


def offer_get_own(*, user, pk) -> Offer:
    """An offer of an organization `user` acts for (owner or editor), any time."""
    ids = organization_ids_of(user, ACTING)
    offer = _offers().filter(pk=id_or_none(pk), organization_id__in=ids).first()
    if offer is None:
        raise Http404
    return offer


def offer_document_get(*, user, pk, document_pk):
    """A document of an offer `user` may read, by the same rules as the offer (sealed: before
    the opening only its supplier's people, the buyer and the fund included get a 404);
    else 404."""
    offer = offer_get_visible(user=user, pk=pk)
    found = offer.documents.filter(pk=id_or_none(document_pk)).first()
    if found is None:
        raise Http404
    return found


def own_offer_on(*, user, order) -> Offer | None:
    """The offer an organization `user` belongs to has made on `order`, if any."""
    mine = organization_ids_of(user)
    return _offers().filter(order=order, organization_id__in=mine).first() if mine else None


def comparable_offers(*, user, order):
    """All offers of an opened order, to its buyer's owners and editors and fund staff;
    404 to anyone else and before the opening."""
    if order.is_sealed or not may_run(user=user, order=order):
        raise Http404
    return offer_list_visible(user=user, order=order)


def file_get_for_download(*, user, order, pk):
    """A file of an order the caller sees: an open one to anybody; a confidential one to the
    buyer's people, fund staff and the people of a supplier that accepted the order's NDA.
    Else 404 (the project's rule: what one may not have, one is not told of)."""
    from .models import NdaAcceptance, OrderFile

    found = OrderFile.objects.filter(order=order, pk=id_or_none(pk)).first()
    if found is None:
        raise Http404
    if not found.confidential or may_run(user=user, order=order):
        return found
    mine = organization_ids_of(user)
    if NdaAcceptance.objects.filter(order=order, organization_id__in=mine).exists():
        return found
    raise Http404


def nda_accepted(*, user, order) -> bool:
    from .models import NdaAcceptance

    mine = organization_ids_of(user)
    return (
        bool(mine) and NdaAcceptance.objects.filter(order=order, organization_id__in=mine).exists()
    )


def questions_public(*, order):
    """The answered questions of an order, for everybody who sees it: text and answer only."""
    return order.questions.exclude(answer="").only("text", "answer", "answered_at")


def interest_organization(*, user, pk) -> Organization:
    """An organization `user` owns or edits, whose interests they may read and set; else 404."""
    organization = acting_organizations(user=user).filter(pk=id_or_none(pk)).first()
    if organization is None:
        raise Http404
    return organization


def interest_categories(*, organization) -> list[int]:
    """The ids of the categories `organization` asked to hear of (none when never set)."""
    from .models import SupplierInterest

    return list(
        SupplierInterest.categories.through.objects.filter(
            supplierinterest__organization=organization
        ).values_list("category_id", flat=True)
    )


def questions_for_buyer(*, order):
    """Every question of the order, the unanswered first, for its buyer's people (never
    who asked: the page shows the text only)."""
    return order.questions.order_by("answered_at", "pk").only(
        "text", "answer", "answered_at", "order_id"
    )


def question_get(*, order, pk):
    question = order.questions.filter(pk=id_or_none(pk)).first()
    if question is None:
        raise Http404
    return question


def orders_won(*, organization_id: int, start, end) -> int:
    """Production orders awarded to the organization's offers in [start, end): what its
    yearly KPI report is filled with."""
    from .models import Award

    return Award.objects.filter(
        offer__organization_id=organization_id, awarded_at__gte=start, awarded_at__lt=end
    ).count()


def awarded_between_participants_facts():
    """The fund's figures (features/figures): production orders awarded where both the buyer and
    the winning supplier hold an active status, one row per award (the supplier's)."""
    from .models import Award

    active = "active"  # the status register's StatusState.ACTIVE
    return Award.objects.filter(
        order__organization__cluster_status__state=active,
        offer__organization__cluster_status__state=active,
    )
