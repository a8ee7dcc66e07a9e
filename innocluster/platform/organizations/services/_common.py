"""What the organization services share: permission checks, image checks, field setting."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from innocluster.core.errors import CoreErrorCode, NotFound
from innocluster.core.regions import CODES as REGION_CODES
from innocluster.core.regions import region_from_inn
from innocluster.core.uploads import validate_image

from ..models import Organization
from ..selectors import user_can

# The profile as members may edit it, in the order the forms show it.
PROFILE_FIELDS = (
    "full_name",
    "short_name",
    "region",
    "legal_address",
    "website",
    "org_type",
    "industries",
    "technologies",
    "headcount",
    "year_founded",
    "description_ru",
    "description_en",
    "logo",
)
PRODUCT_FIELDS = ("name", "description", "category", "trl", "image")
INVITATION_DAYS = 14


def require_ability(*, user, organization: Organization, ability: str) -> None:
    """NotFound unless `user` has `ability` in `organization`: a service's check of its actor
    (other apps' services use it too), with the same answer as for a missing organization."""
    if not user_can(user=user, organization=organization, ability=ability):
        raise NotFound(_("Organization not found."))


def checked_image(upload, field: str):
    if upload:
        extension = validate_image(upload, max_bytes=settings.LOGO_MAX_BYTES)
        upload.name = f"{field}.{extension}"
    return upload


def assign_fields(instance, fields: dict, many: tuple[str, ...] = ()) -> dict:
    """Set plain fields, validate, and return the many-to-many values for after the save."""
    deferred = {k: fields.pop(k) for k in many if k in fields}
    for name, value in fields.items():
        setattr(instance, name, value)
    return deferred


def region_or_inns(region: str | None, inn: str) -> str:
    """The region as given or, left empty, the one the INN was issued in (its first two
    digits): the form preselects the same, this is for whoever sends it empty."""
    return region or region_from_inn(inn) or ""


def validate_region(region: str) -> None:
    if not region:
        message = _("Choose the region: the INN does not tell it.")
        raise ValidationError({"region": ValidationError(message, code="required")})
    if region not in REGION_CODES:
        message = _("Unknown region code: %s.") % region
        raise ValidationError({"region": ValidationError(message, code="invalid_choice")})


def not_editable(names) -> ValidationError:
    """The refusal of fields a service does not let its caller change, each on its field."""
    message = _("This field cannot be changed.")
    return ValidationError(
        {name: ValidationError(message, code=CoreErrorCode.NOT_EDITABLE) for name in names}
    )
