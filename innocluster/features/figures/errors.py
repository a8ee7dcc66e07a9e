"""The figures' and open data's error codes: what problem+json and the tests see."""

from innocluster.core.errors import ErrorCode


class FiguresErrorCode(ErrorCode):
    SNAPSHOT_EXISTS = "figures_snapshot_exists"  # a day's snapshot is never replaced (409)
    NO_SNAPSHOT = "figures_no_snapshot"  # no snapshot on or before the date asked (404)
    BAD_DATE = "figures_bad_date"  # `on` is not a date YYYY-MM-DD (400)
    ENTERED_MEANWHILE = "figures_entered_meanwhile"  # a target or growth entered at once (409)
