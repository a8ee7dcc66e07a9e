"""Reports of actual costs: filed by the organization, accepted or returned by the fund; the
daily job reminds of reports coming due and holds the tranches of overdue ones."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from innocluster.core import schedule
from innocluster.core.errors import (
    Conflict,
    CoreErrorCode,
    NotFound,
    PermissionDenied,
    codes_by_field,
)
from innocluster.features.support.awards import services
from innocluster.features.support.awards.services import reports as report_services
from innocluster.features.support.errors import SupportErrorCode as Code
from innocluster.platform.ledger.models import Entry
from innocluster.platform.notifications.models import Notification

from ...core.test_uploads import javascript_on_open, script_after_eof
from .helpers import accept_report, file_report, pdf_bytes, pdf_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(in_force):
    return in_force.tranches.get(number=2).report


def fresh(report):
    report.refresh_from_db()
    return report


def test_an_editor_files_the_report_and_the_fund_hears_of_it(report, editor, a_reviewer, an_admin):
    file_report(report, editor, costs=Decimal("312345.67"))
    report = fresh(report)
    assert report.state == "filed" and report.filed_by == editor
    assert report.actual_costs == Decimal("312345.67") and len(report.sha256) == 64
    assert report.file.read()[:5] == b"%PDF-"
    told = Notification.objects.filter(kind="support.report.filed")
    assert {n.recipient for n in told} == {a_reviewer, an_admin}


@pytest.mark.parametrize(
    "costs, upload, codes",
    [
        (Decimal("-1"), None, {"actual_costs": ["min_value"]}),
        (Decimal("1.005"), None, {"actual_costs": ["max_decimal_places"]}),
        ("many", None, {"actual_costs": ["invalid"]}),
        (
            Decimal("1"),
            SimpleUploadedFile("report.pdf", b"not a pdf at all"),
            {"file": [CoreErrorCode.NOT_A_PDF]},
        ),
        (
            Decimal("1"),
            pdf_file("report.html", script_after_eof()),
            {"file": [CoreErrorCode.PDF_TRAILING_DATA]},
        ),
        (
            Decimal("1"),
            pdf_file("report.pdf", javascript_on_open()),
            {"file": [CoreErrorCode.PDF_ACTIVE_CONTENT]},
        ),
        (Decimal("1"), False, {"file": ["required"]}),
    ],
)
def test_bad_input_files_nothing(report, owner, costs, upload, codes):
    with pytest.raises(ValidationError) as refused:
        services.report_file(
            report=report,
            actor=owner,
            actual_costs=costs,
            upload=pdf_file() if upload is None else (upload or None),
        )
    assert codes_by_field(refused.value) == codes
    assert fresh(report).state == "due" and not report.file


def test_zero_costs_are_a_report_too(report, owner):
    file_report(report, owner, costs=Decimal("0"))
    assert fresh(report).actual_costs == Decimal("0.00")


def test_a_file_over_the_limit_is_refused(report, owner, settings):
    settings.DOCUMENT_MAX_BYTES = 100
    with pytest.raises(ValidationError) as refused:
        file_report(report, owner, upload=pdf_file(content=pdf_bytes(3)))
    assert codes_by_field(refused.value) == {"file": [CoreErrorCode.FILE_TOO_LARGE]}


@pytest.mark.parametrize(
    "who, error",
    [("viewer", PermissionDenied), ("a_reviewer", PermissionDenied), ("stranger", NotFound)],
)
def test_only_owners_and_editors_file(report, request, who, error):
    with pytest.raises(error):
        file_report(report, request.getfixturevalue(who))


def test_a_filed_report_is_not_filed_again(report, owner):
    file_report(report, owner)
    with pytest.raises(Conflict) as refused:
        file_report(report, owner)
    assert refused.value.code == Code.REPORT_ALREADY_FILED


def test_the_fund_accepts_a_report_on_the_ledger(report, owner, a_reviewer):
    file_report(report, owner)
    accept_report(report, a_reviewer)
    report = fresh(report)
    assert report.state == "accepted" and report.accepted_by == a_reviewer
    payload = Entry.objects.get(kind="support.report.accepted").content["payload"]
    assert payload["sha256"] == report.sha256 and payload["actual_costs"] == "300000.00"
    assert Notification.objects.filter(kind="support.report.accepted", recipient=owner).exists()
    accept_report(report, a_reviewer)  # again: harmless
    assert Entry.objects.filter(kind="support.report.accepted").count() == 1


def test_a_report_not_filed_cannot_be_accepted(report, a_reviewer):
    with pytest.raises(Conflict) as refused:
        accept_report(report, a_reviewer)
    assert refused.value.code == Code.REPORT_NOT_FILED


@pytest.mark.parametrize("who, error", [("owner", PermissionDenied), ("stranger", NotFound)])
def test_only_the_fund_accepts_or_returns(report, owner, request, who, error):
    file_report(report, owner)
    person = request.getfixturevalue(who)
    with pytest.raises(error):
        accept_report(report, person)
    with pytest.raises(error):
        services.report_return(report=report, actor=person, reason="no")
    assert fresh(report).state == "filed"


def test_a_returned_report_is_filed_again_and_replaces_its_file(
    report, owner, a_reviewer, django_capture_on_commit_callbacks
):
    file_report(report, owner)
    old_name = fresh(report).file.name
    with pytest.raises(ValidationError) as refused:
        services.report_return(report=report, actor=a_reviewer, reason="  ")
    assert codes_by_field(refused.value) == {"reason": ["required"]}
    services.report_return(report=report, actor=a_reviewer, reason="Приложите акты.")
    report = fresh(report)
    assert report.state == "due" and report.return_reason == "Приложите акты."
    assert Notification.objects.get(kind="support.report.returned").context["reason"]
    with django_capture_on_commit_callbacks(execute=True):
        file_report(report, owner, costs=Decimal("1.00"))
    report = fresh(report)
    assert report.state == "filed" and report.file.name != old_name
    assert not report.file.storage.exists(old_name) and report.file.storage.exists(report.file.name)


def test_a_filing_that_fails_after_its_file_is_written_leaves_no_file(report, owner, monkeypatch):
    # Given the fund's notice failing after the report's file is written
    monkeypatch.setattr(report_services.notify, "fund", lambda *a, **k: 1 / 0)
    # When the report is filed
    with pytest.raises(ZeroDivisionError):
        file_report(report, owner)
    # Then nothing is filed, and no file is left under the reports' folder
    assert fresh(report).state == "due" and not fresh(report).file
    assert list(Path(settings.MEDIA_ROOT, "support/reports").glob("*")) == []


def due_day(report):
    return fresh(report).due_on


def test_reminders_go_once_per_report_within_ten_days(report, owner):
    due = due_day(report)
    assert services.report_send_reminders(today=due - dt.timedelta(days=11))["reminded"] == 0
    assert services.report_send_reminders(today=due - dt.timedelta(days=10))["reminded"] == 1
    assert services.report_send_reminders(today=due - dt.timedelta(days=9))["reminded"] == 0
    reminders = Notification.objects.filter(kind="support.report.due_soon")
    assert [n.recipient for n in reminders] == [owner]
    assert reminders[0].context["due"] == due.isoformat()


def test_a_filed_report_is_not_reminded_of(report, owner):
    file_report(report, owner)
    assert services.report_send_reminders(today=due_day(report))["reminded"] == 0


def test_an_overdue_report_holds_its_tranche_until_accepted(report, owner, a_reviewer, an_admin):
    tranche = report.tranche
    due = due_day(report)
    assert services.report_send_reminders(today=due)["held"] == 0
    assert services.report_send_reminders(today=due + dt.timedelta(days=1))["held"] == 1
    assert services.report_send_reminders(today=due + dt.timedelta(days=2))["held"] == 0
    tranche.refresh_from_db()
    assert tranche.state == "held"
    held = Notification.objects.filter(kind="support.tranche.held")
    assert {n.recipient for n in held} == {owner, an_admin}
    file_report(report, owner)
    accept_report(report, a_reviewer)
    tranche.refresh_from_db()
    assert tranche.state == "scheduled"  # released


def test_a_report_returned_after_its_due_date_holds_the_tranche_at_once(
    report, owner, a_reviewer, monkeypatch
):
    file_report(report, owner)
    monkeypatch.setattr(report_services, "moscow_date", lambda: due_day(report) + dt.timedelta(1))
    services.report_send_reminders(today=due_day(report) + dt.timedelta(days=1))
    report.tranche.refresh_from_db()
    assert report.tranche.state == "held"  # filed but not accepted, and overdue
    report.tranche.state = "scheduled"
    report.tranche.save()
    services.report_return(report=report, actor=a_reviewer, reason="Нет актов.")
    report.tranche.refresh_from_db()
    assert report.tranche.state == "held"


def test_the_check_is_a_daily_job_of_the_scheduler():
    from innocluster.features.support.awards import tasks  # noqa: F401 - declares the job

    job = {j.name: j for j in schedule.jobs()}["support.report_reminders"]
    assert job.at == dt.time(9, 15)
    assert job.task.call() == {"reminded": 0, "held": 0}
