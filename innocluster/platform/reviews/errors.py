"""The review pipeline's error codes: what the API's problem+json and the tests see.

They are the submission kit's too: every kind of application (participant status, support, …)
raises these for the case's state, the reviewer's own organization and missing documents.
"""

from innocluster.core.errors import ErrorCode


class ReviewErrorCode(ErrorCode):
    CASE_STATE = "case_state"  # the case's state does not allow the step (409)
    CASE_ALREADY_OPEN = "case_already_open"  # one open case per applicant and kind (409)
    OWN_ORGANIZATION = "own_organization"  # nobody acts for the fund on their own case (403)
    TOO_MANY_DOCUMENTS = "too_many"  # more documents than the kind takes
    MISSING_DOCUMENT = "missing_document"  # a document the kind requires is not attached
