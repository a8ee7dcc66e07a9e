import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from pypdf import PdfWriter

from innocluster.core.errors import (
    Conflict,
    CoreErrorCode,
    NotFound,
    PermissionDenied,
    codes_by_field,
)
from innocluster.platform.ledger.models import Entry
from innocluster.platform.notifications.models import Notification
from innocluster.platform.reviews import selectors as review_selectors
from innocluster.platform.reviews import services as reviews
from innocluster.platform.reviews.errors import ReviewErrorCode
from innocluster.platform.reviews.models import Case
from innocluster.platform.reviews.services import cases as review_cases
from innocluster.platform.status import selectors, services
from innocluster.platform.status.errors import StatusErrorCode as Code
from innocluster.platform.status.models import ApplicationDocument, Status

from ..factories import MembershipFactory, OrganizationFactory, UserFactory, member_of
from .helpers import complete_draft, pdf_bytes, pdf_file

pytestmark = pytest.mark.django_db


def on_day(monkeypatch, day: dt.date) -> None:
    """Make the pipeline's clock read `day` in Moscow."""
    monkeypatch.setattr(review_cases, "moscow_date", lambda: day)


def test_a_draft_is_filled_from_the_profile_of_who_opens_it(organization, owner):
    application = services.status_application_create(organization=organization, actor=owner)
    assert application.kind == "participant"  # a Moscow company
    assert application.contact_name == owner.full_name
    assert application.contact_email == owner.email
    assert application.case.status == "draft"


def test_a_second_open_application_is_a_conflict_that_points_at_the_first(organization, owner):
    first = services.status_application_create(organization=organization, actor=owner)
    with pytest.raises(Conflict) as refused:
        services.status_application_create(organization=organization, actor=owner)
    assert refused.value.code == ReviewErrorCode.CASE_ALREADY_OPEN
    assert refused.value.extra["case_id"] == first.case_id
    assert Case.objects.count() == 1


def test_outside_moscow_participant_status_is_refused_with_a_hint_of_partner(db):
    organization = OrganizationFactory(region="50")
    owner = member_of(organization, "owner")
    with pytest.raises(ValidationError) as refused:
        services.status_application_create(
            organization=organization, actor=owner, kind="participant"
        )
    assert codes_by_field(refused.value) == {"kind": [Code.PARTICIPANT_NEEDS_MOSCOW]}
    assert not Case.objects.exists()
    partner = services.status_application_create(organization=organization, actor=owner)
    assert partner.kind == "partner"


def test_an_incomplete_application_lists_every_missing_item_and_stays_a_draft(organization, owner):
    application = services.status_application_create(organization=organization, actor=owner)
    with pytest.raises(ValidationError) as refused:
        reviews.case_submit(case=application.case, actor=owner)
    codes = codes_by_field(refused.value)
    for field in ("contact_phone", "confirm_data_true", "confirm_rules", "confirm_personal_data"):
        assert codes[field] == ["required"]
    # The registry extract and the consent.
    assert codes["documents"] == [ReviewErrorCode.MISSING_DOCUMENT] * 2
    application.case.refresh_from_db()
    assert application.case.status == "draft"
    assert application.case.events.count() == 1  # only "created"


def test_submission_sets_the_deadline_ten_business_days_ahead(organization, owner, monkeypatch):
    on_day(monkeypatch, dt.date(2025, 12, 30))
    case = reviews.case_submit(case=complete_draft(organization, owner).case, actor=owner)
    assert case.status == "submitted"
    assert case.decision_due == dt.date(2026, 1, 23)
    assert case.status_application.profile["inn"] == organization.inn


def test_submitting_twice_is_harmless(organization, owner, a_reviewer):
    case = complete_draft(organization, owner).case
    reviews.case_submit(case=case, actor=owner)
    again = reviews.case_submit(case=case, actor=owner)
    assert again.status == "submitted"
    assert case.events.filter(action="submitted").count() == 1
    assert Notification.objects.filter(kind="review.new_case").count() == 1


def test_the_clock_stops_while_information_is_requested(
    organization, owner, a_reviewer, monkeypatch
):
    on_day(monkeypatch, dt.date(2026, 2, 16))  # due 3 March
    case = reviews.case_submit(case=complete_draft(organization, owner).case, actor=owner)
    on_day(monkeypatch, dt.date(2026, 2, 20))  # 23 Feb is off: 24, 25, 26, 27 Feb, 2, 3 Mar left
    case = reviews.case_decide(
        case=case, reviewer=a_reviewer, decision="request_info", reason="The extract is old."
    )
    assert (case.status, case.paused_days_left, case.decision_due) == ("info_requested", 6, None)
    on_day(monkeypatch, dt.date(2026, 3, 2))  # 9 March is off
    case = reviews.case_resubmit(case=case, actor=owner, message="A new extract is attached.")
    assert case.status == "resubmitted"
    assert case.decision_due == dt.date(2026, 3, 11)


def test_approval_grants_the_status_records_it_and_tells_the_members(
    organization, owner, a_reviewer
):
    case = reviews.case_submit(case=complete_draft(organization, owner).case, actor=owner)
    reviews.case_take(case=case, reviewer=a_reviewer)
    case = reviews.case_decide(case=case, reviewer=a_reviewer, decision="approve")
    status = Status.objects.get(organization=organization)
    assert (status.kind, status.state) == ("participant", "active")
    assert status.register_number == f"IC-{organization.pk:07d}"
    assert set(Entry.objects.values_list("kind", flat=True)) >= {
        "review.decided",
        "participation.granted",
    }
    kinds = set(Notification.objects.filter(recipient=owner).values_list("kind", flat=True))
    assert {"review.submitted", "review.taken", "review.approved", "participation.granted"} <= kinds
    assert [e.action for e in case.events.all()] == ["created", "submitted", "taken", "approved"]


def test_a_decision_needs_a_reason_to_reject_and_a_second_decision_is_a_conflict(
    organization, owner, a_reviewer
):
    case = reviews.case_submit(case=complete_draft(organization, owner).case, actor=owner)
    with pytest.raises(ValidationError) as refused:
        reviews.case_decide(case=case, reviewer=a_reviewer, decision="reject", reason="  ")
    assert codes_by_field(refused.value) == {"reason": ["required"]}
    reviews.case_decide(case=case, reviewer=a_reviewer, decision="reject", reason="False data.")
    with pytest.raises(Conflict) as refused:
        reviews.case_decide(case=case, reviewer=UserFactory(staff_role="admin"), decision="approve")
    assert refused.value.code == ReviewErrorCode.CASE_STATE
    assert not Status.objects.exists()
    assert Entry.objects.filter(kind="review.decided").count() == 1


def test_a_reviewer_never_decides_on_their_own_organization(organization, owner, a_reviewer):
    MembershipFactory(organization=organization, user=a_reviewer, role="viewer")
    case = reviews.case_submit(case=complete_draft(organization, owner).case, actor=owner)
    with pytest.raises(PermissionDenied) as refused:
        reviews.case_decide(case=case, reviewer=a_reviewer, decision="approve")
    assert refused.value.code == ReviewErrorCode.OWN_ORGANIZATION
    with pytest.raises(PermissionDenied) as refused:
        reviews.case_decide(case=case, reviewer=owner, decision="approve")
    assert refused.value.code == CoreErrorCode.PERMISSION_DENIED  # not a reviewer at all


def test_documents_must_be_real_pdfs_within_the_limit(organization, owner, settings):
    application = services.status_application_create(organization=organization, actor=owner)
    png = pdf_file("extract.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    with pytest.raises(ValidationError) as refused:
        reviews.submission_document_add(
            submission=application, actor=owner, doc_type="registry_extract", upload=png
        )
    assert codes_by_field(refused.value) == {"file": [CoreErrorCode.NOT_A_PDF]}
    settings.DOCUMENT_MAX_BYTES = len(pdf_bytes()) - 1
    with pytest.raises(ValidationError) as refused:
        reviews.submission_document_add(
            submission=application, actor=owner, doc_type="registry_extract", upload=pdf_file()
        )
    assert codes_by_field(refused.value) == {"file": [CoreErrorCode.FILE_TOO_LARGE]}
    assert not ApplicationDocument.objects.exists()


def test_a_submitted_application_can_no_longer_change(organization, owner):
    application = complete_draft(organization, owner)
    reviews.case_submit(case=application.case, actor=owner)
    with pytest.raises(Conflict) as refused:
        reviews.submission_update(
            submission=application, actor=owner, fields={"contact_name": "Someone else"}
        )
    assert refused.value.code == ReviewErrorCode.CASE_STATE
    with pytest.raises(Conflict) as refused:
        reviews.submission_document_add(
            submission=application, actor=owner, doc_type="other", upload=pdf_file()
        )
    assert refused.value.code == ReviewErrorCode.CASE_STATE


def test_withdrawing_frees_the_way_for_a_new_application(organization, owner):
    application = complete_draft(organization, owner)
    reviews.case_submit(case=application.case, actor=owner)
    reviews.case_withdraw(case=application.case, actor=owner, reason="Wrong documents.")
    with pytest.raises(Conflict) as refused:
        reviews.case_submit(case=application.case, actor=owner)
    assert refused.value.code == ReviewErrorCode.CASE_STATE
    assert services.status_application_create(organization=organization, actor=owner)


def test_another_organizations_application_is_not_found(organization, owner):
    application = services.status_application_create(organization=organization, actor=owner)
    stranger = member_of(OrganizationFactory(), "owner")
    with pytest.raises(Http404):
        review_selectors.submission_get_for_member(
            kind=services.CASE_KIND, user=stranger, pk=application.case_id
        )
    with pytest.raises(Http404):
        review_selectors.submission_get_for_reviewer(
            kind=services.CASE_KIND, user=stranger, pk=application.case_id
        )


def test_reviewers_never_see_drafts(organization, owner, a_reviewer):
    application = services.status_application_create(organization=organization, actor=owner)
    with pytest.raises(Http404):
        review_selectors.submission_get_for_reviewer(
            kind=services.CASE_KIND, user=a_reviewer, pk=application.case_id
        )


def granted(organization, owner, reviewer) -> Status:
    case = reviews.case_submit(case=complete_draft(organization, owner).case, actor=owner)
    reviews.case_decide(case=case, reviewer=reviewer, decision="approve")
    return Status.objects.get(organization=organization)


def test_an_administrator_suspends_revokes_and_restores_and_all_of_it_stays(
    organization, owner, a_reviewer, an_admin
):
    status = granted(organization, owner, a_reviewer)
    services.status_suspend(status=status, actor=an_admin, reason="Audit in progress.")
    with pytest.raises(ValidationError) as refused:
        services.status_revoke(status=status, actor=an_admin, grounds="", reason="No grounds.")
    assert codes_by_field(refused.value) == {"grounds": ["invalid_choice"]}
    services.status_revoke(
        status=status, actor=an_admin, grounds="kpi_report_not_filed", reason="No 2025 report."
    )
    services.status_restore(status=status, actor=an_admin, reason="The report arrived.")
    status.refresh_from_db()
    assert status.state == "active"
    actions = [c.action for c in selectors.status_history(status=status)]
    assert actions == ["granted", "suspended", "revoked", "restored"]
    ledger = Entry.objects.filter(subject=status.ledger_subject).values_list("kind", flat=True)
    assert {"participation.suspended", "participation.revoked", "participation.restored"} <= set(
        ledger
    )


def test_only_an_administrator_changes_a_status_and_only_from_a_state_that_allows_it(
    organization, owner, a_reviewer, an_admin
):
    status = granted(organization, owner, a_reviewer)
    with pytest.raises(PermissionDenied):
        services.status_suspend(status=status, actor=a_reviewer, reason="Because.")
    with pytest.raises(ValidationError) as refused:
        services.status_suspend(status=status, actor=an_admin, reason="")
    assert codes_by_field(refused.value) == {"reason": ["required"]}
    with pytest.raises(Conflict) as conflict:
        services.status_restore(status=status, actor=an_admin, reason="It is active.")
    assert (conflict.value.code, conflict.value.extra) == (Code.STATUS_STATE, {"state": "active"})
    assert status.changes.count() == 1


def test_an_active_participant_cannot_apply_again(organization, owner, a_reviewer):
    granted(organization, owner, a_reviewer)
    with pytest.raises(Conflict) as refused:
        services.status_application_create(organization=organization, actor=owner)
    assert refused.value.code == Code.STATUS_EXISTS


def test_a_removed_document_leaves_no_row_and_no_file(
    organization, owner, django_capture_on_commit_callbacks
):
    application = complete_draft(organization, owner)
    document = application.documents.first()
    storage, name = document.file.storage, document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        reviews.submission_document_remove(
            submission=application, actor=owner, document_id=document.pk
        )
    assert not storage.exists(name)
    assert not application.documents.filter(pk=document.pk).exists()
    stranger = member_of(OrganizationFactory(), "owner")
    with pytest.raises(NotFound):
        reviews.submission_document_remove(
            submission=application, actor=stranger, document_id=application.documents.first().pk
        )


def test_a_discarded_draft_never_reaches_the_reviewers(organization, owner, a_reviewer):
    application = complete_draft(organization, owner)
    reviews.case_withdraw(case=application.case, actor=owner)
    with pytest.raises(Http404):
        review_selectors.submission_get_for_reviewer(
            kind=services.CASE_KIND, user=a_reviewer, pk=application.case_id
        )
    assert not review_selectors.case_queue(user=a_reviewer).exists()


BROKEN_PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\ne^dobj\n2 0 obj\n<< /Type /Pages "
    b"/Kids [3 0 RW /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox "
    b"[J 0 10 10] >>\nendobj\nxref\n0 4\n0000000000 65535 f \n0000V00009 00000 n \n"
    b"0000000058 00000 n \n0000000115 00000 n \ntrailer.<< /Size 4 /Root 1 0 R >>\nstartxref"
    b"\n184\n%%EOF\n"
)  # found by fuzzing: pypdf raises AttributeError on it


def locked_pdf(user_password: str) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password=user_password, owner_password="owner-secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_any_unreadable_pdf_is_refused_and_one_locked_only_against_editing_is_taken(
    organization, owner
):
    application = services.status_application_create(organization=organization, actor=owner)
    for content in (BROKEN_PDF, locked_pdf("open-sesame")):
        with pytest.raises(ValidationError) as refused:
            reviews.submission_document_add(
                submission=application,
                actor=owner,
                doc_type="other",
                upload=pdf_file(content=content),
            )
        assert codes_by_field(refused.value) == {"file": [CoreErrorCode.NOT_A_PDF]}
    editable_only_locked = pdf_file(content=locked_pdf(""))
    reviews.submission_document_add(
        submission=application, actor=owner, doc_type="other", upload=editable_only_locked
    )
    assert application.documents.count() == 1


def test_an_approval_never_lifts_a_suspension(organization, owner, a_reviewer, an_admin):
    # Given a partner that moved to Moscow and applies to be a participant
    organization.region = "50"
    organization.save()
    status = granted(organization, owner, a_reviewer)
    organization.region = "77"
    organization.save()
    case = reviews.case_submit(case=complete_draft(organization, owner).case, actor=owner)
    # When the fund suspends its status meanwhile, then approving the case is refused
    services.status_suspend(status=status, actor=an_admin, reason="Audit.")
    with pytest.raises(Conflict) as refused:
        reviews.case_decide(case=case, reviewer=a_reviewer, decision="approve")
    assert refused.value.code == Code.STATUS_SUSPENDED
    status.refresh_from_db()
    assert (status.kind, status.state) == ("partner", "suspended")
    case.refresh_from_db()
    assert case.status == "submitted"


def test_a_draft_cannot_turn_into_a_second_grant_of_the_same_status(
    organization, owner, a_reviewer
):
    organization.region = "50"
    organization.save()
    granted(organization, owner, a_reviewer)
    organization.region = "77"
    organization.save()
    application = complete_draft(organization, owner)  # participant: allowed
    with pytest.raises(Conflict) as refused:
        reviews.submission_update(submission=application, actor=owner, fields={"kind": "partner"})
    assert refused.value.code == Code.STATUS_EXISTS


def test_resubmitting_twice_is_harmless_even_after_the_case_was_taken(
    organization, owner, a_reviewer
):
    case = reviews.case_submit(case=complete_draft(organization, owner).case, actor=owner)
    reviews.case_decide(case=case, reviewer=a_reviewer, decision="request_info", reason="More.")
    reviews.case_resubmit(case=case, actor=owner)
    reviews.case_take(case=case, reviewer=a_reviewer)
    again = reviews.case_resubmit(case=case, actor=owner)
    assert again.status == "in_review"
    assert case.events.filter(action="resubmitted").count() == 1
