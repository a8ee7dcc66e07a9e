"""Reports of actual costs: the organization files one per year of the agreement, the fund
accepts it (which releases the tranche it holds) or returns it; a daily job reminds the
organization of reports coming due and holds the tranches whose report is overdue."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.audit import audit_record, change, register_actions
from innocluster.core.calendar import moscow_date
from innocluster.core.errors import Conflict
from innocluster.core.files import files_deleted_on_rollback
from innocluster.core.limits import require_max_length
from innocluster.core.uploads import sha256_of, validate_pdf
from innocluster.platform.accounts.choices import StaffRole
from innocluster.platform.ledger.kinds import register_kind
from innocluster.platform.ledger.services import ledger_append

from ...choices import AgreementState, ReportState, TrancheState
from ...errors import SupportErrorCode, refused
from ...services.applications import money_value
from .. import notify
from ..models import RETURN_REASON_MAX_LENGTH, Award, Report, Tranche
from ._common import locked_award, require_applicant, require_fund

# The history pages' words for what this module records (core.audit).
register_actions(
    {
        "support.report.filed": gettext_lazy("filed a report on costs"),
        "support.report.accepted": gettext_lazy("accepted a report on costs"),
        "support.report.returned": gettext_lazy("returned a report on costs"),
        "support.tranche.held": gettext_lazy("held a payment until the report"),
    }
)

# What the public pages say for the ledger entries this module appends.
register_kind("support.report.accepted", gettext_lazy("report on costs accepted"))

REMIND_DAYS = 10
FUND_STAFF = (StaffRole.REVIEWER, StaffRole.ADMIN)


def report_file(*, report: Report, actor, actual_costs: Decimal, upload) -> Report:
    """File the report of actual costs (a PDF) for the fund to check, by an owner or editor.
    A report filed and waiting, or accepted, cannot be filed again (409); a returned one can,
    and its new file replaces the old."""
    award = report.tranche.award
    require_applicant(user=actor, award=award)
    costs = money_value(actual_costs, field="actual_costs", allow_zero=True)
    digest = _checked_pdf(upload)
    # The new file is deleted again if a later step fails; the old one only once this commits.
    with files_deleted_on_rollback() as written, transaction.atomic():
        award = locked_award(award)
        report = Report.objects.select_related("tranche").get(pk=report.pk)
        if report.state != ReportState.DUE:
            raise Conflict(
                _("This report is already filed."), code=SupportErrorCode.REPORT_ALREADY_FILED
            )
        old_file = report.file.name
        written.save(report.file, f"report-{award.pk}-{report.tranche.number}.pdf", upload)
        report.sha256, report.actual_costs = digest, costs
        report.state, report.filed_at, report.filed_by = ReportState.FILED, timezone.now(), actor
        report.save(
            update_fields=["file", "sha256", "actual_costs", "state", "filed_at", "filed_by"]
        )
        _forget(report.file.storage, old_file)
        _audit(report, award, actor, "filed", ReportState.DUE, actual_costs=str(costs))
        notify.fund(award, "support.report.filed", roles=FUND_STAFF, actual_costs=costs)
    return report


def _checked_pdf(upload) -> str:
    if not upload:
        raise refused("file", _("Attach the report as a PDF."), "required")
    try:
        validate_pdf(upload, max_bytes=settings.DOCUMENT_MAX_BYTES)
    except ValidationError as error:  # with core's codes: not_a_pdf, file_too_large
        raise ValidationError({"file": error.error_list}) from None
    return sha256_of(upload)


def _forget(storage, name: str) -> None:
    """Delete a replaced file once the replacement has committed (never before: a rollback
    would leave the report pointing at nothing)."""
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def report_accept(*, report: Report, actor) -> Report:
    """Accept a filed report (fund reviewers and administrators): the tranche it held is
    released, and the acceptance goes on the ledger with the report's hash. Accepting again
    is harmless."""
    require_fund(user=actor, award=report.tranche.award, admin=False)
    with transaction.atomic():
        award = locked_award(report.tranche.award)
        report = Report.objects.select_related("tranche").get(pk=report.pk)
        if report.state == ReportState.ACCEPTED:
            return report
        _require_filed(report)
        report.state, report.accepted_at, report.accepted_by = (
            ReportState.ACCEPTED,
            timezone.now(),
            actor,
        )
        report.return_reason = ""
        report.save(update_fields=["state", "accepted_at", "accepted_by", "return_reason"])
        tranche = report.tranche
        if tranche.state == TrancheState.HELD:
            tranche.state = TrancheState.SCHEDULED
            tranche.save(update_fields=["state"])
        _ledger_accepted(report, award)
        _audit(report, award, actor, "accepted", ReportState.FILED)
        notify.organization(award, "support.report.accepted", tranche=tranche.number)
    return report


def report_return(*, report: Report, actor, reason: str) -> Report:
    """Send a filed report back with the reason (fund reviewers and administrators); the
    organization files it again. A return after the due date holds the tranche at once."""
    require_fund(user=actor, award=report.tranche.award, admin=False)
    reason = (reason or "").strip()
    if not reason:
        raise refused("reason", _("Say what is wrong with the report."), "required")
    require_max_length("reason", reason, RETURN_REASON_MAX_LENGTH)
    with transaction.atomic():
        award = locked_award(report.tranche.award)
        report = Report.objects.select_related("tranche").get(pk=report.pk)
        _require_filed(report)
        report.state, report.return_reason = ReportState.DUE, reason
        report.save(update_fields=["state", "return_reason"])
        _audit(report, award, actor, "returned", ReportState.FILED, reason=reason)
        notify.organization(award, "support.report.returned", reason=reason)
        if report.due_on < moscow_date():
            _hold(award, report.tranche, report)
    return report


def _require_filed(report: Report) -> None:
    if report.state == ReportState.DUE:
        raise Conflict(
            _("The report has not been filed yet."), code=SupportErrorCode.REPORT_NOT_FILED
        )
    if report.state == ReportState.ACCEPTED:
        raise Conflict(_("The report is already accepted."), code=SupportErrorCode.REPORT_ACCEPTED)


def _ledger_accepted(report: Report, award: Award) -> None:
    ledger_append(
        kind="support.report.accepted",
        subject=award.ledger_subject,
        payload={
            "award": award.pk,
            "case": award.application.case.number,
            "tranche": report.tranche.number,
            "year": report.tranche.period,
            "actual_costs": str(report.actual_costs),
            "sha256": report.sha256,
        },
    )


def _audit(report: Report, award: Award, actor, action: str, before: str, **extra) -> None:
    audit_record(
        actor=actor,
        action=f"support.report.{action}",
        target=report,
        organization=award.organization,
        changes={"state": change(before, report.state), "tranche": report.tranche.number, **extra},
    )


def report_send_reminders(*, today: dt.date | None = None) -> dict[str, int]:
    """The daily job: remind the organization of each report due within REMIND_DAYS days
    (once per report), and hold each unpaid tranche whose report is overdue and not accepted
    (once: a held tranche stays held until its report is accepted)."""
    today = today or moscow_date()
    due_soon = Report.objects.filter(
        state=ReportState.DUE,
        due_on__gte=today,
        due_on__lte=today + dt.timedelta(days=REMIND_DAYS),
        reminded_on__isnull=True,
        tranche__award__agreement__state=AgreementState.IN_FORCE,
    )
    overdue = Tranche.objects.filter(
        state=TrancheState.SCHEDULED, report__due_on__lt=today
    ).exclude(report__state=ReportState.ACCEPTED)
    return {
        "reminded": sum(_remind(report.pk, today) for report in due_soon.only("pk")),
        "held": sum(_hold_overdue(tranche.pk, today) for tranche in overdue.only("pk")),
    }


def _remind(report_pk: int, today: dt.date) -> int:
    with transaction.atomic():
        award = locked_award(Report.objects.get(pk=report_pk).tranche.award)
        report = Report.objects.select_related("tranche").get(pk=report_pk)
        if report.state != ReportState.DUE or report.reminded_on is not None:
            return 0
        report.reminded_on = today
        report.save(update_fields=["reminded_on"])
        notify.organization(
            award, "support.report.due_soon", due=report.due_on, tranche=report.tranche.number
        )
    return 1


def _hold_overdue(tranche_pk: int, today: dt.date) -> int:
    with transaction.atomic():
        award = locked_award(Tranche.objects.get(pk=tranche_pk).award)
        tranche = Tranche.objects.select_related("report").get(pk=tranche_pk)
        report = tranche.report
        if report.state == ReportState.ACCEPTED or report.due_on >= today:
            return 0
        return _hold(award, tranche, report)


def _hold(award: Award, tranche: Tranche, report: Report) -> int:
    if tranche.state != TrancheState.SCHEDULED:
        return 0
    tranche.state = TrancheState.HELD
    tranche.save(update_fields=["state"])
    audit_record(
        actor=None,
        action="support.tranche.held",
        target=tranche,
        organization=award.organization,
        changes={"state": change(TrancheState.SCHEDULED, TrancheState.HELD)},
    )
    notify.organization(award, "support.tranche.held", tranche=tranche.number, due=report.due_on)
    notify.fund(award, "support.tranche.held", tranche=tranche.number, due=report.due_on)
    return 1
