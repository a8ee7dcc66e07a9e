"""Writes after the award. Each locks the award row first (so the steps of one award run one
at a time), checks who acts and from which state, and records an audit event; public facts go
on the ledger under the award's subject in the same transaction.

    award_create        the decision's hook: award, agreement PDF, ledger, notice
    agreement_accept    each side accepts the document it saw (by its SHA-256)
    payment_record      a fund administrator records a tranche paid, in order
    report_file         the organization files its report of actual costs
    report_accept       the fund accepts it, releasing the tranche it held
    report_return       … or returns it with the reason
    report_send_reminders   the daily job: reports coming due, tranches held
"""

from .agreements import agreement_accept, award_create, planned_tranches
from .payments import payment_record
from .reports import report_accept, report_file, report_return, report_send_reminders

__all__ = [
    "agreement_accept",
    "award_create",
    "payment_record",
    "planned_tranches",
    "report_accept",
    "report_file",
    "report_return",
    "report_send_reminders",
]
