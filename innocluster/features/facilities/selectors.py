"""Reads that depend on who asks. What the caller may not see is a 404, never a 403.

Who runs what, and what anybody may see, is the catalogue kit's (platform/search/catalogue.py):
each model says it once (`OPERATOR`, `published()`), and these selectors add what each page
loads with it."""

from django.db.models import (
    Case,
    Count,
    Exists,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    When,
)

from innocluster.platform.search import catalogue
from innocluster.platform.search.catalogue import get_or_404 as _get

from .choices import BookingStatus, EnrolmentStatus, RequestStatus, ResourceKind
from .models import (
    Blackout,
    Booking,
    CapacityOffer,
    CapacityRequest,
    Course,
    Enrolment,
    Facility,
    FacilityPhoto,
    Resource,
)
from .models.offers import UNPUBLISHED_FACILITY
from .permissions import OPERATE, can_operate


def operated_organization_ids(*, user) -> list[int]:
    """The organizations whose facilities `user` runs."""
    return catalogue.operated_organization_ids(user=user, ability=OPERATE)


# --- Facilities and resources ----------------------------------------------------------------
def facility_list_public():
    return catalogue.list_published(Facility.objects.select_related("organization"))


def equipment_list_public():
    """Bookable equipment of published facilities."""
    equipment = catalogue.list_published(Resource.objects.all()).filter(kind=ResourceKind.EQUIPMENT)
    return equipment.select_related("facility").order_by("name", "id")


def facility_list_visible(*, user):
    """Published facilities, and the caller's own unpublished ones."""
    return catalogue.list_visible(Facility.objects.select_related("organization"), user=user)


def facility_get_visible(*, user, pk) -> Facility:
    return _get(facility_list_visible(user=user).prefetch_related("hours", "photos"), pk)


def facility_get_operated(*, user, pk) -> Facility:
    facilities = Facility.objects.select_related("organization").prefetch_related("hours")
    return catalogue.get_operated(facilities, user=user, pk=pk)


def facility_list_operated(*, user):
    return catalogue.list_operated(Facility.objects.all(), user=user)


def facility_list_of(*, organizations):
    """The facilities of `organizations` (a list or a query), by name."""
    return Facility.objects.filter(organization__in=organizations).order_by("name")


def operated_organizations(*, user):
    """The organizations `user` may run facilities and offers for (owner or editor)."""
    return catalogue.operated_organizations(user=user, ability=OPERATE)


def _count(queryset) -> Subquery:
    """A correlated count: a column per row, however many rows, without joins that multiply."""
    # COUNT as a plain function, not an aggregate: no GROUP BY, one row for any number.
    counted = queryset.order_by().annotate(n=Func("pk", function="COUNT")).values("n")
    return Subquery(counted, output_field=IntegerField())


def facility_list_for_operator(*, user):
    """The caller's facilities for "My facilities", with what needs their attention counted."""
    resources = Resource.objects.bookable().filter(facility=OuterRef("pk"))
    courses = Course.objects.filter(facility=OuterRef("pk"))
    pending = Booking.objects.filter(
        resource__facility=OuterRef("pk"), status=BookingStatus.PENDING
    )
    return (
        facility_list_operated(user=user)
        .select_related("organization")
        .annotate(
            resource_count=_count(resources),
            course_count=_count(courses),
            pending_count=_count(pending),
        )
        .order_by("name", "id")
    )


def resource_get_operated(*, user, pk) -> Resource:
    resources = Resource.objects.bookable().select_related("facility__organization")
    return catalogue.get_operated(resources, user=user, pk=pk)


def course_get_operated(*, user, pk) -> Course:
    courses = Course.objects.select_related("facility__organization", "resource")
    return catalogue.get_operated(courses, user=user, pk=pk)


def offer_get_operated(*, user, pk) -> CapacityOffer:
    offers = CapacityOffer.objects.select_related("organization", "facility")
    return catalogue.get_operated(offers.prefetch_related("capabilities"), user=user, pk=pk)


def blackout_get_operated(*, user, pk) -> Blackout:
    blackouts = Blackout.objects.select_related("facility__organization")
    return catalogue.get_operated(blackouts, user=user, pk=pk)


def photo_get_operated(*, user, facility_pk, pk) -> FacilityPhoto:
    photos = FacilityPhoto.objects.filter(facility_id=facility_pk)
    return catalogue.get_operated(photos.select_related("facility__organization"), user=user, pk=pk)


def resource_list_for_operator(*, facility: Facility):
    """Every bookable resource of the facility, the inactive ones too."""
    return Resource.objects.bookable().filter(facility=facility).order_by("name", "id")


def course_list_for_operator(*, facility: Facility):
    """Every class of the facility, unpublished ones too, with seats taken and the line."""
    seated = Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.ENROLLED))
    waiting = Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.WAITING))
    return (
        Course.objects.filter(facility=facility)
        .annotate(seated=seated, waiting=waiting)
        .order_by("starts_on", "title", "id")
    )


def resource_list_visible(*, user):
    """Bookable resources of visible facilities; inactive ones only for their operators."""
    resources = catalogue.list_visible(Resource.objects.bookable(), user=user)
    return resources.select_related("facility__organization").prefetch_related("facility__hours")


def resource_get_visible(*, user, pk) -> Resource:
    return _get(resource_list_visible(user=user), pk)


def blackout_list(*, resource: Resource):
    return Blackout.objects.filter(facility_id=resource.facility_id).filter(
        Q(resource__isnull=True) | Q(resource_id=resource.pk)
    )


# --- Bookings ----------------------------------------------------------------------------------
def _bookings():
    return Booking.objects.select_related("resource__facility", "user")


def booking_list_mine(*, user):
    return _bookings().filter(user=user).exclude(resource__kind="class_seats")


def booking_list_visible(*, user):
    """The caller's own bookings and those of the facilities they run (not class seats)."""
    operated = Q(resource__facility__organization_id__in=operated_organization_ids(user=user))
    # Class seats are held and freed through enrolments (which promote the waiting list).
    return _bookings().filter(Q(user=user) | operated).exclude(resource__kind="class_seats")


def booking_get_visible(*, user, pk) -> Booking:
    """A booking of the caller, or of a facility they run; 404 for anyone else's."""
    return _get(booking_list_visible(user=user), pk)


def schedule(*, facility: Facility, starts_at, ends_at):
    """The facility's bookings that overlap the window, for its operators."""
    return (
        _bookings()
        .filter(resource__facility=facility, starts_at__lt=ends_at, ends_at__gt=starts_at)
        .exclude(resource__kind="class_seats")
        .order_by("starts_at", "resource__name")
    )


def pending_count(*, facility: Facility) -> int:
    return Booking.objects.filter(resource__facility=facility, status=BookingStatus.PENDING).count()


# --- Capacity offers ---------------------------------------------------------------------------
def offer_list_public():
    """Offers open for requests whose availability has not ended, of published facilities or
    of none."""
    offers = catalogue.list_published(CapacityOffer.objects.all())
    return offers.select_related("organization").prefetch_related("capabilities")


def offer_get_visible(*, user, pk) -> CapacityOffer:
    """An offer whose availability has ended is still shown at its address (its requests stay
    there)."""
    mine = catalogue.operated_by(CapacityOffer, user=user)
    offers = CapacityOffer.objects.filter(Q(is_active=True) & ~UNPUBLISHED_FACILITY | mine)
    return _get(
        offers.select_related("organization", "facility").prefetch_related("capabilities"), pk
    )


def offer_requests(*, offer: CapacityOffer, user):
    """Requests for the offer: all for its owner's operators, the caller's own for others."""
    requests = offer.requests.select_related("requester")
    if can_operate(user=user, organization=offer.organization):
        return requests
    return requests.filter(requester=user) if user.is_authenticated else requests.none()


def capacity_request_get(*, offer: CapacityOffer, user, pk) -> CapacityRequest:
    return _get(offer_requests(offer=offer, user=user), pk)


def capacity_requests_mine(*, user):
    return CapacityRequest.objects.filter(requester=user).select_related("offer__organization")


def offer_list_for_operator(*, user):
    """The offers of the caller's organizations, closed ones too, with requests awaiting."""
    pending = CapacityRequest.objects.filter(offer=OuterRef("pk"), status=RequestStatus.PENDING)
    return (
        catalogue.list_operated(CapacityOffer.objects.all(), user=user)
        .select_related("organization")
        .annotate(pending_count=_count(pending))
        .order_by("-created_at", "-id")
    )


def pending_capacity_requests(*, user):
    return CapacityRequest.objects.filter(
        status=RequestStatus.PENDING,
        offer__organization_id__in=operated_organization_ids(user=user),
    ).select_related("offer", "requester")


# --- Children's classes ------------------------------------------------------------------------
def course_list_public():
    seated = Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.ENROLLED))
    waiting = Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.WAITING))
    return (
        catalogue.list_published(Course.objects.all())
        .select_related("facility")
        .annotate(seated=seated, waiting=waiting)
        .order_by("starts_on", "title", "id")
    )


def course_get_visible(*, user, pk) -> Course:
    seated = Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.ENROLLED))
    waiting = Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.WAITING))
    courses = catalogue.list_visible(Course.objects.all(), user=user)
    return _get(
        courses.select_related("facility__organization", "resource").annotate(
            seated=seated, waiting=waiting
        ),
        pk,
    )


def enrolment_list_visible(*, user, course: Course | None = None):
    """A parent's own enrolments, and all enrolments of the classes the caller runs."""
    operated = Q(course__facility__organization_id__in=operated_organization_ids(user=user))
    enrolments = Enrolment.objects.filter(Q(parent=user) | operated).select_related(
        "course__facility"
    )
    return enrolments.filter(course=course) if course is not None else enrolments


def enrolment_list_for_parent(*, user):
    """A parent's enrolments, newest first, each waiting one with its place in line
    (`position`, counted in the same query however many there are; 0 when not waiting)."""
    ahead = Enrolment.objects.filter(
        course=OuterRef("course"),
        status=EnrolmentStatus.WAITING,
        created_at__lte=OuterRef("created_at"),
    ).exclude(Q(created_at=OuterRef("created_at")) & Q(pk__gt=OuterRef("pk")))
    waiting = Q(status=EnrolmentStatus.WAITING)
    return (
        Enrolment.objects.filter(parent=user)
        .select_related("course__facility")
        .annotate(position=Case(When(waiting, then=_count(ahead)), default=0))
        .order_by("-created_at", "-id")
    )


def enrolment_get_visible(*, user, pk, course: Course | None = None) -> Enrolment:
    return _get(enrolment_list_visible(user=user, course=course), pk)


def has_operated_facilities(*, user) -> bool:
    ids = operated_organization_ids(user=user)
    return bool(ids) and Facility.objects.filter(organization_id__in=ids).exists()


def facilities_with_resource_counts(queryset):
    active = Resource.objects.bookable().filter(facility=OuterRef("pk"), is_active=True)
    return queryset.annotate(has_resources=Exists(active))


def confirmed_booking_facts():
    """The fund's figures (features/figures): the confirmed bookings, dated by their start; the
    organization is the facility's operator (a booking is made by a person)."""
    return Booking.objects.filter(status=BookingStatus.CONFIRMED)
