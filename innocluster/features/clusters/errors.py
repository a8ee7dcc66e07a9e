"""Clusters' error codes: what the API's problem+json and the tests see."""

from innocluster.core.errors import ErrorCode


class ClusterErrorCode(ErrorCode):
    # Founding and editing (400).
    NOT_A_PARTICIPANT = "not_a_participant"  # the founding organization holds no active status
    LEAD_NOT_ACTED_FOR = (
        "lead_not_acted_for"  # the lead is not an organization the founder acts for
    )
    # Membership (409 unless said).
    ALREADY_MEMBER = "already_member"  # the organization is a member already
    ALREADY_INVITED = "already_invited"  # an invitation to it waits for an answer
    REQUEST_PENDING = "request_pending"  # its request to join waits for an answer
    NOT_ELIGIBLE = "not_eligible"  # neither a participant nor a partner in good standing (400)
    INVITATION_EXPIRED = "invitation_expired"
    INVITATION_STATE = "invitation_state"  # answered or revoked already
    REQUEST_STATE = "request_state"  # the join request is answered or withdrawn already
    LAST_ADMINISTRATOR = "last_administrator"  # a cluster keeps at least one administrator
    NOT_A_MEMBER = "not_a_member"  # the organization is not (or no longer) a member
    LEAD_ORGANIZATION = "lead_organization"  # the lead cannot leave or be removed
