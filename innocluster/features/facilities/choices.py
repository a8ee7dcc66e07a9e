"""The fixed vocabularies of facilities, resources, bookings, offers and classes."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class FacilityKind(models.TextChoices):
    TECHNOLOGY_PARK = "technology_park", _("technology park")
    SPECIAL_ECONOMIC_ZONE = "special_economic_zone", _("special economic zone")
    COWORKING = "coworking", _("coworking")
    RESEARCH_CENTRE = "research_centre", _("research centre")
    CERTIFICATION_LAB = "certification_lab", _("certification body or test lab")
    LABORATORY = "laboratory", _("laboratory")
    PROTOTYPING_CENTRE = "prototyping_centre", _("prototyping centre")
    YOUTH_CENTRE = "youth_centre", _("youth innovation centre")
    PILOT_SITE = "pilot_site", _("pilot site")


class ResourceKind(models.TextChoices):
    ROOM = "room", _("room or hall")
    DESK_POOL = "desk_pool", _("desk pool")
    EQUIPMENT = "equipment", _("equipment")
    # The seats of a children's class: a pool held by enrolments through the same engine.
    CLASS_SEATS = "class_seats", _("class seats")


# A booking of these holds the whole unit: on PostgreSQL an exclusion constraint keeps their
# bookings apart. The others are pools of N places, guarded by a locked capacity check.
EXCLUSIVE_KINDS = frozenset({ResourceKind.ROOM, ResourceKind.EQUIPMENT})
BOOKABLE_KINDS = (ResourceKind.ROOM, ResourceKind.DESK_POOL, ResourceKind.EQUIPMENT)
BOOKABLE_KIND_CHOICES = [(k.value, k.label) for k in BOOKABLE_KINDS]


class BookingMode(models.TextChoices):
    INSTANT = "instant", _("instant confirmation")
    APPROVAL = "approval", _("approval by the operator")


class PriceUnit(models.TextChoices):
    FREE = "free", _("free")
    HOUR = "hour", _("per hour")
    DAY = "day", _("per day")


class VatRate(models.TextChoices):
    """Russian VAT rates, in per cent (22% is the general rate from 2026)."""

    NONE = "none", _("without VAT")
    ZERO = "0", _("0%")
    TEN = "10", _("10%")
    TWENTY = "20", _("20%")
    TWENTY_TWO = "22", _("22%")

    @property
    def percent(self) -> Decimal:
        return Decimal(0) if self == VatRate.NONE else Decimal(self.value)


class BookingStatus(models.TextChoices):
    PENDING = "pending", _("awaiting approval")
    CONFIRMED = "confirmed", _("confirmed")
    DECLINED = "declined", _("declined")
    CANCELLED = "cancelled", _("cancelled")


# The statuses that hold a slot: a pending booking keeps its slot until the operator decides.
HOLDING = (BookingStatus.PENDING, BookingStatus.CONFIRMED)
BOOKING_TRANSITIONS: dict[str, frozenset[str]] = {
    BookingStatus.PENDING: frozenset(
        {BookingStatus.CONFIRMED, BookingStatus.DECLINED, BookingStatus.CANCELLED}
    ),
    BookingStatus.CONFIRMED: frozenset({BookingStatus.CANCELLED}),
    BookingStatus.DECLINED: frozenset(),
    BookingStatus.CANCELLED: frozenset(),
}


class OfferKind(models.TextChoices):
    EQUIPMENT = "equipment", _("equipment")
    SPACE = "space", _("space")
    PRODUCTION = "production", _("production capacity")


class Capability(models.TextChoices):
    """What a workshop can make: the "prototype factory" search."""

    MILLING = "milling", _("milling")
    TURNING = "turning", _("turning")
    PRINTING_3D = "3d_printing", _("3D printing")
    LASER_CUTTING = "laser_cutting", _("laser cutting")
    WATERJET = "waterjet", _("waterjet cutting")
    SHEET_METAL = "sheet_metal", _("sheet metal work")
    WELDING = "welding", _("welding")
    CASTING = "casting", _("casting")
    INJECTION_MOULDING = "injection_moulding", _("injection moulding")
    PCB = "pcb", _("printed circuit boards")
    INSTRUMENT_MAKING = "instrument_making", _("instrument making")
    TESTING = "testing", _("testing and measurement")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("awaiting an answer")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    WITHDRAWN = "withdrawn", _("withdrawn")


class ClassSubject(models.TextChoices):
    ROBOTICS = "robotics", _("robotics")
    PROGRAMMING = "programming", _("programming")
    ELECTRONICS = "electronics", _("electronics")
    MODELLING_3D = "3d_modelling", _("3D modelling and printing")
    ENGINEERING = "engineering", _("engineering design")
    CHEMISTRY = "chemistry", _("chemistry")
    BIOLOGY = "biology", _("biology")
    PHYSICS = "physics", _("physics")
    DRONES = "drones", _("drones")
    AI = "ai", _("artificial intelligence")


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("has a seat")
    WAITING = "waiting", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


ACTIVE_ENROLMENT = (EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITING)
AGE_MIN, AGE_MAX = 7, 18
