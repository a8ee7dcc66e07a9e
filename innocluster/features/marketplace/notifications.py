"""What the marketplace tells people, each in their own language: the vendor of a new inquiry
and of each buyer's message, the buyer of each answer, the vendor that the inquiry became a
production order, and the other side that an inquiry was closed."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innocluster.platform.notifications.kinds import NotificationKind, register
from innocluster.platform.notifications.services import notification_send
from innocluster.platform.organizations.selectors import people_of

INQUIRY_RECEIVED = register(
    NotificationKind(
        "marketplace.inquiry_received",
        _("An inquiry about “{product}”"),
        _("{buyer} asks about your product on the marketplace. Answer it on the inquiry's page."),
    )
)
MESSAGE_FROM_BUYER = register(
    NotificationKind(
        "marketplace.buyer_wrote",
        _("{buyer} wrote about “{product}”"),
        _("A new message in the inquiry about your product."),
    )
)
ANSWERED = register(
    NotificationKind(
        "marketplace.vendor_answered",
        _("{vendor} answered your inquiry about “{product}”"),
        _("Read the answer on the inquiry's page."),
    )
)
ORDERED = register(
    NotificationKind(
        "marketplace.ordered",
        _("{buyer} placed an order for “{product}”"),
        _(
            "The inquiry became a production order to your organization alone: send your "
            "offer by {deadline} (Moscow time)."
        ),
    )
)
CLOSED = register(
    NotificationKind(
        "marketplace.closed",
        _("The inquiry about “{product}” is closed"),
        _("{who} closed the inquiry."),
    )
)


def _url(inquiry) -> str:
    return reverse("marketplace:inquiry", args=[inquiry.pk])


def _except(people, actor):
    return people.exclude(pk=actor.pk)


def inquiry_received(inquiry, *, actor) -> None:
    notification_send(
        recipients=_except(people_of(organization_id=inquiry.vendor_id), actor),
        kind=INQUIRY_RECEIVED.code,
        context={"product": inquiry.listing.product.name, "buyer": inquiry.buyer.short_name},
        url=_url(inquiry),
    )


def message_posted(inquiry, message) -> None:
    """The other side hears of a message: the buyer of the vendor's, the vendor of the
    buyer's."""
    product = inquiry.listing.product.name
    if message.from_vendor:
        recipients, kind = people_of(organization_id=inquiry.buyer_id), ANSWERED.code
    else:
        recipients, kind = people_of(organization_id=inquiry.vendor_id), MESSAGE_FROM_BUYER.code
    notification_send(
        recipients=_except(recipients, message.author),
        kind=kind,
        context={
            "product": product,
            "buyer": inquiry.buyer.short_name,
            "vendor": inquiry.vendor.short_name,
        },
        url=_url(inquiry),
    )


def ordered(inquiry, *, deadline: str, actor) -> None:
    notification_send(
        recipients=_except(people_of(organization_id=inquiry.vendor_id), actor),
        kind=ORDERED.code,
        context={
            "product": inquiry.listing.product.name,
            "buyer": inquiry.buyer.short_name,
            "deadline": deadline,
        },
        url=reverse("exchange:order", args=[inquiry.order_id]),
    )


def closed(inquiry, *, by_vendor: bool, actor) -> None:
    other = inquiry.buyer_id if by_vendor else inquiry.vendor_id
    who = inquiry.vendor if by_vendor else inquiry.buyer
    notification_send(
        recipients=_except(people_of(organization_id=other), actor),
        kind=CLOSED.code,
        context={"product": inquiry.listing.product.name, "who": who.short_name},
        url=_url(inquiry),
    )
