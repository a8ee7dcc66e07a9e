"""Facilities and what they offer: create and change them, their hours, photos, blackouts.

Only the operating organization's members with edit rights may write (others get 404).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.audit import audit_record, diff, register_actions, snapshot
from innocluster.core.errors import CoreErrorCode
from innocluster.core.uploads import validate_image

from ..choices import ResourceKind
from ..errors import FacilityErrorCode, not_editable, refused
from ..models import Blackout, Facility, FacilityPhoto, OpeningHours, Resource
from ..permissions import require_operator

# The history pages' words for what this module records (core.audit).
register_actions(
    {
        "facility.created": gettext_lazy("added a facility"),
        "facility.updated": gettext_lazy("changed a facility"),
        "facility.photo_deleted": gettext_lazy("deleted a facility's photo"),
        "resource.created": gettext_lazy("added a room or equipment"),
        "resource.updated": gettext_lazy("changed a room or equipment"),
        "blackout.created": gettext_lazy("closed a period for booking"),
        "blackout.deleted": gettext_lazy("reopened a closed period"),
    }
)

FACILITY_FIELDS = (
    "kind",
    "name",
    "description_ru",
    "description_en",
    "region",
    "address",
    "latitude",
    "longitude",
    "open_around_the_clock",
    "phone",
    "email",
    "website",
    "is_published",
)
RESOURCE_FIELDS = (
    "kind",
    "name",
    "description",
    "capacity",
    "seats",
    "equipment_model",
    "specifications",
    "qualification",
    "booking_mode",
    "price_unit",
    "price",
    "vat_rate",
    "min_minutes",
    "max_minutes",
    "horizon_days",
    "cancel_hours",
    "is_active",
)
PHOTO_MAX_BYTES = 5 * 1024 * 1024


def _set(instance, fields: dict, allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise not_editable(sorted(unknown))
    for name, value in fields.items():
        setattr(instance, name, value)


@transaction.atomic
def facility_create(*, organization, actor, hours: dict | None = None, **fields) -> Facility:
    """Publish a facility operated by `organization`, with its weekly opening hours
    ({weekday: (opens, closes)}, 0 = Monday)."""
    require_operator(user=actor, organization=organization)
    facility = Facility(organization=organization)
    _set(facility, fields, FACILITY_FIELDS)
    facility.full_clean()
    facility.save()
    if hours:
        _replace_hours(facility, hours)
    audit_record(
        actor=actor,
        action="facility.created",
        target=facility,
        organization=organization,
        changes=snapshot(facility, fields),
    )
    return facility


@transaction.atomic
def facility_update(*, facility: Facility, actor, hours: dict | None = None, **fields) -> Facility:
    """Change the given fields (and, when given, replace the opening hours)."""
    require_operator(user=actor, organization=facility.organization)
    before = snapshot(facility, fields)
    _set(facility, fields, FACILITY_FIELDS)
    facility.full_clean()
    facility.save(update_fields=[*fields, "updated_at"])
    if hours is not None:
        _replace_hours(facility, hours)
    audit_record(
        actor=actor,
        action="facility.updated",
        target=facility,
        organization=facility.organization,
        changes=diff(before, snapshot(facility, fields)),
    )
    return facility


def _replace_hours(facility: Facility, hours: dict) -> None:
    rows = []
    for weekday, (opens, closes) in sorted(hours.items()):
        if not 0 <= int(weekday) <= 6:
            raise refused("hours", _("Days of the week are 0 (Monday) to 6."), "invalid_choice")
        if closes <= opens:
            message = _("On each day the closing time must follow the opening time.")
            raise refused("hours", message, FacilityErrorCode.RANGE_INVERTED)
        rows.append(
            OpeningHours(facility=facility, weekday=int(weekday), opens=opens, closes=closes)
        )
    facility.hours.all().delete()
    OpeningHours.objects.bulk_create(rows)


@transaction.atomic
def facility_photo_add(*, facility: Facility, actor, image, caption: str) -> FacilityPhoto:
    """Add a photo, checked by its content (a real PNG, JPEG, WebP or GIF)."""
    require_operator(user=actor, organization=facility.organization)
    extension = validate_image(image, max_bytes=PHOTO_MAX_BYTES)
    image.name = f"photo.{extension}"
    photo = FacilityPhoto(
        facility=facility, image=image, caption=caption, position=facility.photos.count()
    )
    photo.full_clean()
    photo.save()
    return photo


@transaction.atomic
def facility_photo_delete(*, photo: FacilityPhoto, actor) -> None:
    """Remove a photo. Its file goes once the removal is committed, so a rollback keeps it."""
    facility = photo.facility
    require_operator(user=actor, organization=facility.organization)
    stored, storage = photo.image.name, photo.image.storage
    audit_record(
        actor=actor,
        action="facility.photo_deleted",
        target=facility,
        organization=facility.organization,
        changes={"caption": photo.caption},
    )
    photo.delete()
    transaction.on_commit(lambda: storage.delete(stored))


@transaction.atomic
def resource_create(*, facility: Facility, actor, **fields) -> Resource:
    """Offer a room, a desk pool or a machine for booking. A room or machine is one unit."""
    require_operator(user=actor, organization=facility.organization)
    if fields.get("kind") == ResourceKind.CLASS_SEATS:
        message = _("Class seats are made with the class itself.")
        raise refused("kind", message, FacilityErrorCode.CLASS_SEATS)
    resource = Resource(facility=facility)
    _set(resource, fields, RESOURCE_FIELDS)
    if resource.is_exclusive:
        resource.capacity = 1
    resource.full_clean()
    resource.save()
    audit_record(
        actor=actor,
        action="resource.created",
        target=resource,
        organization=facility.organization,
        changes=snapshot(resource, fields),
    )
    return resource


@transaction.atomic
def resource_update(*, resource: Resource, actor, **fields) -> Resource:
    """Change a resource's terms. Its kind never changes: bookings already made depend on it.
    Terms apply to bookings made from now on."""
    require_operator(user=actor, organization=resource.facility.organization)
    if resource.kind == ResourceKind.CLASS_SEATS:
        raise ValidationError(
            _("The seats of a class change with the class itself."),
            code=FacilityErrorCode.CLASS_SEATS,
        )
    if "kind" in fields and fields["kind"] != resource.kind:
        message = _("The kind of a resource cannot be changed.")
        raise refused("kind", message, CoreErrorCode.NOT_EDITABLE)
    if resource.is_exclusive and fields.get("capacity", 1) != 1:
        message = _("A room or a machine is one place.")
        raise refused("capacity", message, FacilityErrorCode.ONE_PLACE)
    before = snapshot(resource, fields)
    _set(resource, fields, RESOURCE_FIELDS)
    resource.full_clean()
    resource.save(update_fields=[*fields, "updated_at"])
    audit_record(
        actor=actor,
        action="resource.updated",
        target=resource,
        organization=resource.facility.organization,
        changes=diff(before, snapshot(resource, fields)),
    )
    return resource


@transaction.atomic
def blackout_create(
    *,
    facility: Facility,
    actor,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    reason: str,
    resource: Resource | None = None,
) -> Blackout:
    """Close a resource (or the whole facility) for a period. Bookings already made stay:
    the operator cancels them, and their holders are told."""
    require_operator(user=actor, organization=facility.organization)
    if resource is not None and resource.facility_id != facility.pk:
        message = _("This resource belongs to another facility.")
        raise refused("resource", message, "invalid_choice")
    if ends_at <= starts_at:
        message = _("The end must be after the start.")
        raise refused("ends_at", message, FacilityErrorCode.RANGE_INVERTED)
    blackout = Blackout(
        facility=facility, resource=resource, starts_at=starts_at, ends_at=ends_at, reason=reason
    )
    blackout.full_clean()
    blackout.save()
    audit_record(
        actor=actor,
        action="blackout.created",
        target=blackout,
        organization=facility.organization,
        changes={"reason": reason},
    )
    return blackout


@transaction.atomic
def blackout_delete(*, blackout: Blackout, actor) -> None:
    require_operator(user=actor, organization=blackout.facility.organization)
    audit_record(
        actor=actor,
        action="blackout.deleted",
        target=blackout,
        organization=blackout.facility.organization,
        changes={"reason": blackout.reason},
    )
    blackout.delete()
