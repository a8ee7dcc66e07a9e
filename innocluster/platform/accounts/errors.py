"""The accounts' error codes: what the API's problem+json and the tests see."""

from innocluster.core.errors import ErrorCode


class AccountErrorCode(ErrorCode):
    EMAIL_TAKEN = "email_taken"  # sign-up or an operator's account: the e-mail is registered
    LINK_EXPIRED = "link_expired"  # an e-mail confirmation link past its age
    LINK_INVALID = "link_invalid"  # a confirmation link that was never ours
    UNCONFIRMED = "unconfirmed"  # signing in before confirming the e-mail
    STAFF_ROLE_FORBIDDEN = "staff_role_forbidden"  # only a fund administrator grants roles
    LIFETIME_RANGE = "token_lifetime"  # an API token lives from 1 to 366 days
