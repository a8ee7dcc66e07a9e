"""What the IP register tells people, and whom: each step of a registration that waits for its
rightholders' consent reaches the people of the registering organization and of every
rightholder organization of the platform (not the person who took the step), in each reader's
own language."""

from itertools import chain

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innocluster.platform.notifications.kinds import NotificationKind, register
from innocluster.platform.notifications.services import notification_send
from innocluster.platform.organizations.selectors import people_of

CONSENT_REQUESTED = register(
    NotificationKind(
        "ip.consent_requested",
        _("{registrant} names {rightholder} as a rightholder of “{title}”"),
        _(
            "The registration is recorded in the ledger only after every organization named "
            "as a rightholder confirms it. An owner or editor of {rightholder} confirms or "
            "declines it."
        ),
    )
)
PENDING = register(
    NotificationKind(
        "ip.pending",
        _("“{title}” waits for the rightholders' confirmation"),
        _("{registrant} registered it; it is recorded in the ledger once {waiting} confirm."),
    )
)
CONFIRMED = register(
    NotificationKind(
        "ip.consent_confirmed",
        _("{rightholder} confirmed the registration of “{title}”"),
        _("Still waiting for: {waiting}."),
    )
)
REGISTERED = register(
    NotificationKind(
        "ip.registered",
        _("“{title}” is registered"),
        _("Every rightholder confirmed; the registration is recorded in the ledger."),
    )
)
DECLINED = register(
    NotificationKind(
        "ip.consent_declined",
        _("{rightholder} declined the registration of “{title}”"),
        _("The registration is not recorded. The reason given: {reason}"),
    )
)
WITHDRAWN = register(
    NotificationKind(
        "ip.withdrawn",
        _("{registrant} withdrew the registration of “{title}”"),
        _("The registration is not recorded."),
    )
)


def notify(ip_object, kind: NotificationKind, *, organization_ids, actor, **context) -> None:
    """Tell the people of `organization_ids`, but not `actor`, about `ip_object`."""
    people = chain.from_iterable(
        people_of(organization_id=pk).exclude(pk=getattr(actor, "pk", None))
        for pk in sorted(set(organization_ids))
    )
    notification_send(
        recipients=people,
        kind=kind.code,
        context={
            "title": ip_object.title,
            "registrant": ip_object.organization.short_name,
            **{key: str(value) for key, value in context.items()},
        },
        url=reverse("ipregistry:detail", kwargs={"pk": ip_object.pk}),
    )
