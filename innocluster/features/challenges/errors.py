"""City challenges' error codes: what the API's problem+json and the tests see."""

from innocluster.core.errors import ErrorCode


class ChallengeErrorCode(ErrorCode):
    NOT_A_POSTER = "challenge_not_a_poster"  # not a city organization or large corporation
    WEIGHTS_NOT_100 = "weights_not_100"  # the criteria's weights do not sum to 100
    DATES_OUT_OF_ORDER = "dates_out_of_order"  # submissions < evaluation <= results, in future
    NOT_AN_EVALUATOR = "not_an_evaluator"  # neither of the poster's people nor fund staff
    SUBMISSIONS_CLOSED = "submissions_closed"  # an entry or an edit after the deadline (409)
    SUBMISSIONS_OPEN = "submissions_open"  # evaluating or deciding before the deadline (409)
    ALREADY_ENTERED = "already_entered"  # one entry per leading organization (409)
    OWN_ORGANIZATION = "evaluator_own_organization"  # evaluator of an entrant organization
    NOT_ASSIGNED = "not_assigned"  # scoring an entry not assigned (404 in the API)
    UNKNOWN_CRITERION = "unknown_criterion"
    SCORE_RANGE = "score_range"  # a score outside 0–10
    NOT_DECIDED = "entries_not_decided"  # publishing while an entry has no decision (409)
    RESULTS_PUBLISHED = "results_published"  # changing anything after the results (409)
    NOT_A_PARTNER = "not_a_partner"  # confirming for an organization not named on the entry
    TOO_MANY_DOCUMENTS = "too_many_documents"
