"""Children's classes: publish a class, enrol a child, cancel, promote from the waiting list.

A class's seats are a pool resource of the one booking engine: a child with a seat holds a
booking of it for the whole term, so a class is never over capacity, however many parents
press "Enrol" at once. A child who finds no seat waits in line; when a seat frees, the first
in line takes it (the engine's hold again) and the parent is told.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.audit import audit_record, register_actions
from innocluster.core.calendar import moscow_date
from innocluster.core.errors import Conflict, NotFound

from .. import notifications as notify
from ..choices import ACTIVE_ENROLMENT, BookingMode, BookingStatus, EnrolmentStatus, ResourceKind
from ..errors import FacilityErrorCode, not_editable, refused
from ..models import Booking, Course, Enrolment, Facility, Resource
from ..permissions import can_operate, require_operator
from ..timeutil import at_moscow
from . import engine

# The history pages' words for what this module records (core.audit).
register_actions(
    {
        "course.created": gettext_lazy("opened a children's class"),
        "enrolment.enrolled": gettext_lazy("enrolled a child"),
        "enrolment.waiting": gettext_lazy("put a child on the waiting list"),
        "enrolment.cancelled": gettext_lazy("cancelled a child's place"),
        "enrolment.promoted": gettext_lazy("gave a waiting child a seat"),
    }
)

COURSE_FIELDS = (
    "title",
    "subject",
    "description",
    "age_min",
    "age_max",
    "schedule",
    "starts_on",
    "ends_on",
    "is_published",
)


def child_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def age_on(birth_date: dt.date, day: dt.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def _term(course: Course) -> tuple[dt.datetime, dt.datetime]:
    return (
        at_moscow(course.starts_on, dt.time()),
        at_moscow(course.ends_on + dt.timedelta(days=1), dt.time()),
    )


@transaction.atomic
def course_create(*, facility: Facility, actor, seats: int, **fields) -> Course:
    """Publish a class with `seats` seats (a pool resource of the booking engine)."""
    require_operator(user=actor, organization=facility.organization)
    _refuse_unknown(fields)
    course = Course(facility=facility, seats=seats, **fields)
    course.resource = Resource(facility=facility)
    course.full_clean(exclude=["resource"])  # first: its errors name the fields of the form
    _sync_resource(course)
    course.resource.full_clean()
    course.resource.save()
    course.save()
    audit_record(
        actor=actor,
        action="course.created",
        target=course,
        organization=facility.organization,
        changes={"title": course.title},
    )
    return course


def _sync_resource(course: Course) -> None:
    start, end = _term(course) if course.ends_on >= course.starts_on else (None, None)
    resource = course.resource
    resource.kind = ResourceKind.CLASS_SEATS
    resource.name = course.title
    resource.capacity = course.seats
    resource.booking_mode = BookingMode.INSTANT
    resource.min_minutes = 5
    resource.max_minutes = max(5, int((end - start).total_seconds() // 60)) if start else 5
    resource.is_active = course.is_published


@transaction.atomic
def course_update(*, course: Course, actor, **fields) -> Course:
    """Change a class. More seats promote children from the waiting list at once; fewer seats
    than children already seated is refused."""
    require_operator(user=actor, organization=course.facility.organization)
    lock_course(course.pk)
    course = Course.objects.select_related("resource").get(pk=course.pk)
    _refuse_unknown(fields)
    term = _term(course)
    for name, value in fields.items():
        setattr(course, name, value)
    seated = course.enrolments.filter(status=EnrolmentStatus.ENROLLED).count()
    if course.seats < seated:
        message = _("%(count)s children already have seats.")
        raise refused("seats", message, FacilityErrorCode.SEATS_TAKEN, {"count": seated})
    course.full_clean(exclude=["resource"])
    _sync_resource(course)
    course.resource.save()
    course.save()
    if _term(course) != term:
        _move_seats(course)
    _promote_waiting(course)
    return course


def _refuse_unknown(fields: dict) -> None:
    unknown = set(fields) - {*COURSE_FIELDS, "seats"}
    if unknown:
        raise not_editable(sorted(unknown))


def _move_seats(course: Course) -> None:
    """The seats already taken move with the term: the engine counts a class's seats by the
    bookings overlapping the term, so seats left on the old dates would not be counted."""
    start, end = _term(course)
    Booking.objects.holding().filter(resource_id=course.resource_id).update(
        starts_at=start, ends_at=end
    )


def _validate_child(course: Course, child_name: str, birth_date: dt.date, consent: bool) -> None:
    errors = {}
    if not child_name.strip():
        errors["child_name"] = ValidationError(_("Enter the child's full name."), code="required")
    if not consent:
        message = _("A parent or guardian must give consent.")
        errors["guardian_consent"] = ValidationError(message, code="required")
    age = age_on(birth_date, course.starts_on)
    if birth_date >= moscow_date():
        message = _("The date of birth must be in the past.")
        errors["child_birth_date"] = ValidationError(message, code="invalid")
    elif not course.age_min <= age <= course.age_max:
        message = _(
            "The class is for children aged %(min)s to %(max)s; on %(day)s this child "
            "will be %(age)s."
        )
        errors["child_birth_date"] = ValidationError(
            message,
            code=FacilityErrorCode.AGE_OUT_OF_RANGE,
            params={
                "min": course.age_min,
                "max": course.age_max,
                "day": f"{course.starts_on:%d.%m.%Y}",
                "age": age,
            },
        )
    if errors:
        raise ValidationError(errors)


def enrolment_create(
    *, course: Course, parent, child_name: str, child_birth_date: dt.date, guardian_consent: bool
) -> Enrolment:
    """Enrol a child: a seat if one is free, else a place on the waiting list.

    400 for a child outside the age range, no consent, or a class that is closed; 409 if the
    same child (name and date of birth) is already enrolled or waiting in this class.
    """
    course = Course.objects.select_related("resource", "facility").get(pk=course.pk)
    if not course.is_published or course.ends_on < moscow_date():
        message = _("This class is not open for enrolment.")
        raise refused("course", message, FacilityErrorCode.ENROLMENT_CLOSED)
    _validate_child(course, child_name, child_birth_date, guardian_consent)
    enrolment = Enrolment(
        course=course,
        parent=parent,
        child_name=" ".join(child_name.split()),
        child_key=child_key(child_name),
        child_birth_date=child_birth_date,
        guardian_consent=True,
        status=EnrolmentStatus.WAITING,
    )
    with transaction.atomic():
        lock_course(course.pk)
        _refuse_duplicate(enrolment)
        try:
            with transaction.atomic():
                enrolment.save(force_insert=True)
        except IntegrityError:
            _refuse_duplicate(enrolment)
            raise
        seated = _try_seat(enrolment)
        audit_record(
            actor=parent,
            action=f"enrolment.{enrolment.status}",
            target=enrolment,
            organization=course.facility.organization,
        )
        _tell(enrolment, notify.ENROLLED if seated else notify.WAITING)
    return enrolment


def _refuse_duplicate(enrolment: Enrolment) -> None:
    existing = Enrolment.objects.filter(
        course_id=enrolment.course_id,
        child_key=enrolment.child_key,
        child_birth_date=enrolment.child_birth_date,
        status__in=ACTIVE_ENROLMENT,
    ).first()
    if existing:
        raise Conflict(
            _("%(child)s is already %(status)s in this class.")
            % {"child": existing.child_name, "status": existing.get_status_display()},
            code=FacilityErrorCode.ALREADY_ENROLLED,
        )


def _try_seat(enrolment: Enrolment) -> bool:
    """Take a seat through the engine; False (and nothing changed) when the class is full."""
    course = enrolment.course
    start, end = _term(course)
    try:
        booking = engine.hold(
            resource=course.resource,
            user=enrolment.parent,
            starts_at=start,
            ends_at=end,
            status=BookingStatus.CONFIRMED,
            purpose=enrolment.child_name,
        )
    except Conflict:
        return False
    enrolment.status = EnrolmentStatus.ENROLLED
    enrolment.booking = booking
    enrolment.save(update_fields=["status", "booking"])
    return True


def _tell(enrolment: Enrolment, kind) -> None:
    course = enrolment.course
    position = 0
    if enrolment.status == EnrolmentStatus.WAITING:
        position = waiting_position(enrolment)
    notify.send(
        recipients=[enrolment.parent],
        kind=kind,
        context={
            "child": enrolment.child_name,
            "course": course.title,
            "starts_on": f"{course.starts_on:%d.%m.%Y}",
            "schedule": course.schedule,
            "position": position,
        },
        url=notify.url("facilities:my_enrolments"),
    )


def waiting_position(enrolment: Enrolment) -> int:
    return (
        Enrolment.objects.filter(
            course_id=enrolment.course_id,
            status=EnrolmentStatus.WAITING,
            created_at__lte=enrolment.created_at,
        )
        .exclude(created_at=enrolment.created_at, pk__gt=enrolment.pk)
        .count()
    )


@transaction.atomic
def enrolment_cancel(*, enrolment: Enrolment, actor) -> Enrolment:
    """Withdraw a child (the parent) or remove them (the class's operator). A freed seat goes
    to the first child in line, whose parent is told. Others get 404."""
    lock_course(enrolment.course_id)
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("course__facility__organization", "course__resource", "booking")
        .get(pk=enrolment.pk)
    )
    organization = enrolment.course.facility.organization
    if enrolment.parent_id != actor.pk and not can_operate(user=actor, organization=organization):
        raise NotFound(_("Enrolment not found."))
    if enrolment.status == EnrolmentStatus.CANCELLED:
        raise Conflict(
            _("This enrolment is already cancelled."), code=FacilityErrorCode.ENROLMENT_STATE
        )
    booking = enrolment.booking
    enrolment.status = EnrolmentStatus.CANCELLED
    enrolment.cancelled_at = timezone.now()
    enrolment.save(update_fields=["status", "cancelled_at"])
    if booking is not None and booking.is_holding:
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_at = enrolment.cancelled_at
        booking.save(update_fields=["status", "cancelled_at"])
    audit_record(
        actor=actor, action="enrolment.cancelled", target=enrolment, organization=organization
    )
    _promote_waiting(enrolment.course)
    return enrolment


def lock_course(pk: int) -> None:
    """Take the class's lock: every change to a class's seats or line takes it first, so they
    queue one after another instead of interleaving or deadlocking.

    Without it two seats freed at the same moment both went to the same first child in line
    (who then held both), and a child withdrawn from the line while being promoted deadlocked
    the two withdrawals. FOR NO KEY UPDATE: the key-share locks that inserting an enrolment
    or a booking takes on the class's row do not stand in its way. (SQLite needs none: its
    writes already run one at a time.)"""
    Course.objects.select_for_update(no_key=True).filter(pk=pk).values_list("pk", flat=True).get()


def _promote_waiting(course: Course) -> None:
    """Seat the children in line, first come first served, while seats are free. The caller
    holds the class's lock (lock_course), so the line read here is the settled one."""
    waiting = course.enrolments.filter(status=EnrolmentStatus.WAITING).select_related("parent")
    for enrolment in waiting.order_by("created_at", "id"):
        enrolment.course = course
        if not _try_seat(enrolment):
            return
        enrolment.promoted_at = timezone.now()
        enrolment.save(update_fields=["promoted_at"])
        audit_record(
            actor=None,
            action="enrolment.promoted",
            target=enrolment,
            organization=course.facility.organization,
        )
        _tell(enrolment, notify.PROMOTED)
