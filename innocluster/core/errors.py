"""Domain errors with stable codes. Services raise them; the API maps them to problem+json."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A rule of the domain refused the operation. `code` is stable; `detail` is for people."""

    status = 400
    code = "domain_error"
    title = _("The request cannot be carried out.")

    def __init__(self, detail: str, *, code: str | None = None, extra: dict | None = None):
        super().__init__(detail)
        self.detail = detail
        if code:
            self.code = code
        self.extra = extra or {}


class Conflict(DomainError):
    """The operation clashes with the current state: a duplicate, a changed state, a taken slot."""

    status = 409
    code = "conflict"
    title = _("Conflict with the current state.")


class NotFound(DomainError):
    """The object does not exist, or the caller may not know that it exists."""

    status = 404
    code = "not_found"
    title = _("Not found.")


class PermissionDenied(DomainError):
    status = 403
    code = "permission_denied"
    title = _("You do not have permission to do this.")
