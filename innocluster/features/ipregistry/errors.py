"""The IP register's error codes: what the API's problem+json and the tests see."""

from innocluster.core.errors import ErrorCode


class IPRegistryErrorCode(ErrorCode):
    STATUS_REQUIRED = "status_required"  # only participants and partners register
    IP_ALREADY_REGISTERED = "ip_already_registered"  # the organization has this work (409)
    # The work: its hash, or the file itself.
    BAD_SHA256 = "bad_sha256"
    HASH_REQUIRED = "hash_required"  # neither a hash nor the work
    HASH_MISMATCH = "hash_mismatch"  # the hash given is not the uploaded file's
    FILE_REQUIRED = "file_required"  # asked to keep a file that did not come
    # The rightholders (each message names its row).
    RIGHTHOLDERS_COUNT = "rightholders_count"  # from 1 to 20
    RIGHTHOLDER_INCOMPLETE = "rightholder_incomplete"  # a row without a name or a share
    NAME_EMPTY = "rightholder_name_empty"
    NAME_TOO_LONG = "rightholder_name_too_long"
    NAMED_TWICE = "rightholder_named_twice"
    SHARE_NOT_EXACT = "share_not_exact"  # a float, not an exact decimal
    SHARE_NOT_A_NUMBER = "share_not_a_number"
    SHARE_OUT_OF_RANGE = "share_out_of_range"  # more than 0, at most 100
    SHARE_PRECISION = "share_precision"  # at most two decimal places
    SHARES_TOTAL = "shares_total"  # they must add up to exactly 100.00
    UNKNOWN_INN = "unknown_inn"  # a rightholder's INN that no organization here has
    # The rightholders' consent (a registration that names another organization of the platform).
    IP_STATE = "ip_state"  # the registration is no longer waiting (409)
    CONSENT_GIVEN = "consent_given"  # this rightholder has already answered (409)
    NOT_A_RIGHTHOLDER = "not_a_rightholder"  # the caller edits no awaited rightholder (403)
    NOT_THE_REGISTRANT = "not_the_registrant"  # only the registrant's owners and editors (403)
    ORGANIZATION_REQUIRED = "organization_required"  # the caller acts for several rightholders
