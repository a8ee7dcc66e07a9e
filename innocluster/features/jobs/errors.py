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
    # Applications.
    CONSENT_REQUIRED = "personal_data_consent_required"  # 152-FZ: no consent, no application
    CV_REQUIRED = "cv_required"  # neither an uploaded CV nor one in the profile
    UNIVERSITY_LETTER_REQUIRED = "university_letter_required"
    VACANCY_CLOSED = "vacancy_closed"  # archived, withdrawn, hidden, expired or not yet published
    STAGE_CHANGED = "application_stage_changed"  # the move is not allowed from the stage now
