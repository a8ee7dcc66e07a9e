"""Writes on participant status: applying (a review kind of the submission kit, whose own
services change the draft and its documents) and the status's life."""

from .applications import CASE_KIND, default_kind, status_application_create
from .status import status_grant, status_restore, status_revoke, status_suspend

__all__ = [
    "CASE_KIND",
    "default_kind",
    "status_application_create",
    "status_grant",
    "status_restore",
    "status_revoke",
    "status_suspend",
]
