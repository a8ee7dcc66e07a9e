"""Posting an order: the draft with its items, its files, and publishing it."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innocluster.core.audit import audit_record
from innocluster.core.errors import Conflict
from innocluster.core.files import files_deleted_on_rollback
from innocluster.core.uploads import sha256_of, validate_if_pdf

from .. import selectors as sel
from ..choices import MAX_FILE_BYTES, MAX_FILES, MAX_ITEMS, WEIGHTS_TOTAL, Access, Criteria, Status
from ..errors import ExchangeErrorCode as E
from ..models import Item, Order, OrderFile
from .common import locked, refuse

ORDER_FIELDS = (
    "title", "description", "delivery_place", "delivery_date", "budget", "budget_public",
    "access", "questions_until", "offers_until", "criteria", "weight_price",
    "weight_lead_time", "weight_rating",
)  # fmt: skip


@transaction.atomic
def order_create(*, organization, actor, items: list[dict], invited=(), **fields) -> Order:
    """A draft order of `organization` (which `actor` owns or edits) with its `items` (dicts
    of name, category, quantity, unit, material, tolerances). Each item's unit is one its
    category is measured in; the periods and criteria are checked; nothing is written when
    anything is refused."""
    if organization not in sel.acting_organizations(user=actor):
        raise refuse(
            "organization",
            _("An order is posted by an owner or editor of the buying organization."),
            E.NOT_A_BUYER,
        )
    unknown = set(fields) - set(ORDER_FIELDS)
    if unknown:
        raise TypeError(f"order_create() got unexpected fields {sorted(unknown)}")
    order = Order(organization=organization, created_by=actor, **fields)
    _check(order)
    order.full_clean(exclude=["search_text", "organization", "created_by"])
    order.save()
    _set_items(order, items)
    order.invited.set(_invited(order, invited))
    audit_record(
        actor=actor, action="exchange.order_created", target=order, organization=organization
    )
    return order


@transaction.atomic
def order_update(
    *, order, actor, items: list[dict] | None = None, invited=None, **changes
) -> Order:
    """Change a draft (its fields, its items when given, the invited suppliers)."""
    order = locked(order)
    if order.status != Status.DRAFT:
        raise Conflict(_("A published order cannot be changed."), code=E.NOT_A_DRAFT)
    for name, value in changes.items():
        if name not in ORDER_FIELDS:
            raise TypeError(f"order_update() got an unexpected field {name!r}")
        setattr(order, name, value)
    _check(order)
    order.full_clean(exclude=["search_text", "organization", "created_by"])
    order.save()
    if items is not None:
        order.items.all().delete()
        _set_items(order, items)
    if invited is not None:
        order.invited.set(_invited(order, invited))
    audit_record(
        actor=actor, action="exchange.order_updated", target=order, organization=order.organization
    )
    return order


def _check(order) -> None:
    if order.questions_until and order.offers_until and order.questions_until > order.offers_until:
        raise refuse(
            "questions_until",
            _("Questions must close no later than offers."),
            E.PERIODS_OUT_OF_ORDER,
        )
    if order.criteria == Criteria.LOWEST_PRICE:
        order.weight_price, order.weight_lead_time, order.weight_rating = WEIGHTS_TOTAL, 0, 0
    weights = (order.weight_price, order.weight_lead_time, order.weight_rating)
    if any(w is None or w < 0 for w in weights) or sum(weights) != WEIGHTS_TOTAL:
        raise refuse(
            "weight_price",
            _("The weights of price, lead time and rating must sum to 100."),
            E.WEIGHTS_INVALID,
        )


def _set_items(order, items) -> None:
    if not items or len(items) > MAX_ITEMS:
        raise refuse("items", _("Give from 1 to %(max)d items.") % {"max": MAX_ITEMS}, E.NO_ITEMS)
    allowed = {c.pk: {u.pk for u in c.units.all()} for c in sel.categories()}
    rows = []
    for position, values in enumerate(items):
        item = Item(order=order, position=position, **values)
        if item.unit_id not in allowed.get(item.category_id, set()):
            raise refuse(
                "items",
                _("Item %(n)d: “%(unit)s” is not a unit for “%(category)s”.")
                % {"n": position + 1, "unit": item.unit, "category": item.category},
                E.WRONG_UNIT,
            )
        if item.quantity is None or Decimal(item.quantity) <= 0:
            raise refuse(
                "items", _("Item %(n)d: the quantity must be above zero.") % {"n": position + 1},
                "invalid",
            )  # fmt: skip
        item.full_clean(exclude=["order"])
        rows.append(item)
    Item.objects.bulk_create(rows)


def _invited(order, invited) -> list:
    invited = list(invited)
    if order.access != Access.INVITED:
        return []
    if not invited:
        raise refuse("invited", _("Invite at least one supplier."), "required")
    return [org for org in invited if org.pk != order.organization_id]


@transaction.atomic
def order_publish(*, order, actor) -> Order:
    """Publish a draft: suppliers see it and may offer until `offers_until`, when the
    opening task (scheduled here, on commit) opens the offers together."""
    order = locked(order)
    if not sel.is_buyer_person(user=actor, order=order):
        raise refuse("order", _("Only the buyer publishes its order."), E.NOT_A_BUYER)
    if order.status != Status.DRAFT:
        raise Conflict(_("The order is already published."), code=E.NOT_A_DRAFT)
    if order.questions_until <= timezone.now():
        raise refuse(
            "questions_until", _("The questions period must end in the future."),
            E.PERIODS_OUT_OF_ORDER,
        )  # fmt: skip
    order.status, order.published_at = Status.PUBLISHED, timezone.now()
    order.save(update_fields=["status", "published_at"])
    audit_record(
        actor=actor, action="exchange.order_published", target=order,
        organization=order.organization,
    )  # fmt: skip
    from ..tasks import notify_interested, schedule_opening

    transaction.on_commit(lambda: schedule_opening(order.pk, order.offers_until), robust=True)
    transaction.on_commit(lambda: notify_interested.enqueue(order.pk), robust=True)
    return order


def order_file_add(*, order, actor, upload, confidential: bool = False) -> OrderFile:
    """Attach a drawing or specification (a PDF is checked by its content) to an order not
    yet closed for offers. Its file is deleted again if anything after it fails."""
    with files_deleted_on_rollback() as written, transaction.atomic():
        return _file_add(order, actor, upload, confidential, written)


def _file_add(order, actor, upload, confidential: bool, written) -> OrderFile:
    order = locked(order)
    if not sel.is_buyer_person(user=actor, order=order):
        raise refuse("order", _("Only the buyer attaches files to its order."), E.NOT_A_BUYER)
    if order.status not in (Status.DRAFT, Status.PUBLISHED) or order.offers_until <= timezone.now():
        raise Conflict(_("Offers on this order are closed."), code=E.OFFERS_CLOSED)
    if order.files.count() >= MAX_FILES:
        raise refuse("file", _("At most %(max)d files.") % {"max": MAX_FILES}, E.TOO_MANY_FILES)
    if upload.size > MAX_FILE_BYTES:
        raise refuse("file", _("The file is larger than 20 MB."), "file_too_large")
    try:
        validate_if_pdf(upload, max_bytes=MAX_FILE_BYTES)
    except ValidationError as error:
        raise ValidationError({"file": error}) from None
    document = OrderFile(
        order=order, name=upload.name[:200], sha256=sha256_of(upload), confidential=confidential
    )
    written.save(document.file, upload.name, upload)
    document.save()
    audit_record(
        actor=actor, action="exchange.file_added", target=order, organization=order.organization
    )
    return document
