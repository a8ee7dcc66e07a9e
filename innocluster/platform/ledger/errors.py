"""The ledger's domain errors. The API maps them to problem+json with their stable codes."""

from django.utils.translation import gettext_lazy as _

from innocluster.core.errors import Conflict, DomainError, ErrorCode, NotFound


class LedgerErrorCode(ErrorCode):
    APPEND_ONLY = "ledger_append_only"  # changing or deleting what the ledger holds
    BAD_REQUEST = "ledger_bad_request"
    NOT_FOUND = "ledger_not_found"
    NO_CHECKPOINT = "ledger_no_checkpoint"  # nothing signed yet
    INVERTED_RANGE = "ledger_inverted_range"
    BAD_RANGE = "ledger_bad_range"  # a consistency proof from an empty tree
    BEYOND_TREE = "ledger_beyond_tree"  # a size or an index past the log
    INDEX_BEYOND_TREE = "ledger_index_beyond_tree"  # an entry past the tree asked about
    # What ledger_append refuses, by field.
    BAD_KIND = "ledger_bad_kind"
    BAD_SUBJECT = "ledger_bad_subject"
    BAD_PAYLOAD = "ledger_bad_payload"
    PAYLOAD_TOO_LARGE = "ledger_payload_too_large"


class LedgerAppendOnly(Conflict):
    """Something tried to change or delete what the ledger already holds."""

    code = LedgerErrorCode.APPEND_ONLY
    title = _("The ledger is append-only.")


class LedgerBadRequest(DomainError):
    """A request about the tree that cannot be answered: out of range, inverted, malformed."""

    code = LedgerErrorCode.BAD_REQUEST
    title = _("The ledger cannot answer this request.")


class LedgerNotFound(NotFound):
    code = LedgerErrorCode.NOT_FOUND
