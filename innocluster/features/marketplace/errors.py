"""The marketplace's error codes: what the API's problem+json and the tests see."""

from innocluster.core.errors import ErrorCode


class MarketplaceErrorCode(ErrorCode):
    NEGATIVE_PRICE = "marketplace_negative_price"  # a price below zero
    PRICE_TOO_HIGH = "marketplace_price_too_high"
    ALREADY_LISTED = "marketplace_already_listed"  # a second listing of one product (409)
    TOO_MANY_PHOTOS = "marketplace_too_many_photos"
    TOO_MANY_CERTIFICATES = "marketplace_too_many_certificates"
    NO_DELIVERY_REGION = "marketplace_no_delivery_region"  # neither everywhere nor a region
    OWN_PRODUCT = "marketplace_own_product"  # an inquiry about one's own organization's product
    NOT_A_BUYER = "marketplace_not_a_buyer"  # not an owner or editor of the buying organization
    INQUIRY_CLOSED = "marketplace_inquiry_closed"  # a message or an order on a closed one (409)
    ALREADY_ORDERED = "marketplace_already_ordered"  # a second order from one inquiry (409)
    CERTIFICATE_DATES = "marketplace_certificate_dates"  # valid until before issued
