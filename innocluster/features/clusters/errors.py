"""Clusters' error codes: what the API's problem+json and the tests see.

A code belongs to one enum: an organization that is a member already, a request to join that
waits, an invitation past its date are the organizations' codes (OrganizationErrorCode), here
under the same names so that callers read them from one place."""

from innocluster.core.errors import ErrorCode
from innocluster.platform.organizations.errors import OrganizationErrorCode


class ClusterErrorCode(ErrorCode):
    # Founding and editing (400).
    LEAD_NOT_ACTED_FOR = (
        "lead_not_acted_for"  # the lead is not an organization the founder acts for
    )
    # Membership (409 unless said).
    ALREADY_INVITED = "already_invited"  # an invitation to it waits for an answer
    NOT_ELIGIBLE = "no_active_status"  # neither a participant nor a partner in good standing (400)
    INVITATION_STATE = "invitation_state"  # answered or revoked already
    REQUEST_STATE = "join_request_state"  # the join request is answered or withdrawn already
    LAST_ADMINISTRATOR = "last_administrator"  # a cluster keeps at least one administrator
    NOT_A_MEMBER = "not_a_member"  # the organization is not (or no longer) a member
    LEAD_ORGANIZATION = "lead_organization"  # the lead cannot leave or be removed


# The organizations' codes, as the clusters' services raise them (409).
ALREADY_MEMBER = OrganizationErrorCode.ALREADY_MEMBER
REQUEST_PENDING = OrganizationErrorCode.REQUEST_PENDING
INVITATION_EXPIRED = OrganizationErrorCode.INVITATION_EXPIRED
