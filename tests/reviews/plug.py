"""How a kind plugs into the submission kit's contract (contract.py): the `Plug` a kind
subclasses, the Russian calendar the deadlines are checked against (written out here, not taken
from the `holidays` package the kit uses), and the helpers the contract's steps share."""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from rest_framework.test import APIClient

from innocluster.platform.notifications.models import Notification
from innocluster.platform.organizations.models import Organization
from innocluster.platform.reviews import services
from innocluster.platform.reviews.kinds import PERSON, kind_get
from innocluster.platform.reviews.services import cases as review_cases

from ..factories import OrganizationFactory, UserFactory, member_of
from ..pdfs import pdf_file

# --- the Russian production calendar, written out independently of the `holidays` package ----

# Weekdays that are not working days from December 2025 to June 2026 (Government decrees on
# the moving of days off for 2025 and 2026): holidays, and days off moved onto weekdays.
WEEKDAYS_OFF = {
    dt.date(2025, 12, 31),  # moved from Sunday 5 January 2025
    dt.date(2026, 1, 1),  # New Year holidays and Christmas (1-8 January)
    dt.date(2026, 1, 2),
    dt.date(2026, 1, 5),
    dt.date(2026, 1, 6),
    dt.date(2026, 1, 7),
    dt.date(2026, 1, 8),
    dt.date(2026, 1, 9),  # moved from Saturday 3 January 2026
    dt.date(2026, 2, 23),  # Defender of the Fatherland Day
    dt.date(2026, 3, 9),  # Women's Day falls on Sunday 8 March: Monday is off
    dt.date(2026, 5, 1),  # Spring and Labour Day
    dt.date(2026, 5, 11),  # Victory Day falls on Saturday 9 May: Monday is off
    dt.date(2026, 6, 12),  # Russia Day
}
CALENDAR_KNOWN_UNTIL = dt.date(2026, 6, 30)  # no working Saturdays until then

SUBMITTED_ON = dt.date(2025, 12, 30)  # Tuesday; the next day and 1-11 January are off
INFO_REQUESTED_ON = dt.date(2026, 1, 14)  # Wednesday
RESUBMITTED_ON = dt.date(2026, 2, 20)  # Friday; Monday 23 February is a holiday


def is_business_day(day: dt.date) -> bool:
    assert day <= CALENDAR_KNOWN_UNTIL, f"extend WEEKDAYS_OFF past {CALENDAR_KNOWN_UNTIL}"
    return day.weekday() < 5 and day not in WEEKDAYS_OFF


def nth_business_day(start: dt.date, count: int) -> dt.date:
    """The `count`-th business day after `start` (not counting `start`)."""
    day = start
    while count:
        day += dt.timedelta(days=1)
        count -= is_business_day(day)
    return day


def business_days_between(start: dt.date, until: dt.date) -> int:
    """Business days in (start, until]."""
    days = (until - start).days
    return sum(is_business_day(start + dt.timedelta(days=n)) for n in range(1, days + 1))


def nth_weekday(start: dt.date, count: int) -> dt.date:
    """What a calendar without holidays would say."""
    day = start
    while count:
        day += dt.timedelta(days=1)
        count -= day.weekday() < 5
    return day


def on_day(monkeypatch, day: dt.date) -> None:
    """Make the pipeline's clock read `day` in Moscow (as tests/status do)."""
    monkeypatch.setattr(review_cases, "moscow_date", lambda: day)


# --- how a kind plugs in -----------------------------------------------------------------


@dataclass
class Applicant:
    organization: Organization | None  # None when people apply for themselves
    member: object  # who applies: an owner of the organization, or the person
    colleague: object  # another who may act for the applicant (an editor; the person again)


class Plug:
    """What the contract needs to know of a kind. Override `complete` and `approved`; the rest
    suits a kind whose draft needs nothing but its applicant."""

    kind: str = ""
    # Values the model refuses on any kind (every kind edits the contact fields), and the
    # field and code of the refusal.
    bad_fields = {"contact_email": "not an e-mail"}
    bad_field, bad_code = "contact_email", "invalid"

    @property
    def spec(self):
        return kind_get(self.kind)

    @property
    def for_people(self) -> bool:
        return self.spec.applicant == PERSON

    def organization(self) -> Organization:
        """An organization that may open a draft of the kind."""
        return OrganizationFactory()

    def applicant(self) -> Applicant:
        if self.for_people:
            person = UserFactory()
            return Applicant(None, person, person)
        organization = self.organization()
        owner = member_of(organization, "owner")
        return Applicant(organization, owner, member_of(organization, "editor"))

    def outsider(self):
        """Someone with nothing to do with the applicant: another company's owner, or
        another person."""
        return UserFactory() if self.for_people else member_of(OrganizationFactory(), "owner")

    def own_reviewer(self, applicant: Applicant):
        """A fund reviewer who is the applicant, or one of its organization's people."""
        if self.for_people:
            applicant.member.staff_role = "reviewer"
            applicant.member.save(update_fields=["staff_role"])
            return applicant.member
        return member_of(applicant.organization, "viewer", staff_role="reviewer")

    def creation_fields(self) -> dict:
        """What the kind needs to open a draft (the measure applied to…)."""
        return {}

    def draft(self, applicant: Applicant, **fields):
        return services.submission_create(
            kind=self.kind,
            organization=applicant.organization,
            actor=applicant.member,
            fields={**self.creation_fields(), **fields},
        )

    def complete(self, submission, actor):
        """Fill in everything check_complete asks for; the contact's phone included (the
        factories' people have none)."""
        raise NotImplementedError

    def document_values(self, submission) -> dict:
        """What describes a document of the kind (its type, the requirement it meets)."""
        return {}

    def add_document(self, submission, actor, upload=None, **values):
        return services.submission_document_add(
            submission=submission,
            actor=actor,
            upload=upload or pdf_file(),
            **(values or self.document_values(submission)),
        )

    # --- the kind's API (the kit's view sets) ----------------------------------------------

    api_path: str = ""  # its submissions' collection, "/api/v1/status-applications/"

    def api_create_data(self, applicant: Applicant) -> dict:
        """What opens a draft through the API: the organization, and the creation fields."""
        named = {} if self.for_people else {"organization": applicant.organization.pk}
        return {**named, **self.api_creation_fields()}

    def api_creation_fields(self) -> dict:
        return {}

    def before_decision(self, case, reviewer) -> None:
        """What a reviewer does before approving (score the criteria…)."""

    def approved(self, case) -> bool:
        """Whether the approval's effect (a status, an award…) exists."""
        raise NotImplementedError


# --- what the steps share -----------------------------------------------------------------


def submitted_case(plug: Plug, applicant: Applicant):
    submission = plug.complete(plug.draft(applicant), applicant.member)
    return services.case_submit(case=submission.case, actor=applicant.member)


def actions(case) -> list[str]:
    return list(case.events.values_list("action", flat=True))


def stored_files() -> set[Path]:
    root = Path(settings.MEDIA_ROOT)
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def code_of(error: ValidationError, field: str) -> str:
    return error.error_dict[field][0].code


def api_client(user=None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


def page_client(user=None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


def notified(user, kind: str) -> list[str]:
    """The links of the notifications of `kind` that `user` got."""
    return list(
        Notification.objects.filter(recipient=user, kind=kind).values_list("url", flat=True)
    )


def download(client, url: str) -> bytes | int:
    """A document's bytes, or the status when it is refused. Reading the stream to its end
    closes the response as a server would (closing it by hand would close the test's
    database connection too)."""
    response = client.get(url)
    if response.status_code != 200:
        return response.status_code
    return b"".join(response.streaming_content)


def listed_ids(response) -> set[int]:
    body = response.json()
    return {row["id"] for row in (body["results"] if isinstance(body, dict) else body)}
