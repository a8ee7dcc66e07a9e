"""The award, its agreement, and the agreement's acceptance by both sides, which puts the
payment schedule in place."""

import hashlib
import re
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.audit import audit_record, change, register_actions
from innocluster.core.calendar import moscow_date
from innocluster.core.errors import Conflict, PermissionDenied
from innocluster.core.files import WrittenFiles, files_deleted_on_rollback
from innocluster.platform.ledger.kinds import register_kind, register_subject
from innocluster.platform.ledger.services import ledger_append

from ...choices import AgreementSide, AgreementState
from ...errors import SupportErrorCode, refused
from ...models import Measure
from ...services.applications import money_value
from .. import notify, schedule
from ..models import Agreement, Award, Report, Tranche
from ..pdf import agreement_pdf
from ..selectors import acceptance_side
from ._common import locked_award, require_visible

# The history pages' words for what this module records (core.audit).
register_actions(
    {
        "support.award.granted": gettext_lazy("awarded support"),
        "support.agreement.accepted": gettext_lazy("accepted the agreement"),
        "support.agreement.in_force": gettext_lazy("brought the agreement into force"),
    }
)

# What the public pages say for the ledger entries this module appends.
register_kind(
    "support.award.granted",
    gettext_lazy("support awarded"),
    values={"measure": lambda code: _measure_title(code)},
)


def _measure_title(code: str) -> str | None:
    measure = Measure.objects.filter(code=code).first()
    return measure.title if measure else None


# An award's page is its organization's and the fund's: the ledger names it, never links it.
register_subject("award", gettext_lazy("support award"))
register_kind("support.agreement.accepted", gettext_lazy("agreement accepted"))

SHA256 = re.compile(r"^[0-9a-f]{64}$")


def award_create(*, application, amount: Decimal, actor) -> Award:
    """Fix the award of an approved application, in the caller's transaction (the review
    decision's, with the case locked): the award, its ledger entry, the audit event, the
    agreement PDF with its SHA-256, and a notice to the organization that the agreement
    awaits acceptance. The payment terms are copied from the measure now, because the
    agreement states them. An application is awarded once; a second call is a Conflict."""
    amount = money_value(amount, field="amount")
    if Award.objects.filter(application=application).exists():
        raise Conflict(
            _("This application has already been awarded."),
            code=SupportErrorCode.ALREADY_AWARDED,
        )
    case, measure = application.case, application.measure
    # The agreement's file is deleted again if a later step fails (the ledger, the audit
    # trail, the notice); a rollback of the caller's decision after this is the daily sweep's.
    with files_deleted_on_rollback() as written, transaction.atomic():
        award = Award.objects.create(
            application=application,
            organization=case.organization,
            measure=measure,
            amount=amount,
            # The year the request was counted in against the yearly cap (its submission).
            year=application.cap_year or moscow_date().year,
            awarded_at=timezone.now(),
            advance_percent=measure.advance_percent,
            yearly_tranches=measure.yearly_tranches,
        )
        agreement = _agreement_create(award, written)
        ledger_append(
            kind="support.award.granted",
            subject=award.ledger_subject,
            payload={
                "award": award.pk,
                "case": case.number,
                "measure": measure.code,
                "organization": {"id": case.organization_id, "inn": case.organization.inn},
                "amount": str(amount),
                "year": award.year,
            },
        )
        audit_record(
            actor=actor,
            action="support.award.granted",
            target=award,
            organization=case.organization,
            changes={"case": case.number, "amount": str(amount), "agreement": agreement.number},
        )
        notify.organization(award, "support.agreement.awaiting")
    return award


def planned_tranches(award: Award) -> list[schedule.Planned]:
    return schedule.plan(
        award.amount,
        advance_percent=award.advance_percent,
        yearly_tranches=award.yearly_tranches,
    )


def _agreement_create(award: Award, written: WrittenFiles) -> Agreement:
    number = f"{award.application.case.number}/{award.year}"
    content = agreement_pdf(award, number=number, planned=planned_tranches(award))
    agreement = Agreement(award=award, number=number, sha256=hashlib.sha256(content).hexdigest())
    written.save(agreement.file, f"agreement-{award.pk}.pdf", ContentFile(content))
    agreement.save()
    return agreement


def agreement_accept(*, agreement: Agreement, actor, sha256: str) -> Agreement:
    """Accept the agreement for the side `actor` stands for: an owner for the organization, a
    fund administrator (not a member of it) for the fund. `sha256` is the hash of the
    document the person saw; another hash is a Conflict, so nobody accepts a text they did
    not read. Signer, time and hash are recorded; accepting again is harmless. The second
    acceptance puts the agreement in force and creates the payment schedule."""
    digest = (sha256 or "").strip().lower()
    if not SHA256.match(digest):
        message = _("Give the SHA-256 of the document: 64 hex digits.")
        raise refused("sha256", message, "invalid")
    with transaction.atomic():
        award = locked_award(agreement.award)
        agreement = award.agreement
        side = _side(actor, award)
        if digest != agreement.sha256:
            raise Conflict(
                _("This is not the agreement's current document: download it again."),
                code=SupportErrorCode.AGREEMENT_HASH_MISMATCH,
                extra={"sha256": agreement.sha256},
            )
        if getattr(agreement, f"{side}_accepted_at"):
            return agreement
        _record_acceptance(agreement, side, actor, digest)
        if agreement.recipient_accepted_at and agreement.fund_accepted_at:
            _come_into_force(award, agreement, actor)
        elif side == AgreementSide.RECIPIENT:
            notify.fund(award, "support.agreement.awaiting_fund")
    return agreement


def _side(actor, award: Award) -> str:
    require_visible(user=actor, award=award)
    side = acceptance_side(user=actor, award=award)
    if side is None:
        raise PermissionDenied(
            _("Only an owner of the organization or a fund administrator accepts the agreement.")
        )
    return side


def _record_acceptance(agreement: Agreement, side: str, actor, digest: str) -> None:
    setattr(agreement, f"{side}_signer", actor)
    setattr(agreement, f"{side}_accepted_at", timezone.now())
    setattr(agreement, f"{side}_sha256", digest)
    agreement.save(update_fields=[f"{side}_signer", f"{side}_accepted_at", f"{side}_sha256"])
    audit_record(
        actor=actor,
        action="support.agreement.accepted",
        target=agreement,
        organization=agreement.award.organization,
        changes={"side": side, "sha256": digest, "agreement": agreement.number},
    )


def _come_into_force(award: Award, agreement: Agreement, actor) -> None:
    agreement.state = AgreementState.IN_FORCE
    agreement.in_force_on = moscow_date()
    agreement.save(update_fields=["state", "in_force_on"])
    tranches = _schedule_create(award, agreement)
    ledger_append(
        kind="support.agreement.accepted",
        subject=award.ledger_subject,
        payload={
            "award": award.pk,
            "case": award.application.case.number,
            "agreement": agreement.number,
            "sha256": agreement.sha256,
            "in_force_on": agreement.in_force_on.isoformat(),
            "schedule": [
                {"tranche": t.number, "amount": str(t.amount), "due_on": t.due_on.isoformat()}
                for t in tranches
            ],
        },
    )
    audit_record(
        actor=actor,
        action="support.agreement.in_force",
        target=agreement,
        organization=award.organization,
        changes={"state": change(AgreementState.AWAITING, AgreementState.IN_FORCE)},
    )
    first_due = tranches[0].due_on.isoformat()
    notify.organization(award, "support.agreement.in_force", due=first_due)
    notify.fund(award, "support.agreement.in_force", due=first_due)


def _schedule_create(award: Award, agreement: Agreement) -> list[Tranche]:
    """The tranches and their reports, dated from the day the agreement came into force."""
    dated = schedule.dated(planned_tranches(award), in_force_on=agreement.in_force_on)
    tranches = Tranche.objects.bulk_create(
        [
            Tranche(
                award=award,
                number=d.planned.number,
                period=d.planned.period,
                amount=d.planned.amount,
                due_on=d.due_on,
            )
            for d in dated
        ]
    )
    Report.objects.bulk_create(
        [
            Report(tranche=tranche, due_on=d.report_due_on)
            for tranche, d in zip(tranches, dated, strict=True)
            if d.report_due_on is not None
        ]
    )
    return tranches
