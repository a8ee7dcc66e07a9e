"""What clusters tell people, and whom: each step of an invitation, a join request or a
departure reaches the people of the organizations it concerns (never the person who took the
step), in each reader's own language."""

from itertools import chain

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innocluster.platform.accounts.choices import StaffRole
from innocluster.platform.accounts.models import User
from innocluster.platform.notifications.kinds import NotificationKind, register
from innocluster.platform.notifications.services import notification_send
from innocluster.platform.organizations.selectors import people_of

INVITED = register(
    NotificationKind(
        "clusters.invited",
        _("{organization} is invited to the cluster “{cluster}”"),
        _("An owner or editor of {organization} accepts or declines the invitation. {message}"),
    )
)
INVITATION_ACCEPTED = register(
    NotificationKind(
        "clusters.invitation_accepted",
        _("{organization} accepted the invitation to “{cluster}”"),
        _("It is now a member of the cluster."),
    )
)
INVITATION_DECLINED = register(
    NotificationKind(
        "clusters.invitation_declined",
        _("{organization} declined the invitation to “{cluster}”"),
        _("It does not join the cluster."),
    )
)
INVITATION_REVOKED = register(
    NotificationKind(
        "clusters.invitation_revoked",
        _("The invitation of {organization} to “{cluster}” is revoked"),
        _("The cluster's administrators withdrew it."),
    )
)
JOIN_REQUESTED = register(
    NotificationKind(
        "clusters.join_requested",
        _("{organization} asks to join the cluster “{cluster}”"),
        _("The reason given: {reason}"),
    )
)
JOIN_ACCEPTED = register(
    NotificationKind(
        "clusters.join_accepted",
        _("{organization} is accepted into the cluster “{cluster}”"),
        _("The cluster's administrators accepted the request to join."),
    )
)
JOIN_DECLINED = register(
    NotificationKind(
        "clusters.join_declined",
        _("The request of {organization} to join “{cluster}” is declined"),
        _("The reason given: {reason}"),
    )
)
MEMBER_LEFT = register(
    NotificationKind(
        "clusters.member_left",
        _("{organization} left the cluster “{cluster}”"),
        _("It is no longer a member."),
    )
)
MEMBER_REMOVED = register(
    NotificationKind(
        "clusters.member_removed",
        _("{organization} is removed from the cluster “{cluster}”"),
        _("The reason given: {reason}"),
    )
)
ADMIN_GRANTED = register(
    NotificationKind(
        "clusters.admin_granted",
        _("{organization} is now an administrator of the cluster “{cluster}”"),
        _("Its owners and editors may invite, accept and remove members and edit the cluster."),
    )
)
ADMIN_REVOKED = register(
    NotificationKind(
        "clusters.admin_revoked",
        _("{organization} is no longer an administrator of the cluster “{cluster}”"),
        _("It stays a member of the cluster."),
    )
)
BELOW_MINIMUM = register(
    NotificationKind(
        "clusters.below_minimum",
        _("The cluster “{cluster}” has fewer than {minimum} counting members"),
        _(
            "It has {count} members holding participant status; decree 435-PP asks for at "
            "least {minimum}. The fund decides whether the status is kept."
        ),
    )
)


def cluster_url(cluster) -> str:
    return reverse("clusters:detail", kwargs={"pk": cluster.pk})


def notify(cluster, kind: NotificationKind, *, organization_ids, actor, url="", **context):
    """Tell the people of `organization_ids`, but not `actor`, about a step in `cluster`."""
    people = chain.from_iterable(
        people_of(organization_id=pk).exclude(pk=getattr(actor, "pk", None))
        for pk in sorted(set(organization_ids))
    )
    notification_send(
        recipients=people,
        kind=kind.code,
        context={"cluster": cluster.name, **{key: str(value) for key, value in context.items()}},
        url=url or cluster_url(cluster),
    )


def notify_fund_staff(cluster, kind: NotificationKind, **context) -> None:
    staff = User.objects.filter(
        is_active=True, staff_role__in=[StaffRole.ADMIN, StaffRole.REVIEWER]
    ).order_by("pk")
    notification_send(
        recipients=staff,
        kind=kind.code,
        context={"cluster": cluster.name, **{key: str(value) for key, value in context.items()}},
        url=cluster_url(cluster),
    )


def invitations_url() -> str:
    return reverse("clusters:invitations")


def members_url(cluster) -> str:
    return reverse("clusters:members", kwargs={"pk": cluster.pk})
