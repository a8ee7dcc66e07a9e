from .bookings import NO_OVERLAP_CONSTRAINT, Booking
from .classes import Course, Enrolment
from .facility import Blackout, Facility, FacilityPhoto, OpeningHours, Resource
from .offers import CapacityOffer, CapacityRequest, OfferCapability

__all__ = [
    "NO_OVERLAP_CONSTRAINT",
    "Blackout",
    "Booking",
    "CapacityOffer",
    "CapacityRequest",
    "Course",
    "Enrolment",
    "Facility",
    "FacilityPhoto",
    "OfferCapability",
    "OpeningHours",
    "Resource",
]
