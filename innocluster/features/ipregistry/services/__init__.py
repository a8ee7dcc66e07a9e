"""Writes on the intellectual property register. A registration's facts are final: there is
no update.

A registration that names another organization of the platform as a rightholder waits for that
organization's consent (an owner or editor confirms or declines); only the last confirmation
makes it final. One table of states (choices.IP_TRANSITIONS) and one of answers
(choices.CONSENT_TRANSITIONS); each step below checks them on the registration's row, locked.
A final registration is audited and appended to the transparency ledger in the same
transaction, so the record and its public fact commit or roll back together. An organization
registers a work once: a second registration of the same SHA-256 while the first waits or
stands (a double click, a retried request) is a Conflict, not a second ledger entry.
"""

from .consent import REASON_MAX_LENGTH, ip_object_confirm, ip_object_decline, ip_object_withdraw
from .registration import FIELDS, ip_object_register

__all__ = [
    "FIELDS",
    "REASON_MAX_LENGTH",
    "ip_object_confirm",
    "ip_object_decline",
    "ip_object_register",
    "ip_object_withdraw",
]
