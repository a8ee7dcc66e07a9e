"""The submission kit's contract: what every kind of application does, whatever its own fields.

A kind runs it by describing itself with a `Plug` (how to make an applicant, a draft and a
complete draft, what describes a document, what approval leaves behind) and subclassing
`SubmissionContract`:

    class PilotPlug(Plug):
        kind = "pilots.proposal"
        def complete(self, submission, actor): ...  # fill in what check_complete asks
        def approved(self, case): return Pilot.objects.filter(case=case).exists()

    class TestPilotContract(SubmissionContract):
        plug_class = PilotPlug

Everything goes through the kit's services and selectors, as the kind's API and pages do.
Errors are checked by their codes, never by their wording.
"""

import datetime as dt
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.http import Http404
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from innocluster.core.errors import Conflict, DomainError, PermissionDenied
from innocluster.platform.ledger.models import Entry
from innocluster.platform.notifications.models import Notification
from innocluster.platform.organizations.models import Organization
from innocluster.platform.reviews import selectors, services
from innocluster.platform.reviews.kinds import PERSON, kind_get
from innocluster.platform.reviews.models import Case, CaseEvent
from innocluster.platform.reviews.services import cases as review_cases

from ..factories import OrganizationFactory, UserFactory, member_of
from ..participation.helpers import pdf_bytes, pdf_file, reviewer

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
    """Make the pipeline's clock read `day` in Moscow (as tests/participation do)."""
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


# --- the contract ------------------------------------------------------------------------


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


class SubmissionContract:
    """The contract's steps; a subclass sets `plug_class`."""

    pytestmark = [pytest.mark.django_db]
    plug_class: type[Plug] = Plug

    @pytest.fixture
    def plug(self) -> Plug:
        return self.plug_class()

    # --- the way through --------------------------------------------------------------

    def test_draft_submit_info_requested_resubmit_approve(self, plug, monkeypatch):
        # Given a complete draft
        applicant = plug.applicant()
        submission = plug.complete(plug.draft(applicant), applicant.member)
        case = submission.case
        assert case.status == "draft"
        assert (case.organization, case.person) == (
            (None, applicant.member) if plug.for_people else (applicant.organization, None)
        )

        # When a member submits it (twice: the second is harmless)
        fund = reviewer()
        on_day(monkeypatch, SUBMITTED_ON)
        case = services.case_submit(case=case, actor=applicant.member)
        again = services.case_submit(case=case, actor=applicant.colleague)

        # Then it awaits the fund, due N business days later on the Russian calendar, and
        # the profile the reviewer decides on is kept
        days = plug.spec.business_days_for(case)
        assert (case.status, again.status) == ("submitted", "submitted")
        assert case.decision_due == nth_business_day(SUBMITTED_ON, days)
        submission = plug.spec.submission_of(case)
        if plug.for_people:
            assert submission.profile == {}
        else:
            assert submission.profile["inn"] == applicant.organization.inn
        # and the applicant can no longer change it
        with pytest.raises(Conflict) as refused:
            services.submission_update(
                submission=submission, actor=applicant.member, fields={"contact_position": "CEO"}
            )
        assert (refused.value.code, refused.value.status) == ("case_state", 409)
        with pytest.raises(Conflict):
            plug.add_document(submission, applicant.member)

        # and the applicant's people and the fund's reviewers hear of it
        for person in {applicant.member, applicant.colleague}:
            heard = notified(person, "review.submitted")
            assert heard == [plug.spec.applicant_url(case)], heard
        assert notified(fund, "review.new_case")

        # When a reviewer takes it and asks for more information
        case = services.case_take(case=case, reviewer=fund)
        assert (case.status, case.reviewer) == ("in_review", fund)
        on_day(monkeypatch, INFO_REQUESTED_ON)
        case = services.case_decide(
            case=case, reviewer=fund, decision="request_info", reason="The registry extract."
        )

        # Then the clock stops with the business days that were left
        due = nth_business_day(SUBMITTED_ON, days)
        assert (case.status, case.decision_due) == ("info_requested", None)
        assert case.paused_days_left == business_days_between(INFO_REQUESTED_ON, due)
        # and the applicant may change the submission again
        services.submission_update(
            submission=submission, actor=applicant.colleague, fields={"contact_position": "CTO"}
        )
        plug.add_document(submission, applicant.member)
        if not plug.for_people:
            Organization.objects.filter(pk=applicant.organization.pk).update(short_name="Renamed")

        # When the applicant answers (twice: the second is harmless)
        on_day(monkeypatch, RESUBMITTED_ON)
        left = case.paused_days_left
        case = services.case_resubmit(case=case, actor=applicant.member, message="Attached.")
        services.case_resubmit(case=case, actor=applicant.member, message="Attached.")

        # Then the clock resumes with the days that were left, and the profile is kept anew
        assert case.status == "resubmitted"
        assert case.decision_due == nth_business_day(RESUBMITTED_ON, left)
        submission = plug.spec.submission_of(case)
        assert submission.contact_position == "CTO"
        if not plug.for_people:
            assert submission.profile["short_name"] == "Renamed"

        # When the reviewer approves
        plug.before_decision(case, fund)
        assert not plug.approved(case)
        case = services.case_decide(case=case, reviewer=fund, decision="approve", reason="")

        # Then the decision is recorded once, with its effect, on the ledger
        case.refresh_from_db()
        assert (case.status, case.decided_by) == ("approved", fund)
        assert plug.approved(case)
        assert actions(case) == [
            "created",
            "submitted",
            "taken",
            "info_requested",
            "resubmitted",
            "approved",
        ]
        assert Entry.objects.filter(kind="review.decided", subject=case.ledger_subject).count() == 1
        assert notified(applicant.member, "review.approved")

    def test_the_deadline_skips_russian_holidays_and_days_off_moved_onto_weekdays(
        self, plug, monkeypatch
    ):
        # Given a complete draft submitted on Tuesday 30 December 2025: 31 December (moved
        # from a Sunday) and 1-11 January (9 January moved from a Saturday) are days off
        on_day(monkeypatch, SUBMITTED_ON)
        case = submitted_case(plug, plug.applicant())
        days = plug.spec.business_days_for(case)

        # Then the decision is due N business days later, not N weekdays
        assert case.decision_due == nth_business_day(SUBMITTED_ON, days)
        assert case.decision_due != nth_weekday(SUBMITTED_ON, days)
        if days == 10:
            assert case.decision_due == dt.date(2026, 1, 23)

    def test_a_rejection_needs_a_reason_and_has_no_effect(self, plug):
        applicant = plug.applicant()
        case = submitted_case(plug, applicant)
        fund = reviewer()
        services.case_take(case=case, reviewer=fund)

        with pytest.raises(ValidationError) as refused:
            services.case_decide(case=case, reviewer=fund, decision="reject", reason=" ")
        assert "reason" in refused.value.error_dict

        case = services.case_decide(case=case, reviewer=fund, decision="reject", reason="No.")
        case.refresh_from_db()
        assert (case.status, case.decision_reason) == ("rejected", "No.")
        assert not plug.approved(case)
        assert actions(case)[-1] == "rejected"
        assert Entry.objects.filter(kind="review.decided", subject=case.ledger_subject).count() == 1

    def test_a_withdrawn_case_cannot_be_decided_and_a_new_draft_may_follow(self, plug):
        # Given a submitted case that the applicant withdraws
        applicant = plug.applicant()
        case = submitted_case(plug, applicant)
        case = services.case_withdraw(case=case, actor=applicant.colleague, reason="Too early.")
        assert (case.status, case.decision_due) == ("withdrawn", None)

        # Then no reviewer can decide it, nor the applicant change it
        fund = reviewer()
        with pytest.raises(Conflict) as refused:
            services.case_decide(case=case, reviewer=fund, decision="approve", reason="")
        assert (refused.value.code, refused.value.status) == ("case_state", 409)
        with pytest.raises(Conflict):
            services.case_withdraw(case=case, actor=applicant.member)
        submission = plug.spec.submission_of(case)
        with pytest.raises(Conflict):
            services.submission_update(
                submission=submission, actor=applicant.member, fields={"contact_position": "X"}
            )
        assert not plug.approved(case)
        # and the applicant may start again
        assert plug.draft(applicant).case.status == "draft"

    def test_a_draft_may_be_withdrawn_unsubmitted(self, plug):
        applicant = plug.applicant()
        case = plug.draft(applicant).case
        case = services.case_withdraw(case=case, actor=applicant.member)
        assert case.status == "withdrawn"
        assert selectors.case_queue(user=reviewer()).filter(pk=case.pk).count() == 0

    def test_an_incomplete_draft_stays_a_draft_and_says_what_is_missing(self, plug):
        applicant = plug.applicant()
        submission = plug.draft(applicant)

        with pytest.raises(ValidationError) as refused:
            services.case_submit(case=submission.case, actor=applicant.member)

        assert code_of(refused.value, "contact_phone") == "required"
        case = Case.objects.get(pk=submission.case_id)
        assert (case.status, case.submitted_at, case.decision_due) == ("draft", None, None)
        assert actions(case) == ["created"]

    # --- who may see and do what ------------------------------------------------------

    def test_outsiders_get_404_from_the_selectors_and_the_services(self, plug):
        applicant = plug.applicant()
        submission = plug.draft(applicant)
        pk = submission.case_id
        fund = reviewer()
        outsiders = {"outsider": plug.outsider(), "anonymous": AnonymousUser(), "reviewer": fund}

        # The applicant's people see the draft
        for user in (applicant.member, applicant.colleague):
            seen = selectors.submission_get_for_member(kind=plug.kind, user=user, pk=pk)
            assert seen.pk == submission.pk
            listed = selectors.submission_list_for_member(kind=plug.kind, user=user)
            assert list(listed) == [seen]
        # Nobody else does, a reviewer included while it is a draft
        for who, user in outsiders.items():
            for get in (
                selectors.submission_get_for_member,
                selectors.submission_get_for_anyone_entitled,
            ):
                with pytest.raises(Http404):
                    get(kind=plug.kind, user=user, pk=pk)
                    pytest.fail(f"{who} got the draft from {get.__name__}")
            assert not selectors.submission_list_for_member(kind=plug.kind, user=user).exists()
        with pytest.raises(Http404):
            selectors.submission_get_for_reviewer(kind=plug.kind, user=fund, pk=pk)
        # A malformed or unknown id is no better
        for wrong in ("x", pk + 10_000):
            with pytest.raises(Http404):
                selectors.submission_get_for_member(kind=plug.kind, user=applicant.member, pk=wrong)

        # The services refuse them as not found, and nothing changes
        for who, user in outsiders.items():
            for step in (
                lambda u: services.submission_update(
                    submission=submission, actor=u, fields={"contact_position": "Spy"}
                ),
                lambda u: plug.add_document(submission, u),
                lambda u: services.case_submit(case=submission.case, actor=u),
                lambda u: services.case_withdraw(case=submission.case, actor=u),
            ):
                with pytest.raises(DomainError) as refused:
                    step(user)
                assert refused.value.status == 404, (who, refused.value.code)
        submission.refresh_from_db()
        assert submission.contact_position != "Spy"
        assert not submission.documents.exists()
        assert actions(submission.case) == ["created"]

        # Once submitted, the fund's reviewers see it, and outsiders still do not
        plug.complete(submission, applicant.member)
        services.case_submit(case=submission.case, actor=applicant.member)
        for get in (
            selectors.submission_get_for_reviewer,
            selectors.submission_get_for_anyone_entitled,
        ):
            assert get(kind=plug.kind, user=fund, pk=pk).pk == submission.pk
        with pytest.raises(Http404):
            selectors.submission_get_for_anyone_entitled(
                kind=plug.kind, user=outsiders["outsider"], pk=pk
            )

    def test_the_applicants_own_reviewer_is_refused(self, plug):
        applicant = plug.applicant()
        own, other = plug.own_reviewer(applicant), reviewer()
        case = submitted_case(plug, applicant)
        assert notified(other, "review.new_case")
        assert not notified(own, "review.new_case")

        for step in (
            lambda: services.case_take(case=case, reviewer=own),
            lambda: services.case_decide(case=case, reviewer=own, decision="approve", reason=""),
        ):
            with pytest.raises(PermissionDenied) as refused:
                step()
            assert refused.value.code == "own_organization"
        case.refresh_from_db()
        assert case.status == "submitted"
        assert not plug.approved(case)

    # --- documents ----------------------------------------------------------------------

    @pytest.mark.parametrize(
        "content",
        [b"Not a PDF at all, only named like one.", pdf_bytes()[:200]],
        ids=["text", "truncated-pdf"],
    )
    def test_a_non_pdf_is_refused_and_nothing_is_stored(self, plug, content):
        applicant = plug.applicant()
        submission = plug.draft(applicant)
        files = stored_files()

        with pytest.raises(ValidationError) as refused:
            plug.add_document(submission, applicant.member, upload=pdf_file("scan.pdf", content))

        assert code_of(refused.value, "file") == "not_a_pdf"
        assert not plug.spec.document_model.objects.filter(application=submission).exists()
        assert stored_files() == files

    def test_a_document_is_stored_under_a_random_name_and_removed_with_its_file(
        self, plug, django_capture_on_commit_callbacks
    ):
        applicant = plug.applicant()
        submission = plug.draft(applicant)

        document = plug.add_document(
            submission, applicant.member, upload=pdf_file("Устав организации.pdf")
        )

        assert document.file_name == "Устав организации.pdf"
        assert document.file.name.startswith(f"{plug.spec.document_model.upload_folder}/")
        assert "Устав" not in document.file.name and document.file.name.endswith(".pdf")
        assert document.uploaded_by == applicant.member
        assert len(document.sha256) == 64
        stored = Path(document.file.path)
        assert stored.is_file()

        with django_capture_on_commit_callbacks(execute=True):
            services.submission_document_remove(
                submission=submission, actor=applicant.colleague, document_id=document.pk
            )
        assert not submission.documents.exists()
        assert not stored.exists()

    # --- drafts -------------------------------------------------------------------------

    def test_a_draft_with_bad_fields_leaves_no_draft(self, plug):
        applicant = plug.applicant()
        counts = (Case.objects.count(), plug.spec.model.objects.count(), CaseEvent.objects.count())

        with pytest.raises(ValidationError) as refused:
            plug.draft(applicant, **plug.bad_fields)

        assert code_of(refused.value, plug.bad_field) == plug.bad_code
        assert (
            Case.objects.count(),
            plug.spec.model.objects.count(),
            CaseEvent.objects.count(),
        ) == counts
        # and nothing blocks a good draft after it (no open case left behind)
        assert plug.draft(applicant).case.status == "draft"

    def test_a_bad_change_to_a_draft_is_refused_whole(self, plug):
        applicant = plug.applicant()
        submission = plug.draft(applicant)
        before = plug.spec.model.objects.get(pk=submission.pk)

        with pytest.raises(ValidationError) as refused:
            services.submission_update(
                submission=submission,
                actor=applicant.member,
                fields={"contact_position": "Changed", **plug.bad_fields},
            )

        assert code_of(refused.value, plug.bad_field) == plug.bad_code
        after = plug.spec.model.objects.get(pk=submission.pk)
        assert (after.contact_position, after.contact_email) == (
            before.contact_position,
            before.contact_email,
        )

    # --- through the kind's API (the kit's view sets) -------------------------------------

    def _api(self, plug):
        if not plug.api_path:
            pytest.skip(f"{plug.kind} has no API")
        return plug.api_path

    def test_api_draft_documents_submit_and_withdraw(self, plug):
        path = self._api(plug)
        applicant = plug.applicant()
        member = api_client(applicant.member)

        # A draft opened through the API is filled from the caller's profile
        created = member.post(path, plug.api_create_data(applicant), format="json")
        assert created.status_code == 201, created.content
        pk = created.json()["id"]
        case = Case.objects.get(pk=pk)
        assert (case.kind, case.status, created.json()["status"]) == (plug.kind, "draft", "draft")
        assert created.json()["contact_email"] == applicant.member.email
        assert pk in listed_ids(member.get(path))
        detail = f"{path}{pk}/"

        # A change and a document
        changed = member.patch(detail, {"contact_name": "Ivan Petrov"}, format="json")
        assert changed.status_code == 200, changed.content
        submission = plug.spec.submission_of(case)
        assert submission.contact_name == "Ivan Petrov"
        values = plug.document_values(submission)
        attached = member.post(
            f"{detail}documents/", {"file": pdf_file(), **values}, format="multipart"
        )
        assert attached.status_code == 201, attached.content
        file_url = attached.json()["url"]
        assert download(member, file_url).startswith(b"%PDF-")
        assert download(api_client(plug.outsider()), file_url) == 404
        assert member.delete(file_url).status_code == 204
        assert not submission.documents.exists()

        # Submitting what is incomplete says what is missing, by code
        refused = member.post(f"{detail}submit/")
        assert refused.status_code == 400
        assert refused.json()["error_codes"]["contact_phone"] == ["required"]

        # Complete, it is submitted (twice: harmless) and can no longer change
        plug.complete(submission, applicant.member)
        submitted = member.post(f"{detail}submit/")
        assert (submitted.status_code, submitted.json()["status"]) == (200, "submitted")
        assert submitted.json()["decision_due"]
        assert member.post(f"{detail}submit/").status_code == 200
        late = member.patch(detail, {"contact_name": "Somebody Else"}, format="json")
        assert (late.status_code, late.json()["code"]) == (409, "case_state")

        # and it is withdrawn
        withdrawn = member.post(f"{detail}withdraw/", {"reason": "Too early."}, format="json")
        assert (withdrawn.status_code, withdrawn.json()["status"]) == (200, "withdrawn")

    def test_api_answers_404_to_outsiders_and_reviewers_see_only_what_was_submitted(self, plug):
        path = self._api(plug)
        applicant = plug.applicant()
        submission = plug.draft(applicant)
        pk = submission.case_id
        detail = f"{path}{pk}/"
        fund = reviewer()

        for user in (plug.outsider(), fund):
            client = api_client(user)
            assert client.get(detail).status_code == 404
            assert pk not in listed_ids(client.get(path))
            for step in ("submit", "withdraw", "documents"):
                answer = client.post(f"{detail}{step}/", {}, format="json")
                assert (answer.status_code, answer.json()["code"]) == (404, "not_found")
            assert (
                client.patch(detail, {"contact_position": "Spy"}, format="json").status_code == 404
            )
        assert api_client().get(detail).status_code in (401, 403)
        assert actions(submission.case) == ["created"]

        plug.complete(submission, applicant.member)
        services.case_submit(case=submission.case, actor=applicant.member)
        assert api_client(fund).get(detail).status_code == 200
        assert api_client(plug.outsider()).get(detail).status_code == 404
        # a reviewer reads it but does not act for the applicant
        answer = api_client(fund).post(f"{detail}withdraw/", {}, format="json")
        assert answer.status_code == 404

    def test_api_refuses_a_non_pdf_and_bad_fields_by_code_leaving_nothing(self, plug):
        path = self._api(plug)
        applicant = plug.applicant()
        member = api_client(applicant.member)
        cases = Case.objects.count()

        bad = member.post(
            path, {**plug.api_create_data(applicant), **plug.bad_fields}, format="json"
        )
        assert bad.status_code == 400, bad.content
        assert bad.json()["error_codes"][plug.bad_field] == [plug.bad_code]
        assert Case.objects.count() == cases

        submission = plug.draft(applicant)
        files = stored_files()
        values = plug.document_values(submission)
        upload = pdf_file("scan.pdf", b"GIF89a, not a PDF")
        refused = member.post(
            f"{path}{submission.case_id}/documents/", {"file": upload, **values}, format="multipart"
        )
        assert refused.status_code == 400
        assert refused.json()["error_codes"]["file"] == ["not_a_pdf"]
        assert not submission.documents.exists()
        assert stored_files() == files

    # --- through the kind's pages (the kit's SubmissionPages) -----------------------------

    def _url(self, plug, name, *args):
        return reverse(f"{plug.spec.url_namespace}:{name}", args=args)

    def test_pages_show_the_application_to_its_applicant_only(self, plug):
        applicant = plug.applicant()
        submission = plug.draft(applicant)
        page = self._url(plug, "application", submission.case_id)

        assert page_client(applicant.member).get(page).status_code == 200
        assert page_client(applicant.colleague).get(page).status_code == 200
        assert page_client(plug.outsider()).get(page).status_code == 404
        assert page_client(reviewer()).get(page).status_code == 404
        anonymous = page_client().get(page)
        assert anonymous.status_code == 302 and "login" in anonymous["Location"]
        assert plug.spec.applicant_url(submission.case) == page

    def test_pages_attach_submit_and_serve_documents_to_the_entitled_only(self, plug):
        applicant = plug.applicant()
        submission = plug.draft(applicant)
        pk = submission.case_id
        member = page_client(applicant.member)
        files = stored_files()

        # A non-PDF is refused on the page, and nothing is stored
        values = plug.document_values(submission)
        upload = pdf_file("scan.pdf", b"Not a PDF")
        refused = member.post(self._url(plug, "document_add", pk), {"file": upload, **values})
        assert refused.status_code == 400
        assert not submission.documents.exists()
        assert stored_files() == files

        # An incomplete application is not submitted: the page comes back with what is missing
        assert member.post(self._url(plug, "submit", pk)).status_code == 400
        assert Case.objects.get(pk=pk).status == "draft"
        # An outsider cannot submit it
        assert page_client(plug.outsider()).post(self._url(plug, "submit", pk)).status_code == 404

        # Complete, it is submitted from the page, and its documents go to the entitled only
        plug.complete(submission, applicant.member)
        assert member.post(self._url(plug, "submit", pk)).status_code == 302
        assert Case.objects.get(pk=pk).status == "submitted"
        document = submission.documents.first()
        file_url = self._url(plug, "document", pk, document.pk)
        assert download(member, file_url).startswith(b"%PDF-")
        assert download(page_client(reviewer()), file_url).startswith(b"%PDF-")
        assert download(page_client(plug.outsider()), file_url) == 404
        # and nothing more is attached once submitted (409: no longer a draft)
        attached = submission.documents.count()
        late = member.post(self._url(plug, "document_add", pk), {"file": pdf_file(), **values})
        assert late.status_code == 409
        assert submission.documents.count() == attached

        # The applicant withdraws it from the page
        assert member.post(self._url(plug, "withdraw", pk), {"reason": "Later."}).status_code == 302
        assert Case.objects.get(pk=pk).status == "withdrawn"

    # --- two reviewers at once ----------------------------------------------------------

    def test_two_reviewers_deciding_one_after_the_other_give_one_decision_and_a_409(self, plug):
        case = submitted_case(plug, plug.applicant())
        first, second = reviewer(), reviewer()
        plug.before_decision(case, first)

        services.case_decide(case=case, reviewer=first, decision="approve", reason="")
        with pytest.raises(Conflict) as refused:
            services.case_decide(case=case, reviewer=second, decision="reject", reason="No.")

        assert (refused.value.code, refused.value.status) == ("case_state", 409)
        _assert_one_decision(plug, case, "approved")

    @pytest.mark.postgres
    @pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (row locks)")
    @pytest.mark.django_db(transaction=True)
    def test_two_reviewers_deciding_at_once_give_one_decision_and_a_409(self, plug, monkeypatch):
        # Given a submitted case, and two reviewers who both reach the case's lock together
        case = submitted_case(plug, plug.applicant())
        first, second = reviewer(), reviewer()
        plug.before_decision(case, first)
        both_there = threading.Barrier(2, timeout=10)
        lock = review_cases.case_locked

        def lock_together(case):
            both_there.wait()
            return lock(case)

        monkeypatch.setattr(review_cases, "case_locked", lock_together)
        outcomes = {}

        def decide(who, decision, reason):
            try:
                services.case_decide(case=case, reviewer=who, decision=decision, reason=reason)
                outcomes[decision] = "decided"
            except Exception as error:  # noqa: BLE001 (asserted below)
                outcomes[decision] = error
            finally:
                connections.close_all()

        # When one approves and the other rejects at the same moment
        threads = [
            threading.Thread(target=decide, args=(first, "approve", "")),
            threading.Thread(target=decide, args=(second, "reject", "No.")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert not any(thread.is_alive() for thread in threads), "deadlocked"

        # Then exactly one decision counts, and the other is told the case changed (409)
        (winner,) = [d for d, outcome in outcomes.items() if outcome == "decided"]
        (loser,) = [o for o in outcomes.values() if o != "decided"]
        assert isinstance(loser, Conflict), repr(loser)
        assert (loser.code, loser.status) == ("case_state", 409)
        _assert_one_decision(plug, case, {"approve": "approved", "reject": "rejected"}[winner])


def _assert_one_decision(plug: Plug, case, status: str) -> None:
    case = Case.objects.get(pk=case.pk)
    assert case.status == status
    assert case.events.filter(action__in=["approved", "rejected"]).count() == 1
    assert Entry.objects.filter(kind="review.decided", subject=case.ledger_subject).count() == 1
    assert plug.approved(case) == (status == "approved")
