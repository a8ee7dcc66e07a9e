"""The cooperation chains' error codes: what the API's problem+json and the tests see."""

from innocluster.core.errors import ErrorCode


class ChainErrorCode(ErrorCode):
    SELF_LINK = "supply_self_link"  # an organization does not supply itself
    UNKNOWN_ORGANIZATION = "supply_unknown_organization"  # no organization of the platform
    PRODUCT_NOT_OF_SUPPLIER = "supply_product_not_of_supplier"  # another one's product
    SUBJECT_REQUIRED = "supply_subject_required"  # neither a product nor a text
    SUBJECT_TWICE = "supply_subject_twice"  # both a product and a text
    PERIOD = "supply_period"  # the end before the start
    DUPLICATE = "supply_duplicate"  # a live link for the same pair and product (409)
    LINK_STATE = "supply_link_state"  # the link has moved on (409)
