"""Writes on supply links. One table of states (choices.LINK_TRANSITIONS); each step locks the
link's row, checks the table under the lock, saves with update_fields, audits and notifies the
other side in the same transaction, so the fact and its news commit or roll back together.

Who may do what (anyone else gets NotFound, as if the link did not exist):
- an owner or editor of the supplier records a link and withdraws it while it waits;
- an owner or editor of the customer confirms or declines it;
- an owner or editor of either ends a confirmed link."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from innocluster.core.audit import audit_record, register_actions, register_change_names
from innocluster.core.errors import Conflict, NotFound
from innocluster.core.limits import require_max_length
from innocluster.features.clusters.selectors import shared_cluster_ids
from innocluster.platform.organizations.models import Organization, Product
from innocluster.platform.organizations.permissions import EDIT_PROFILE
from innocluster.platform.organizations.selectors import user_can

from . import notifications as notices
from .choices import LINK_TRANSITIONS, LIVE_STATES, LinkState
from .errors import ChainErrorCode
from .models import REASON_MAX_LENGTH, SUBJECT_MAX_LENGTH, SupplyLink

register_actions(
    {
        "supply_link.recorded": gettext_lazy("recorded a supply link"),
        "supply_link.confirmed": gettext_lazy("confirmed a supply link"),
        "supply_link.declined": gettext_lazy("declined a supply link"),
        "supply_link.withdrawn": gettext_lazy("withdrew a supply link"),
        "supply_link.ended": gettext_lazy("ended a supply link"),
        "supply_link.from_order": gettext_lazy(
            "recorded a supply link from a completed production order"
        ),
    }
)
register_change_names(
    {
        "supplier": pgettext_lazy("the history of changes", "supplier"),
        "customer": pgettext_lazy("the history of changes", "customer"),
        "subject": pgettext_lazy("the history of changes", "what is supplied"),
        "starts_on": pgettext_lazy("the history of changes", "since"),
        "ends_on": pgettext_lazy("the history of changes", "until"),
    }
)


def _error(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def supply_link_record(
    *,
    supplier: Organization,
    actor,
    customer_id,
    starts_on: datetime.date,
    product_id=None,
    subject: str = "",
    ends_on: datetime.date | None = None,
) -> SupplyLink:
    """Record that `supplier` supplies the organization `customer_id` with one of its products
    (`product_id`) or with what `subject` says, from `starts_on` (until `ends_on`, if given).

    The link waits for the customer's confirmation. Refused with a ValidationError (its code
    in ChainErrorCode) and nothing written: an actor who is not an owner or editor of the
    supplier (NotFound), the supplier itself as the customer, an id that is no organization of
    the platform, a product of another organization, neither or both of product and text, an
    over-long text, an end before the start; a live link for the same customer and product is
    a Conflict, checked again by the database's constraint for two requests at once."""
    if not user_can(user=actor, organization=supplier, ability=EDIT_PROFILE):
        raise NotFound(_("No such organization."))
    customer = _customer(supplier, customer_id)
    product, subject = _subject(supplier, product_id, subject)
    _check_period(starts_on, ends_on)
    key = f"p{product.pk}" if product else "t" + subject.casefold()
    link = SupplyLink(
        supplier=supplier,
        customer=customer,
        product=product,
        subject=subject,
        subject_key=key[: SUBJECT_MAX_LENGTH + 2],
        starts_on=starts_on,
        ends_on=ends_on,
        recorded_by=actor,
    )
    try:
        with transaction.atomic():
            _refuse_duplicate(link)
            link.save()
            audit_record(
                actor=actor,
                action="supply_link.recorded",
                target=link,
                organization=supplier,
                changes=_facts(link),
            )
            notices.notify(link, notices.RECORDED, organization_id=customer.pk, actor=actor)
    except IntegrityError:
        raise _duplicate(None) from None
    return link


def _customer(supplier: Organization, customer_id) -> Organization:
    try:
        customer = Organization.objects.get(pk=int(customer_id))
    except (Organization.DoesNotExist, ValueError, TypeError, OverflowError):
        raise _error(
            "customer",
            _("There is no such organization on the platform."),
            ChainErrorCode.UNKNOWN_ORGANIZATION,
        ) from None
    if customer.pk == supplier.pk:
        raise _error(
            "customer",
            _("An organization does not supply itself: choose another organization."),
            ChainErrorCode.SELF_LINK,
        )
    return customer


def _subject(supplier: Organization, product_id, subject: str) -> tuple[Product | None, str]:
    subject = " ".join((subject or "").split())
    if product_id in (None, ""):
        if not subject:
            raise _error(
                "subject",
                _("Choose one of your products or say what you supply."),
                ChainErrorCode.SUBJECT_REQUIRED,
            )
        require_max_length("subject", subject, SUBJECT_MAX_LENGTH)
        return None, subject
    if subject:
        raise _error(
            "subject",
            _("Either choose a product or describe what you supply, not both."),
            ChainErrorCode.SUBJECT_TWICE,
        )
    try:
        product = Product.objects.get(pk=int(product_id), organization=supplier)
    except (Product.DoesNotExist, ValueError, TypeError, OverflowError):
        raise _error(
            "product",
            _("This is not a product of the supplying organization."),
            ChainErrorCode.PRODUCT_NOT_OF_SUPPLIER,
        ) from None
    return product, product.name[:SUBJECT_MAX_LENGTH]


def _check_period(starts_on, ends_on) -> None:
    if starts_on is None:
        raise _error("starts_on", _("Say since when."), "required")
    if ends_on is not None and ends_on < starts_on:
        raise _error("ends_on", _("The end cannot come before the start."), ChainErrorCode.PERIOD)


def _refuse_duplicate(link: SupplyLink) -> None:
    existing = (
        SupplyLink.objects.filter(
            supplier=link.supplier,
            customer=link.customer,
            subject_key=link.subject_key,
            state__in=(LinkState.PENDING, LinkState.CONFIRMED),
        )
        .values_list("pk", flat=True)
        .first()
    )
    if existing:
        raise _duplicate(existing)


def _duplicate(existing) -> Conflict:
    return Conflict(
        _("This supply is already recorded between these organizations."),
        code=ChainErrorCode.DUPLICATE,
        extra={"existing_supply_link": existing} if existing else {},
    )


def supply_link_from_order(
    *, supplier: Organization, customer: Organization, subject: str, starts_on, actor
) -> SupplyLink | None:
    """A completed production order of the exchange (its buyer confirmed the delivery of the
    awarded supplier's work) becomes a confirmed link where the two organizations are members
    of one intersectoral cluster: both sides stood behind it, the buyer by confirming. None
    where they share no cluster; the live link already recorded where there is one. Runs in
    the caller's transaction, so the delivery and its link commit together."""
    if supplier.pk == customer.pk or not shared_cluster_ids(supplier.pk, customer.pk):
        return None
    subject = " ".join((subject or "").split())[:SUBJECT_MAX_LENGTH]
    key = ("t" + subject.casefold())[: SUBJECT_MAX_LENGTH + 2]
    live = SupplyLink.objects.filter(
        supplier=supplier, customer=customer, subject_key=key, state__in=LIVE_STATES
    ).first()
    if live is not None:
        return live
    now = timezone.now()
    link = SupplyLink(
        supplier=supplier, customer=customer, subject=subject, subject_key=key,
        starts_on=starts_on, state=LinkState.CONFIRMED, recorded_by=actor, answered_by=actor,
        answered_at=now,
    )  # fmt: skip
    try:
        with transaction.atomic():
            link.save()
    except IntegrityError:  # the same link recorded at this moment by another order's delivery
        return SupplyLink.objects.filter(
            supplier=supplier, customer=customer, subject_key=key, state__in=LIVE_STATES
        ).first()
    audit_record(
        actor=actor, action="supply_link.from_order", target=link, organization=customer,
        changes=_facts(link),
    )  # fmt: skip
    notices.notify(link, notices.CONFIRMED, organization_id=supplier.pk, actor=actor)
    return link


def supply_link_confirm(*, link: SupplyLink, actor) -> SupplyLink:
    """The customer's owner or editor confirms: the link is shown in the chains from now on."""
    with transaction.atomic():
        link = _acting(link, actor, sides=("customer",))
        _move(link, LinkState.CONFIRMED, answered_by=actor, answered_at=timezone.now())
        _audit(link, "supply_link.confirmed", actor, link.customer)
        notices.notify(link, notices.CONFIRMED, organization_id=link.supplier_id, actor=actor)
    return link


def supply_link_decline(*, link: SupplyLink, actor, reason: str = "") -> SupplyLink:
    """The customer's owner or editor declines, with an optional reason told to the supplier.
    The link is never shown; the supplier may record it again."""
    reason = (reason or "").strip()
    require_max_length("reason", reason, REASON_MAX_LENGTH)
    with transaction.atomic():
        link = _acting(link, actor, sides=("customer",))
        _move(
            link,
            LinkState.DECLINED,
            answered_by=actor,
            answered_at=timezone.now(),
            decline_reason=reason,
        )
        _audit(link, "supply_link.declined", actor, link.customer, reason=reason)
        notices.notify(
            link,
            notices.DECLINED,
            organization_id=link.supplier_id,
            actor=actor,
            reason=reason or "—",
        )
    return link


def supply_link_withdraw(*, link: SupplyLink, actor) -> SupplyLink:
    """The supplier's owner or editor withdraws a link that still waits."""
    with transaction.atomic():
        link = _acting(link, actor, sides=("supplier",))
        _move(link, LinkState.WITHDRAWN)
        _audit(link, "supply_link.withdrawn", actor, link.supplier)
        notices.notify(link, notices.WITHDRAWN, organization_id=link.customer_id, actor=actor)
    return link


def supply_link_end(*, link: SupplyLink, actor, ends_on: datetime.date | None = None):
    """Either side's owner or editor ends a confirmed link on `ends_on` (today if not given;
    not before its start). The link leaves the chains; its history stays."""
    ends_on = ends_on or timezone.localdate()
    with transaction.atomic():
        link = _acting(link, actor, sides=("supplier", "customer"))
        _refuse_unless(link, LinkState.ENDED)
        _check_period(link.starts_on, ends_on)
        _move(link, LinkState.ENDED, ends_on=ends_on, ended_by=actor)
        mine = link.supplier if _acts_for(actor, link.supplier) else link.customer
        _audit(link, "supply_link.ended", actor, mine)
        other = link.customer_id if mine.pk == link.supplier_id else link.supplier_id
        notices.notify(
            link,
            notices.ENDED,
            organization_id=other,
            actor=actor,
            ends_on=date_format(ends_on, "DATE_FORMAT"),
            by=mine.short_name,
        )
    return link


def _acts_for(actor, organization) -> bool:
    return user_can(user=actor, organization=organization, ability=EDIT_PROFILE)


def _acting(link: SupplyLink, actor, *, sides) -> SupplyLink:
    """The link, locked, if `actor` acts for one of `sides`; NotFound otherwise."""
    try:
        link = (
            SupplyLink.objects.select_for_update(of=("self",))
            .select_related("supplier", "customer")
            .get(pk=link.pk)
        )
    except SupplyLink.DoesNotExist:
        raise NotFound(_("No such supply link.")) from None
    if not any(_acts_for(actor, getattr(link, side)) for side in sides):
        raise NotFound(_("No such supply link."))
    return link


def _refuse_unless(link: SupplyLink, target: str) -> None:
    if target not in LINK_TRANSITIONS[link.state]:
        raise Conflict(
            _("This supply link is %(state)s and can no longer be changed this way.")
            % {"state": link.get_state_display()},
            code=ChainErrorCode.LINK_STATE,
            extra={"state": link.state},
        )


def _move(link: SupplyLink, target: str, **fields) -> None:
    _refuse_unless(link, target)
    link.state = target
    for name, value in fields.items():
        setattr(link, name, value)
    link.save(update_fields=["state", "updated_at", *fields])


def _facts(link: SupplyLink) -> dict:
    return {
        "supplier": link.supplier.short_name,
        "customer": link.customer.short_name,
        "subject": link.subject,
        "starts_on": link.starts_on.isoformat(),
        **({"ends_on": link.ends_on.isoformat()} if link.ends_on else {}),
    }


def _audit(link, action: str, actor, organization, **extra) -> None:
    changes = _facts(link)
    changes.update({key: value for key, value in extra.items() if value})
    audit_record(
        actor=actor, action=action, target=link, organization=organization, changes=changes
    )
