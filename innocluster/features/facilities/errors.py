"""Facilities' error codes: what the API's problem+json and the tests see.

A capacity request already waiting for its answer is `request_pending`, the organizations'
code for a request of theirs that waits (OrganizationErrorCode); a field a service does not
let its caller change is core's `not_editable`.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from innocluster.core.errors import CoreErrorCode, ErrorCode


class FacilityErrorCode(ErrorCode):
    # Booking: the engine and the booking's state (409).
    SLOT_TAKEN = "slot_taken"  # the slot (or every place of it) is booked; `conflict` names it
    SLOT_BUSY = "slot_busy"  # too many people booking the same slot at once: try again
    BOOKING_STATE = "booking_state"  # the booking's state does not allow the step
    BOOKING_OVER = "booking_over"  # a booking that has ended is not cancelled
    TOO_LATE_TO_CANCEL = "too_late_to_cancel"  # the holder's cancellation deadline has passed
    # The rules of a slot, each on its field (400).
    SLOT_IN_PAST = "slot_in_past"
    BEYOND_HORIZON = "beyond_horizon"  # further ahead than the resource takes bookings
    BOOKING_LENGTH = "booking_length"  # shorter or longer than the resource allows
    OUTSIDE_OPENING_HOURS = "outside_opening_hours"
    CLOSED_PERIOD = "closed_period"  # the resource or its facility is closed then
    NOT_BOOKABLE = "not_bookable"  # the resource is inactive or its facility unpublished
    # Facilities and resources (400).
    RANGE_INVERTED = "range_inverted"  # an end (or a maximum) before its start (or minimum)
    ONE_PLACE = "one_place"  # a room or a machine has a capacity of one
    CLASS_SEATS = "class_seats"  # a class's seats are made, changed and given up with the class
    # Children's classes.
    SEATS_TAKEN = "seats_taken"  # fewer seats than children already seated
    ENROLMENT_CLOSED = "enrolment_closed"  # the class is unpublished or over
    AGE_OUT_OF_RANGE = "age_out_of_range"  # the child's age on the first lesson
    ALREADY_ENROLLED = "already_enrolled"  # the same child is seated or waiting (409)
    ENROLMENT_STATE = "enrolment_state"  # already cancelled (409)
    # Capacity offers.
    OFFER_CLOSED = "offer_closed"  # the offer takes no requests
    OWN_OFFER = "own_offer"  # asking for one's own organization's offer
    REQUEST_STATE = "request_state"  # the request is already answered (409)


def refused(field: str, message: str, code: str, params: dict | None = None) -> ValidationError:
    """The refusal of one field's value, with its code (FacilityErrorCode's or Django's) and
    the values its message names (`params`, as Django's own validators give them)."""
    return ValidationError({field: ValidationError(message, code=code, params=params)})


def not_editable(names) -> ValidationError:
    """The refusal of fields a service does not let its caller change, each on its field."""
    message = _("This field cannot be changed.")
    return ValidationError(
        {name: ValidationError(message, code=CoreErrorCode.NOT_EDITABLE) for name in names}
    )
