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
            code="jobs.saved_search_matches",
            title=_("New vacancies for your search «{search}»"),
            body=_("{count} new vacancies match, among them {first}."),
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


KINDS |= {
    kind.code: register(kind)
    for kind in (
        NotificationKind(
            code="jobs.application_new",
            title=_("A new application for «{title}»"),
        ),
        NotificationKind(
            code="jobs.application_invited",
            title=_("You are invited to an interview for «{title}»"),
            body=_("{message}"),
        ),
        NotificationKind(
            code="jobs.application_offer",
            title=_("An offer for «{title}»"),
            body=_("{message}"),
        ),
        NotificationKind(
            code="jobs.application_hired",
            title=_("You are hired as «{title}»"),
            body=_("{message}"),
        ),
        NotificationKind(
            code="jobs.application_rejected",
            title=_("Your application for «{title}» is declined"),
            body=_("{message}"),
        ),
    )
}


def tell_employer_of_application(application) -> None:
    vacancy = application.vacancy
    notification_send(
        recipients=_employers(vacancy.organization_id),
        kind="jobs.application_new",
        context={"title": vacancy.title},
        url=reverse("jobs:applications", args=[vacancy.pk]),
    )


def tell_applicant(application, message: str) -> None:
    notification_send(
        recipients=[application.applicant],
        kind=f"jobs.application_{application.stage}",
        context={"title": application.vacancy.title, "message": message},
        url=reverse("jobs:my_applications"),
    )
