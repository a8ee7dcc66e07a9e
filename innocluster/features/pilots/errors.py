"""Pilot testing's error codes: what the API's problem+json and the tests see."""

from django.core.exceptions import ValidationError

from innocluster.core.errors import ErrorCode


class PilotErrorCode(ErrorCode):
    # Sites (400).
    SITE_OWNER_TYPE = "site_owner_type"  # only a city organization, technology park or corporation
    NOT_A_MEMBER = (
        "not_of_the_organization"  # a site's responsible person must be of its organization
    )
    # Proposals (400; a full site is 409 at approval, when the places were taken meanwhile).
    SITE_FULL = "pilot_site_full"  # every place of the site is taken by running pilots
    UNKNOWN_SITE = "pilot_site_unknown"  # no such published site
    NO_SITE = "pilot_site_missing"  # neither a site nor "the fund picks"
    TRL_REASON = "trl_reason_missing"  # below TRL 5 without saying why
    BAD_KPI = "pilot_kpi_invalid"  # a KPI without name, with an unknown unit or no target
    NO_KPI = "pilot_kpi_missing"
    # Consent (409 for the state; 400 for the site).
    CONSENT_ANSWERED = "pilot_consent_answered"  # the site answered already
    PILOT_STATE = "pilot_state"  # the pilot is not at the step this needs
    SITE_ASKED = "pilot_site_asked"  # the fund proposes a site asked already
    # The plan (400 for its fields, 409 for its state).
    PLAN_DATES = "pilot_plan_dates"  # ends before it starts
    PLAN_CHANGED = "pilot_plan_changed"  # agreed a version that changed meanwhile
    PLAN_NOT_AGREED = "pilot_plan_not_agreed"  # nothing starts without the agreed plan
    NOTE_DATE = "pilot_note_date"  # a note dated in the future
    # The site's report and the published result (400 for its fields, 409 for its state).
    REPORT_EARLY = "pilot_report_early"  # the test is not finished yet
    REPORT_FILED = "pilot_report_filed"  # the site filed its report already
    REPORT_MISSING = "pilot_report_missing"  # nothing to publish or answer yet
    REPORT_PUBLISHED = "pilot_report_published"  # a published result does not change
    KPI_UNIT = "pilot_kpi_unit"  # a value measured in another unit than its KPI's
    KPI_VALUE = "pilot_kpi_value"  # not a number, or outside its unit's range


def refused(field: str, message: str, code: str) -> ValidationError:
    """The refusal of one field's value, with its code."""
    return ValidationError({field: ValidationError(message, code=code)})
