"""What city challenges tell people, each in their own language: the entrant that its entry is
in, the evaluators that the deadline passed and which entries are theirs, the poster that
every score is in, and every entrant the results."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innocluster.core.calendar import moscow_date
from innocluster.platform.notifications.kinds import NotificationKind, register
from innocluster.platform.notifications.services import notification_send

from .choices import Decision

ENTRY_SUBMITTED = register(
    NotificationKind(
        "challenges.entry_submitted",
        _("Your entry “{entry}” to “{challenge}” is submitted"),
        _("You may change it until {deadline}. Nobody sees it before then."),
    )
)
DEADLINE_PASSED = register(
    NotificationKind(
        "challenges.deadline_passed",
        _("Entries to “{challenge}” are closed"),
        _(
            "Entries are assigned to evaluators now that they can be opened; yours are listed "
            "on your page of the challenge ({count} so far). Score every criterion by {until}."
        ),
    )
)
SCORES_COMPLETE = register(
    NotificationKind(
        "challenges.scores_complete",
        _("Every score of “{challenge}” is in"),
        _("Decide on each entry with a reason, then publish the results."),
    )
)
WON = register(
    NotificationKind(
        "challenges.won",
        _("Your entry “{entry}” won “{challenge}”"),
        _("The reason is on the entry's page; the pilot goes on to its agreement."),
    )
)
NOT_CHOSEN = register(
    NotificationKind(
        "challenges.not_chosen",
        _("Your entry “{entry}” was not chosen in “{challenge}”"),
        _("Why, and the evaluators' scores, are on the entry's page."),
    )
)


def _people(organization_id):
    from innocluster.platform.organizations.selectors import people_of

    return people_of(organization_id=organization_id)


def entry_submitted(entry) -> None:
    notification_send(
        recipients=_people(entry.organization_id),
        kind=ENTRY_SUBMITTED.code,
        context={
            "entry": entry.title,
            "challenge": entry.challenge.title,
            "deadline": moscow_date(entry.challenge.submissions_until).isoformat(),
        },
        url=reverse("challenges:entry", args=[entry.pk]),
    )


def deadline_passed(challenge, counts: dict) -> None:
    """`counts`: evaluator user → how many entries are assigned to them."""
    for user, count in counts.items():
        notification_send(
            recipients=[user],
            kind=DEADLINE_PASSED.code,
            context={
                "challenge": challenge.title,
                "count": count,
                "until": challenge.evaluation_until.isoformat(),
            },
            url=reverse("challenges:assigned", args=[challenge.pk]),
        )


def scores_complete(challenge) -> None:
    from innocluster.platform.organizations.selectors import people_of

    notification_send(
        recipients=people_of(organization_id=challenge.organization_id),
        kind=SCORES_COMPLETE.code,
        context={"challenge": challenge.title},
        url=reverse("challenges:board", args=[challenge.pk]),
    )


def results(challenge, entries) -> None:
    for entry in entries:
        for organization_id in sorted(entry.organization_ids()):
            notification_send(
                recipients=_people(organization_id),
                kind=WON.code if entry.decision == Decision.WINNER else NOT_CHOSEN.code,
                context={"challenge": challenge.title, "entry": entry.title},
                url=reverse("challenges:entry", args=[entry.pk]),
            )
