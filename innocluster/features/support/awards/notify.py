"""Who hears of each step after an award, and what they read.

The organization's people hear of everything that asks something of them or pays them; the
fund's administrators hear of what waits for them (the countersignature); the fund's staff
hear of reports to check. Never the fund's staff who belong to the organization itself.
"""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innocluster.platform.accounts.choices import StaffRole
from innocluster.platform.notifications.kinds import NotificationKind, register
from innocluster.platform.notifications.services import notification_send
from innocluster.platform.organizations.selectors import people_of

KINDS = [
    NotificationKind(
        "support.agreement.awaiting",
        _("Agreement {number} awaits your acceptance"),
        _("{measure}: {amount} RUB awarded to {organization}. An owner accepts it."),
    ),
    NotificationKind(
        "support.agreement.awaiting_fund",
        _("Agreement {number} awaits the fund's acceptance"),
        _("{organization} accepted the agreement ({amount} RUB)."),
    ),
    NotificationKind(
        "support.agreement.in_force",
        _("Agreement {number} is in force"),
        _("{organization}: the payment schedule is set; the first payment falls due by {due}."),
    ),
    NotificationKind(
        "support.payment.made",
        _("{amount} RUB paid under agreement {number}"),
        _("Tranche {tranche}, paid on {paid_on}, payment order {reference}."),
    ),
    NotificationKind(
        "support.report.due_soon",
        _("The report under agreement {number} is due by {due}"),
        _("File the report of actual costs by {due}: it releases tranche {tranche}."),
    ),
    NotificationKind(
        "support.tranche.held",
        _("Tranche {tranche} under agreement {number} is held"),
        _("The report due by {due} has not been accepted; the tranche is paid once it is."),
    ),
    NotificationKind(
        "support.report.filed",
        _("A report under agreement {number} to check"),
        _("{organization} reported {actual_costs} RUB of actual costs."),
    ),
    NotificationKind(
        "support.report.accepted",
        _("The report under agreement {number} is accepted"),
        _("Tranche {tranche} can now be paid."),
    ),
    NotificationKind(
        "support.report.returned",
        _("The report under agreement {number} is returned"),
        _("{reason}"),
    ),
]
for _kind in KINDS:
    register(_kind)


def award_url(award) -> str:
    return reverse("support:award", kwargs={"pk": award.pk})


def _context(award, **extra) -> dict:
    return {
        "number": award.agreement.number,
        "organization": award.organization.short_name,
        "measure": award.measure.title_ru,
        "amount": str(award.amount),
        **{key: str(value) for key, value in extra.items()},
    }


def organization(award, kind: str, **extra) -> None:
    """Tell every member of the awarded organization."""
    recipients = people_of(organization_id=award.organization_id)
    notification_send(
        recipients=recipients, kind=kind, context=_context(award, **extra), url=award_url(award)
    )


def fund(award, kind: str, *, roles=(StaffRole.ADMIN,), **extra) -> None:
    """Tell the fund's staff of `roles` who are not members of the organization."""
    staff = (
        get_user_model()
        .objects.filter(staff_role__in=roles, is_active=True)
        .exclude(memberships__organization_id=award.organization_id)
    )
    notification_send(
        recipients=staff, kind=kind, context=_context(award, **extra), url=award_url(award)
    )
