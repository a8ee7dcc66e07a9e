"""Support measures' error codes: what the API's problem+json and the tests see.

The review pipeline's own (`case_state`, `own_organization`, `missing_document`) are
ReviewErrorCode's: support raises those with it.
"""

from django.core.exceptions import ValidationError

from innocluster.core.errors import ErrorCode


class SupportErrorCode(ErrorCode):
    # Applying: who may, when, and for which costs.
    NOT_ELIGIBLE = "not_eligible"  # a criterion of the measure is not met
    CALL_CLOSED = "call_closed"  # no open call (or more asked for after it closed)
    MEASURE_WITHDRAWN = "measure_withdrawn"  # the fund no longer offers the measure
    NOT_COVERED = "not_covered"  # a cost category (and origin) the measure does not cover
    TOO_MANY_ITEMS = "too_many_items"  # more cost items than an application takes
    TOO_LARGE = "too_large"  # the costs or the requested amount past what is representable
    ABOVE_CAP = "above_cap"  # nothing left under the caps, or above a cap the measure keeps
    # Reviewing and deciding.
    ABOVE_CLAIMED = "above_claimed"  # a reviewer accepts more of a cost than was claimed
    SCORES_MISSING = "scores_missing"  # approval before every criterion is scored
    NOTHING_TO_AWARD = "nothing_to_award"  # the cuts and caps leave nothing
    # Awards: the agreement, payments and reports (409 but where said).
    ALREADY_AWARDED = "already_awarded"
    AGREEMENT_HASH_MISMATCH = "agreement_hash_mismatch"  # accepting another document's hash
    AGREEMENT_NOT_IN_FORCE = "agreement_not_in_force"
    ALREADY_PAID = "already_paid"
    TRANCHE_OUT_OF_ORDER = "tranche_out_of_order"  # an earlier tranche is unpaid
    REPORT_MISSING = "report_missing"  # the report that releases the tranche is not accepted
    PAID_IN_FUTURE = "paid_in_future"  # a payment date after today (400)
    PAID_BEFORE_IN_FORCE = "paid_before_in_force"  # before the agreement came into force (400)
    REPORT_ALREADY_FILED = "report_already_filed"
    REPORT_NOT_FILED = "report_not_filed"
    REPORT_ACCEPTED = "report_accepted"
    # The "pilot testing" measure (400): an application refers to the applicant's own pilot.
    PILOT_REQUIRED = "pilot_required"  # the measure needs a pilot and none was given
    PILOT_NOT_AGREED = "pilot_not_agreed"  # its test plan is not agreed by all three yet
    PILOT_GRANT_EXISTS = "pilot_grant_exists"  # one application per test


def refused(field: str, message: str, code: str) -> ValidationError:
    """The refusal of one field's value, with its code (an app's or Django's own)."""
    return ValidationError({field: ValidationError(message, code=code)})
