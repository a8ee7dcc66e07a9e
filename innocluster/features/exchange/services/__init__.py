"""Writes of the exchange. Each runs in one transaction and takes the order's row lock first
(so two writers never deadlock, and the deadline is checked against the state it guards),
records the change in the audit trail, and what is public on the ledger."""

from .after import contract_record, delivery_confirm, rating_give
from .awards import order_award, order_cancel, orders_open_due
from .interests import interest_set
from .offers import offer_document_add, offer_document_delete, offer_submit, offer_withdraw
from .orders import order_create, order_file_add, order_publish, order_update
from .talk import download_record, nda_accept, question_answer, question_ask

__all__ = [
    "contract_record",
    "delivery_confirm",
    "rating_give",
    "download_record",
    "interest_set",
    "nda_accept",
    "question_answer",
    "question_ask",
    "offer_document_add",
    "offer_document_delete",
    "offer_submit",
    "offer_withdraw",
    "order_award",
    "order_cancel",
    "order_create",
    "order_file_add",
    "order_publish",
    "order_update",
    "orders_open_due",
]
