"""Payments: a fund administrator records that a tranche was paid."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.audit import audit_record, change, register_actions
from innocluster.core.calendar import moscow_date
from innocluster.core.errors import Conflict
from innocluster.platform.ledger.kinds import register_kind
from innocluster.platform.ledger.services import ledger_append

from ...choices import ReportState, TrancheState
from ...errors import SupportErrorCode, refused
from .. import notify
from ..models import Award, Payment, Tranche
from ._common import locked_award, require_fund

# The history pages' words for what this module records (core.audit).
register_actions(
    {
        "support.payment.made": gettext_lazy("recorded a payment"),
    }
)

# What the public pages say for the ledger entries this module appends.
register_kind("support.payment.made", gettext_lazy("payment made"))

REFERENCE_MAX = Payment._meta.get_field("reference").max_length


def payment_record(*, tranche: Tranche, actor, paid_on: dt.date, reference: str) -> Payment:
    """Record the payment of `tranche`, for exactly its amount, by a fund administrator.

    Refused (409) unless the agreement is in force, every earlier tranche is paid, this one
    is not, and the report that releases it (if any) is accepted: an unfiled or unaccepted
    report holds the tranche (code `report_missing`). The payment date is not in the future
    (Moscow) nor before the agreement came into force; the payment order is named.
    """
    require_fund(user=actor, award=tranche.award, admin=True)
    reference = _reference(reference)
    paid_on = _paid_on(paid_on)
    with transaction.atomic():
        award = locked_award(tranche.award)
        tranche = Tranche.objects.select_related("report").get(pk=tranche.pk)
        _require_payable(award, tranche)
        if paid_on < award.agreement.in_force_on:
            message = _("The payment cannot predate the agreement coming into force.")
            raise refused("paid_on", message, SupportErrorCode.PAID_BEFORE_IN_FORCE)
        payment = Payment.objects.create(
            tranche=tranche,
            amount=tranche.amount,
            paid_on=paid_on,
            reference=reference,
            recorded_by=actor,
        )
        _mark_paid(award, tranche, payment, actor)
    return payment


def _reference(reference) -> str:
    reference = " ".join(str(reference or "").split())
    if not reference:
        raise refused("reference", _("Give the number of the payment order."), "required")
    if len(reference) > REFERENCE_MAX:
        message = _("At most %(n)d characters.") % {"n": REFERENCE_MAX}
        raise refused("reference", message, "max_length")
    return reference


def _paid_on(paid_on) -> dt.date:
    if not isinstance(paid_on, dt.date) or isinstance(paid_on, dt.datetime):
        code = "required" if paid_on in (None, "") else "invalid"
        raise refused("paid_on", _("Give the date of payment."), code)
    if paid_on > moscow_date():
        message = _("The date of payment cannot be in the future.")
        raise refused("paid_on", message, SupportErrorCode.PAID_IN_FUTURE)
    return paid_on


def _require_payable(award: Award, tranche: Tranche) -> None:
    if not award.agreement.is_in_force:
        raise Conflict(
            _("The agreement is not in force yet: both sides must accept it first."),
            code=SupportErrorCode.AGREEMENT_NOT_IN_FORCE,
        )
    if tranche.state == TrancheState.PAID:
        raise Conflict(_("This tranche is already paid."), code=SupportErrorCode.ALREADY_PAID)
    earlier = award.tranches.filter(number__lt=tranche.number).exclude(state=TrancheState.PAID)
    if earlier.exists():
        raise Conflict(
            _("Tranches are paid in order: pay tranche %(n)d first.")
            % {"n": earlier.order_by("number").first().number},
            code=SupportErrorCode.TRANCHE_OUT_OF_ORDER,
        )
    report = getattr(tranche, "report", None)
    if report is not None and report.state != ReportState.ACCEPTED:
        raise Conflict(
            _("The tranche is held until the fund accepts the report due on %(due)s.")
            % {"due": report.due_on.isoformat()},
            code=SupportErrorCode.REPORT_MISSING,
            extra={"report_id": report.pk},
        )


def _mark_paid(award: Award, tranche: Tranche, payment: Payment, actor) -> None:
    before = tranche.state
    tranche.state = TrancheState.PAID
    tranche.save(update_fields=["state"])
    ledger_append(
        kind="support.payment.made",
        subject=award.ledger_subject,
        payload={
            "award": award.pk,
            "case": award.application.case.number,
            "agreement": award.agreement.number,
            "tranche": tranche.number,
            "amount": str(payment.amount),
            "paid_on": payment.paid_on.isoformat(),
            "reference": payment.reference,
        },
    )
    audit_record(
        actor=actor,
        action="support.payment.made",
        target=payment,
        organization=award.organization,
        changes={
            "tranche": tranche.number,
            "state": change(before, tranche.state),
            "amount": str(payment.amount),
            "reference": payment.reference,
        },
    )
    notify.organization(
        award,
        "support.payment.made",
        amount=payment.amount,
        tranche=tranche.number,
        paid_on=payment.paid_on.isoformat(),
        reference=payment.reference,
    )
