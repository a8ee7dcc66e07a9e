"""What the chains tell people: each step of a supply link reaches the people of the other
organization (never the person who took the step), each in their own language."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innocluster.platform.notifications.kinds import NotificationKind, register
from innocluster.platform.notifications.services import notification_send
from innocluster.platform.organizations.selectors import people_of

RECORDED = register(
    NotificationKind(
        "supply.recorded",
        _("{supplier} records that it supplies {customer} with “{subject}”"),
        _(
            "The link is shown in the cooperation chains only after an owner or editor of "
            "{customer} confirms it."
        ),
    )
)
CONFIRMED = register(
    NotificationKind(
        "supply.confirmed",
        _("{customer} confirmed the supply of “{subject}”"),
        _("The link is now shown in the cooperation chains."),
    )
)
DECLINED = register(
    NotificationKind(
        "supply.declined",
        _("{customer} declined the supply of “{subject}”"),
        _("The link is not shown. The reason given: {reason}"),
    )
)
WITHDRAWN = register(
    NotificationKind(
        "supply.withdrawn",
        _("{supplier} withdrew the supply link “{subject}”"),
        _("There is nothing left to confirm."),
    )
)
ENDED = register(
    NotificationKind(
        "supply.ended",
        _("The supply of “{subject}” by {supplier} to {customer} has ended"),
        _("Ended on {ends_on} by {by}."),
    )
)


def notify(link, kind: NotificationKind, *, organization_id: int, actor, **context) -> None:
    """Tell the people of `organization_id`, but not `actor`, about `link`."""
    notification_send(
        recipients=people_of(organization_id=organization_id).exclude(
            pk=getattr(actor, "pk", None)
        ),
        kind=kind.code,
        context={
            "supplier": link.supplier.short_name,
            "customer": link.customer.short_name,
            "subject": link.subject,
            **{key: str(value) for key, value in context.items()},
        },
        url=reverse("chains:link", kwargs={"pk": link.pk}),
    )
