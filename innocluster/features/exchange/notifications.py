"""What the exchange tells people, each in their own language: the supplier that its offer is
sealed, the buyer that the offers are open, every supplier the outcome (the losers with the
winning price)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innocluster.core.calendar import moscow_iso
from innocluster.platform.notifications.kinds import NotificationKind, register
from innocluster.platform.notifications.services import notification_send
from innocluster.platform.organizations.selectors import people_of

from .choices import OfferStatus

OFFER_SEALED = register(
    NotificationKind(
        "exchange.offer_sealed",
        _("Your offer on “{order}” is sealed"),
        _(
            "Version {version}; you may change or withdraw it until {deadline} (Moscow time). "
            "Nobody reads it before then."
        ),
    )
)
OPENED = register(
    NotificationKind(
        "exchange.opened",
        _("The offers on “{order}” are open"),
        _("{count} offers; compare them and award the order on its page."),
    )
)
WON = register(
    NotificationKind(
        "exchange.won",
        _("Your offer on “{order}” won"),
        _("The buyer awarded the order to your offer of {amount} RUB with VAT."),
    )
)
LOST = register(
    NotificationKind(
        "exchange.lost",
        _("“{order}” was awarded to another offer"),
        _("The winning offer is {amount} RUB with VAT. Thank you for taking part."),
    )
)
CANCELLED = register(
    NotificationKind(
        "exchange.cancelled",
        _("“{order}” is cancelled"),
        _("The buyer cancelled the order: {reason}"),
    )
)

FOR_YOU = register(
    NotificationKind(
        "exchange.order_for_you",
        _("A new production order: “{order}”"),
        _(
            "{buyer} needs {categories}, what you asked to hear of. Offers are accepted until "
            "{deadline} (Moscow time)."
        ),
    )
)
CONTRACT_RECORDED = register(
    NotificationKind(
        "exchange.contract_recorded",
        _("The contract on “{order}” is recorded"),
        _("{amount} RUB with VAT, to be performed from {starts_on} until {ends_on}."),
    )
)
DELIVERED = register(
    NotificationKind(
        "exchange.delivered",
        _("The buyer confirmed the delivery on “{order}”"),
        _("Delivered on {delivered_on}. You may now rate the buyer on the order's page."),
    )
)
RATED = register(
    NotificationKind(
        "exchange.rated",
        _("{rater} rated your work on “{order}”"),
        _("{score} of 5. {comment}"),
    )
)


def _url(order) -> str:
    return reverse("exchange:order", args=[order.pk])


def offer_sealed(offer) -> None:
    deadline = moscow_iso(offer.order.offers_until)  # read in the reader's language (rendering)
    notification_send(
        recipients=people_of(organization_id=offer.organization_id),
        kind=OFFER_SEALED.code,
        context={"order": offer.order.title, "version": offer.version, "deadline": deadline},
        url=_url(offer.order),
        email=False,
    )


def order_opened(order, *, count: int) -> None:
    notification_send(
        recipients=people_of(organization_id=order.organization_id),
        kind=OPENED.code,
        context={"order": order.title, "count": count},
        url=_url(order),
    )


def order_awarded(order, award) -> None:
    amount = str(award.amount)  # read in the reader's language (rendering)
    for offer in order.offers.filter(status=OfferStatus.SUBMITTED):
        notification_send(
            recipients=people_of(organization_id=offer.organization_id),
            kind=WON.code if offer.pk == award.offer_id else LOST.code,
            context={"order": order.title, "amount": amount},
            url=_url(order),
        )


def order_cancelled(order) -> None:
    for offer in order.offers.filter(status=OfferStatus.SUBMITTED):
        notification_send(
            recipients=people_of(organization_id=offer.organization_id),
            kind=CANCELLED.code,
            context={"order": order.title, "reason": order.cancel_reason},
            url=_url(order),
        )


def order_for_you(order) -> int:
    """Tell every supplier that opted in to the order's categories (matching) of it."""
    from .matching import interested_suppliers

    deadline = moscow_iso(order.offers_until)  # read in the reader's language (rendering)
    wanted = {}
    for item in order.items.select_related("category"):
        wanted[item.category_id] = item.category
    told = 0
    for organization in interested_suppliers(order).prefetch_related(
        "exchange_interest__categories"
    ):
        theirs = {c.pk for c in organization.exchange_interest.categories.all()}
        names = ", ".join(c.name for pk, c in wanted.items() if pk in theirs)
        notification_send(
            recipients=people_of(organization_id=organization.pk),
            kind=FOR_YOU.code,
            context={
                "order": order.title, "buyer": order.organization.short_name,
                "categories": names, "deadline": deadline,
            },
            url=_url(order),
        )  # fmt: skip
        told += 1
    return told


def contract_recorded(contract, *, actor) -> None:
    """The winning supplier's people learn of the contract the buyer recorded."""
    notification_send(
        recipients=people_of(organization_id=contract.award.offer.organization_id).exclude(
            pk=actor.pk
        ),
        kind=CONTRACT_RECORDED.code,
        context={
            "order": contract.order.title,
            "amount": str(contract.amount),  # read in the reader's language (rendering)
            "starts_on": contract.starts_on.isoformat(),
            "ends_on": contract.ends_on.isoformat(),
        },  # fmt: skip
        url=_url(contract.order),
    )


def delivered(contract, *, actor) -> None:
    notification_send(
        recipients=people_of(organization_id=contract.award.offer.organization_id).exclude(
            pk=actor.pk
        ),
        kind=DELIVERED.code,
        context={"order": contract.order.title, "delivered_on": contract.delivered_on.isoformat()},
        url=_url(contract.order),
    )


def rated(rating, *, actor) -> None:
    notification_send(
        recipients=people_of(organization_id=rating.rated_id).exclude(pk=actor.pk),
        kind=RATED.code,
        context={
            "order": rating.order.title,
            "rater": rating.rater.short_name,
            "score": rating.score,
            "comment": rating.comment,
        },  # fmt: skip
        url=_url(rating.order),
    )
