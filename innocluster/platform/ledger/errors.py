"""The ledger's domain errors. The API maps them to problem+json with their stable codes."""

from django.utils.translation import gettext_lazy as _

from innocluster.core.errors import Conflict, DomainError, NotFound


class LedgerAppendOnly(Conflict):
    """Something tried to change or delete what the ledger already holds."""

    code = "ledger_append_only"
    title = _("The ledger is append-only.")


class LedgerBadRequest(DomainError):
    """A request about the tree that cannot be answered: out of range, inverted, malformed."""

    code = "ledger_bad_request"
    title = _("The ledger cannot answer this request.")


class LedgerNotFound(NotFound):
    code = "ledger_not_found"
