"""The exchange's error codes: what the API's problem+json and the tests see."""

from innocluster.core.errors import ErrorCode


class ExchangeErrorCode(ErrorCode):
    NOT_A_BUYER = "exchange_not_a_buyer"  # not an owner or editor of the buying organization
    WRONG_UNIT = "exchange_wrong_unit"  # a unit the item's category does not measure in
    NO_ITEMS = "exchange_no_items"  # an order with no item, or too many
    PERIODS_OUT_OF_ORDER = "exchange_periods_out_of_order"  # now < questions <= offers deadline
    WEIGHTS_INVALID = "exchange_weights_invalid"  # weighted criteria not summing to 100
    NOT_A_DRAFT = "exchange_not_a_draft"  # editing or publishing a published order (409)
    OFFERS_CLOSED = "exchange_offers_closed"  # an offer or a change after the deadline (409)
    OWN_ORDER = "exchange_own_order"  # a supplier offering on its own organization's order
    NOT_ALLOWED_SUPPLIER = "exchange_not_allowed_supplier"  # no status, or not invited
    WRONG_CURRENCY = "exchange_wrong_currency"  # anything but RUB
    NEGATIVE_PRICE = "exchange_negative_price"
    BAD_VAT_RATE = "exchange_bad_vat_rate"
    ITEMS_MISMATCH = "exchange_items_mismatch"  # an offer's lines not one per item of the order
    OFFER_WITHDRAWN = "exchange_offer_withdrawn"  # awarding or changing a withdrawn offer (409)
    NOT_OPENED = "exchange_not_opened"  # awarding before the opening (409)
    ALREADY_DECIDED = "exchange_already_decided"  # a second award or cancel (409)
    TOO_MANY_FILES = "exchange_too_many_files"
    TOO_MANY_DOCUMENTS = "exchange_too_many_documents"  # an offer's, past MAX_OFFER_DOCUMENTS
    UNKNOWN_DOCUMENT = "exchange_unknown_document"  # removing what is not the offer's document
    QUESTIONS_CLOSED = "exchange_questions_closed"  # a question after its period (409)
    NOT_AWARDED = "exchange_not_awarded"  # a contract on an order not awarded (409)
    CONTRACT_EXISTS = "exchange_contract_exists"  # a second contract on an order (409)
    CONTRACT_INVALID = "exchange_contract_invalid"  # a non-positive amount, dates out of order
    NO_CONTRACT = "exchange_no_contract"  # a delivery confirmed before the contract (409)
    ALREADY_DELIVERED = "exchange_already_delivered"  # a second delivery confirmation (409)
    NOT_DELIVERED = "exchange_not_delivered"  # a rating before the delivery (409)
    ALREADY_RATED = "exchange_already_rated"  # a side's second rating of an order (409)
    BAD_SCORE = "exchange_bad_score"  # a score outside 1–5
