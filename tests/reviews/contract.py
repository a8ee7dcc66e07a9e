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

The steps here go through the kit's services and selectors; contract_web.py takes the same
way through the kind's API and pages; plug.py holds the Plug, the Russian calendar the
deadlines are checked against and the shared helpers. Errors are checked by their codes, never
by their wording.
"""

import datetime as dt
import threading
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections
from django.http import Http404

from innocluster.core.errors import Conflict, DomainError, PermissionDenied
from innocluster.platform.ledger.models import Entry
from innocluster.platform.organizations.models import Organization
from innocluster.platform.reviews import selectors, services
from innocluster.platform.reviews.models import Case, CaseEvent
from innocluster.platform.reviews.services import cases as review_cases

from ..orphans import aged, exists, stray, swept
from ..pdfs import pdf_bytes, pdf_file
from ..status.helpers import reviewer
from .contract_web import WebContract
from .plug import (  # noqa: F401 (Plug and Applicant: what a kind's test imports from here)
    INFO_REQUESTED_ON,
    RESUBMITTED_ON,
    SUBMITTED_ON,
    Applicant,
    Plug,
    actions,
    business_days_between,
    code_of,
    notified,
    nth_business_day,
    nth_weekday,
    on_day,
    stored_files,
    submitted_case,
)


class SubmissionContract(WebContract):
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

        for decision in ("reject", "request_info"):
            with pytest.raises(ValidationError) as refused:
                services.case_decide(case=case, reviewer=fund, decision=decision, reason=" ")
            assert code_of(refused.value, "reason") == "required"

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

    def test_a_document_whose_row_the_database_refuses_leaves_no_file(self, plug):
        # Given a draft, and an upload whose row the database refuses after its file is
        # written (a negative size breaks the column's check; the upload checks pass)
        applicant = plug.applicant()
        submission = plug.draft(applicant)
        files = stored_files()
        upload = pdf_file()
        upload.size = -1
        # When it is attached
        with pytest.raises(IntegrityError):
            plug.add_document(submission, applicant.member, upload=upload)
        # Then the transaction rolled back and took the written file with it
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

    def test_the_daily_job_deletes_documents_no_row_names_a_day_on(self, plug):
        # Given a document, and a file a process died leaving beside it (or a rolled-back
        # upload: the kit writes the file with the row, in the transaction)
        applicant = plug.applicant()
        submission = plug.draft(applicant)
        document = plug.add_document(submission, applicant.member, upload=pdf_file())
        folder = plug.spec.document_model.upload_folder
        lost, young = stray(f"{folder}/lost.pdf"), stray(f"{folder}/in-flight.pdf")
        aged(document.file.name, lost)
        # When the scheduler runs the daily sweep
        assert swept("reviews") == 1
        # Then the file no row names is gone, the named and the young ones stay
        assert not exists(lost) and exists(document.file.name) and exists(young)

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
