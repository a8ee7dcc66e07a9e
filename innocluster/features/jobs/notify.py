"""What the job board tells people, through the platform's notifications."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innocluster.platform.accounts.models import User
from innocluster.platform.notifications.kinds import NotificationKind, register
from innocluster.platform.notifications.services import notification_send
from innocluster.platform.organizations.models import Membership

from .permissions import POST

KINDS = {
    kind.code: register(kind)
    for kind in (
        NotificationKind(
            code="jobs.vacancy_pending",
            title=_("A vacancy of {organization} waits for moderation"),
            body=_("«{title}»"),
        ),
        NotificationKind(
            code="jobs.vacancy_approved",
            title=_("Your vacancy «{title}» is published"),
        ),
        NotificationKind(
            code="jobs.vacancy_hidden",
            title=_("Your vacancy «{title}» is hidden by the moderator"),
            body=_("Reason: {reason}"),
        ),
    )
}


def _employers(organization_id: int):
    from innocluster.platform.organizations.permissions import ROLE_ABILITIES

    roles = [role for role, granted in ROLE_ABILITIES.items() if POST in granted]
    ids = Membership.objects.filter(organization_id=organization_id, role__in=roles)
    return User.objects.filter(pk__in=ids.values("user_id"))


def tell_moderators(vacancy) -> None:
    from innocluster.platform.accounts.choices import StaffRole

    moderators = User.objects.filter(staff_role__in=[StaffRole.ADMIN, StaffRole.REVIEWER])
    notification_send(
        recipients=moderators,
        kind="jobs.vacancy_pending",
        context={"organization": vacancy.organization.short_name, "title": vacancy.title},
        url=reverse("jobs:moderation"),
    )


def tell_employer(vacancy, kind: str, **context) -> None:
    notification_send(
        recipients=_employers(vacancy.organization_id),
        kind=kind,
        context={"title": vacancy.title, **context},
        url=reverse("jobs:vacancy", args=[vacancy.pk]),
    )
