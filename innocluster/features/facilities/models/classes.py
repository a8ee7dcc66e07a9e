"""Children's technology classes and the enrolments of children in them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from innocluster.core.limits import limited_text_field
from innocluster.core.models import TimeStampedModel
from innocluster.core.names import validate_name
from innocluster.platform.search.catalogue import Catalogued, published_field

from ..choices import AGE_MAX, AGE_MIN, ClassSubject, EnrolmentStatus
from ..errors import FacilityErrorCode
from .bookings import Booking
from .facility import Facility, Resource

AGE_VALIDATORS = [MinValueValidator(AGE_MIN), MaxValueValidator(AGE_MAX)]


class Course(TimeStampedModel, Catalogued):
    """A class a facility runs for children. Its seats are a pool resource of the booking
    engine: a child with a seat holds one booking of it for the class's whole term. Anybody
    sees a published class of a published facility."""

    OPERATOR = "facility__organization"

    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="courses")
    resource = models.OneToOneField(Resource, on_delete=models.PROTECT, related_name="course")
    title = models.CharField(_("title"), max_length=200, validators=[validate_name])
    subject = models.CharField(_("subject"), max_length=32, choices=ClassSubject.choices)
    description = limited_text_field(_("description"), blank=True, max_length=10_000)
    age_min = models.PositiveSmallIntegerField(_("youngest age"), validators=AGE_VALIDATORS)
    age_max = models.PositiveSmallIntegerField(_("oldest age"), validators=AGE_VALIDATORS)
    schedule = models.CharField(
        _("schedule"), max_length=200, help_text=_("For example: Tuesdays and Thursdays, 16:00.")
    )
    starts_on = models.DateField(_("first lesson"))
    ends_on = models.DateField(_("last lesson"))
    seats = models.PositiveIntegerField(
        _("seats"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    is_published = published_field()

    class Meta:
        ordering = ["starts_on", "title", "id"]
        verbose_name = _("children's class")
        verbose_name_plural = _("children's classes")
        constraints = [
            models.CheckConstraint(
                condition=Q(age_min__gte=AGE_MIN, age_max__lte=AGE_MAX)
                & Q(age_max__gte=models.F("age_min")),
                name="course_ages_7_to_18",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="course_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.title

    @classmethod
    def published(cls) -> Q:
        return Q(is_published=True, facility__is_published=True)

    def clean(self):
        # The check constraints hold the same rules, but name no field and no reason.
        errors = {}
        if self.age_min is not None and self.age_max is not None and self.age_max < self.age_min:
            message = _("The oldest age must not be below the youngest.")
            errors["age_max"] = ValidationError(message, code=FacilityErrorCode.RANGE_INVERTED)
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            message = _("The last lesson must not be before the first.")
            errors["ends_on"] = ValidationError(message, code=FacilityErrorCode.RANGE_INVERTED)
        if errors:
            raise ValidationError(errors)


class Enrolment(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments")
    parent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    child_name = models.CharField(
        _("child's full name"), max_length=200, validators=[validate_name]
    )
    # The name folded (lower case, single spaces): the same child is found however typed.
    child_key = models.CharField(max_length=200, editable=False)
    child_birth_date = models.DateField(_("child's date of birth"))
    guardian_consent = models.BooleanField(_("guardian's consent"))
    status = models.CharField(_("status"), max_length=16, choices=EnrolmentStatus.choices)
    # The seat: a booking of the class's seats, held while the child is enrolled.
    booking = models.OneToOneField(
        Booking, on_delete=models.SET_NULL, null=True, blank=True, related_name="enrolment"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "child_key", "child_birth_date"],
                condition=Q(status__in=["enrolled", "waiting"]),
                name="one_active_enrolment_per_child",
            ),
            models.CheckConstraint(
                condition=Q(guardian_consent=True), name="enrolment_needs_consent"
            ),
        ]

    def __str__(self):
        return f"{self.child_name} → {self.course} ({self.status})"
