"""The organizations' error codes: what the API's problem+json and the tests see."""

from innocluster.core.errors import ErrorCode


class OrganizationErrorCode(ErrorCode):
    ORGANIZATION_EXISTS = "organization_exists"  # the INN or OGRN is registered (409)
    ALREADY_MEMBER = "already_member"
    REQUEST_PENDING = "request_pending"  # a request to join already waits for the owners
    REQUEST_DECIDED = "request_decided"
    INVITATION_PENDING = "invitation_pending"  # that e-mail is already invited
    INVITATION_USED = "invitation_used"  # accepted or revoked before
    INVITATION_EXPIRED = "invitation_expired"
    INVITATION_FOR_ANOTHER = "invitation_for_another"  # sent to another (or unconfirmed) e-mail
    LAST_OWNER = "last_owner"  # an organization keeps at least one owner
