"""Writes on participant status: applications and their documents, and the status's life."""

from .applications import (
    CASE_KIND,
    EDITABLE_FIELDS,
    application_document_add,
    application_document_remove,
    default_kind,
    status_application_create,
    status_application_update,
)
from .status import status_grant, status_restore, status_revoke, status_suspend

__all__ = [
    "CASE_KIND",
    "EDITABLE_FIELDS",
    "application_document_add",
    "application_document_remove",
    "default_kind",
    "status_application_create",
    "status_application_update",
    "status_grant",
    "status_restore",
    "status_revoke",
    "status_suspend",
]
