"""What pilot testing tells people, and whom, in each reader's own language."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innocluster.platform.accounts.choices import StaffRole
from innocluster.platform.accounts.models import User
from innocluster.platform.notifications.kinds import NotificationKind, register
from innocluster.platform.notifications.services import notification_send
from innocluster.platform.organizations.selectors import people_of

from .selectors import site_side

CONSENT_ASKED = register(
    NotificationKind(
        "pilots.consent_asked",
        _("Will the site «{site}» host the pilot «{pilot}»?"),
        _(
            "{company} proposes to test its solution at the site. Agree or decline with a reason "
            "by {due}."
        ),
    )
)
CONSENT_ANSWERED = register(
    NotificationKind(
        "pilots.consent_answered",
        _("The site «{site}» answered on the pilot «{pilot}»: {answer}"),
        _("{reason}"),
    )
)
CONSENT_OVERDUE = register(
    NotificationKind(
        "pilots.consent_overdue",
        _("The site «{site}» has not answered on the pilot «{pilot}»"),
        _("Its answer was due by {due}. The fund may remind the site or propose another one."),
    )
)
SITE_TO_PICK = register(
    NotificationKind(
        "pilots.site_to_pick",
        _("The pilot «{pilot}» needs a site"),
        _("{company} left the choice of the site to the fund: propose one."),
    )
)

PLAN_TO_AGREE = register(
    NotificationKind(
        "pilots.plan_to_agree",
        _("Agree the test plan of the pilot «{pilot}»"),
        _(
            "The company, the site and the fund agree the dates, the KPIs and what the site "
            "provides before the test starts."
        ),
    )
)
PLAN_AGREED = register(
    NotificationKind(
        "pilots.plan_agreed",
        _("The test plan of the pilot «{pilot}» is agreed"),
        _(
            "The company, the site and the fund agreed it; its hash is on the ledger. The test "
            "may start."
        ),
    )
)

# The running test's steps, told to the other side (the company's, or the site's).
TEST_STARTED = register(
    NotificationKind(
        "pilots.test_started",
        _("The test of the pilot «{pilot}» has started"),
        _("Keep its log on the pilot's page: dated notes and incidents from both sides."),
    )
)
TEST_PAUSED = register(
    NotificationKind(
        "pilots.test_paused", _("The test of the pilot «{pilot}» is paused"), _("{reason}")
    )
)
TEST_RESUMED = register(
    NotificationKind("pilots.test_resumed", _("The test of the pilot «{pilot}» runs again"))
)
TEST_STOPPED = register(
    NotificationKind(
        "pilots.test_stopped", _("The test of the pilot «{pilot}» was stopped early"), _("{reason}")
    )
)
TEST_FINISHED = register(
    NotificationKind(
        "pilots.test_finished",
        _("The test of the pilot «{pilot}» is finished"),
        _("The site files its report: each agreed KPI measured against its target."),
    )
)

REPORT_FILED = register(
    NotificationKind(
        "pilots.report_filed",
        _("The site filed its report on the pilot «{pilot}»"),
        _(
            "Each agreed KPI measured against its target, the users' opinion and whether the "
            "site would buy. The company may answer it; then the company or the fund publishes "
            "the result."
        ),
    )
)
REPORT_ANSWERED = register(
    NotificationKind(
        "pilots.report_answered",
        _("{company} answered the site's report on the pilot «{pilot}»"),
        _("{answer}"),
    )
)
RESULT_PUBLISHED = register(
    NotificationKind(
        "pilots.result_published",
        _("The result of the pilot «{pilot}» is published"),
        _(
            "Its public page shows what was tested, where, the KPIs and the site's feedback, "
            "less the confidential remarks; the report's hash is on the ledger."
        ),
    )
)
ANSWER_EXCERPT = 500  # characters of the company's answer quoted in the notification


def pilot_url(pilot) -> str:
    return reverse("pilots:pilot", kwargs={"pk": pilot.pk})


def _context(pilot, **context) -> dict:
    return {"pilot": pilot.title, **{key: str(value) for key, value in context.items()}}


def notify_site_people(pilot, site, kind: NotificationKind, **context) -> None:
    notification_send(
        recipients=site.people.filter(is_active=True).order_by("pk"),
        kind=kind.code,
        context=_context(pilot, site=site.name, **context),
        url=pilot_url(pilot),
    )


def notify_site_side(pilot, kind: NotificationKind, *, actor=None, url="", **context) -> None:
    people = site_side(pilot).filter(is_active=True).order_by("pk")
    if actor is not None:
        people = people.exclude(pk=actor.pk)
    notification_send(
        recipients=people, kind=kind.code, context=_context(pilot, **context),
        url=url or pilot_url(pilot),
    )  # fmt: skip


def notify_company(pilot, kind: NotificationKind, *, actor=None, url="", **context) -> None:
    people = people_of(organization_id=pilot.organization_id)
    if actor is not None:
        people = people.exclude(pk=actor.pk)
    notification_send(
        recipients=people, kind=kind.code, context=_context(pilot, **context),
        url=url or pilot_url(pilot),
    )  # fmt: skip


def notify_fund(pilot, kind: NotificationKind, *, actor=None, **context) -> None:
    staff = User.objects.filter(
        is_active=True, staff_role__in=[StaffRole.ADMIN, StaffRole.REVIEWER]
    ).order_by("pk")
    if actor is not None:
        staff = staff.exclude(pk=actor.pk)
    notification_send(
        recipients=staff, kind=kind.code, context=_context(pilot, **context), url=pilot_url(pilot)
    )
