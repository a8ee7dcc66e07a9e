"""The directory's error codes: what the API's problem+json and the tests see."""

from innocluster.core.errors import ErrorCode


class DirectoryErrorCode(ErrorCode):
    TOO_MANY_SAVED_SEARCHES = "too_many_saved_searches"  # a person keeps at most 50 (409)
    SAVED_SEARCH_EXISTS = "saved_search_exists"  # the same query saved again (409)
    BAD_TOKEN = "bad_token"  # noqa: S105 - a code, not a secret; an unsubscribe link altered or not signed by this site (400)
