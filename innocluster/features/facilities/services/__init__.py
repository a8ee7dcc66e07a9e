"""Writes of the facilities app. Import from here:
`from innocluster.features.facilities import services`.

One module per subject; `engine` is the booking engine's core, used by bookings and classes.
"""

from .bookings import booking_cancel, booking_create, booking_decide, booking_remind_due
from .classes import course_create, course_update, enrolment_cancel, enrolment_create
from .facilities import (
    FACILITY_FIELDS,
    RESOURCE_FIELDS,
    blackout_create,
    blackout_delete,
    facility_create,
    facility_photo_add,
    facility_photo_delete,
    facility_update,
    resource_create,
    resource_update,
)
from .offers import (
    capacity_request_create,
    capacity_request_decide,
    capacity_request_withdraw,
    offer_create,
    offer_update,
)

__all__ = [
    "FACILITY_FIELDS",
    "RESOURCE_FIELDS",
    "blackout_create",
    "blackout_delete",
    "booking_cancel",
    "booking_create",
    "booking_decide",
    "booking_remind_due",
    "capacity_request_create",
    "capacity_request_decide",
    "capacity_request_withdraw",
    "course_create",
    "course_update",
    "enrolment_cancel",
    "enrolment_create",
    "facility_create",
    "facility_photo_add",
    "facility_photo_delete",
    "facility_update",
    "offer_create",
    "offer_update",
    "resource_create",
    "resource_update",
]
