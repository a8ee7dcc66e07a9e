"""Participant status's error codes: what the API's problem+json and the tests see."""

from innocluster.core.errors import ErrorCode


class StatusErrorCode(ErrorCode):
    PARTICIPANT_NEEDS_MOSCOW = "participant_needs_moscow"  # others apply to be partners
    INCOMPLETE_PROFILE = "incomplete_profile"  # the profile lacks what the reviewers need
    STATUS_EXISTS = "status_exists"  # the organization has that status already (409)
    STATUS_SUSPENDED = "status_suspended"  # only the fund restores a suspended status (409)
    STATUS_STATE = "status_state"  # the status's state does not allow the change (409)
    # An organization without active participant status where a service asks for one
    # (founding a cluster, entering a challenge…): one code wherever it is refused.
    NOT_A_PARTICIPANT = "not_a_participant"
