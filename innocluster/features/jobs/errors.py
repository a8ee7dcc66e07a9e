"""The jobs app's error codes: what the API's problem+json and the tests see."""

from innocluster.core.errors import ErrorCode


class JobErrorCode(ErrorCode):
    # Vacancies (400).
    SALARY_RANGE = "salary_from_above_to"
    SALARY_NEGATIVE = "salary_negative"
    NO_STATUS = "employer_without_status"  # neither a participant nor a partner
    LOCATION_NEEDED = "vacancy_location_needed"  # an office or hybrid job has an address
    # Moves (409).
    VACANCY_STATE = "vacancy_state_changed"  # the move is not allowed from its current state
    FILLED_FOR_GOOD = "vacancy_filled"  # a filled vacancy is not renewed
