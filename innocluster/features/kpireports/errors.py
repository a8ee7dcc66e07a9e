"""KPI reports' error codes: what the API's problem+json and the tests see."""

from innocluster.core.errors import ErrorCode


class KpiErrorCode(ErrorCode):
    # Opening a report (400 / 409).
    YEAR_NOT_OPEN = "kpi_year_not_open"  # no open campaign for the year asked
    NOT_DUE = "kpi_report_not_due"  # the organization owes no report for this campaign
    CAMPAIGN_EXISTS = "kpi_campaign_exists"  # a campaign for the year was opened already
    BAD_DEADLINE = "kpi_bad_deadline"  # the deadline is not after the year reported
    # Figures (400, under `figures`).
    UNKNOWN_INDICATOR = "kpi_unknown_indicator"  # not an indicator of the campaign
    WRONG_UNIT = "kpi_wrong_unit"  # a unit given that is not the indicator's
    NOT_A_NUMBER = "kpi_not_a_number"
    NOT_WHOLE = "kpi_not_whole"  # a count with a fraction
    OUT_OF_RANGE = "kpi_out_of_range"  # below 0, a percent above 100, too large
    TOO_PRECISE = "kpi_too_precise"  # money below the kopeck
    UNKNOWN_COUNTRY = "kpi_unknown_country"  # not an ISO 3166 country code
    MISSING_FIGURE = "kpi_figure_missing"  # a required indicator left empty at submission
    # Revocation (409).
    FILED = "kpi_report_filed"  # the organization filed: no revocation for not filing
    DEADLINE_NOT_PASSED = "kpi_deadline_not_passed"
