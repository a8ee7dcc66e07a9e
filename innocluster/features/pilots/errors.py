"""Pilot testing's error codes: what the API's problem+json and the tests see."""

from django.core.exceptions import ValidationError

from innocluster.core.errors import ErrorCode


class PilotErrorCode(ErrorCode):
    # Sites (400).
    SITE_OWNER_TYPE = "site_owner_type"  # only a city organization, technology park or corporation
    NOT_A_MEMBER = (
        "not_of_the_organization"  # a site's responsible person must be of its organization
    )


def refused(field: str, message: str, code: str) -> ValidationError:
    """The refusal of one field's value, with its code."""
    return ValidationError({field: ValidationError(message, code=code)})
