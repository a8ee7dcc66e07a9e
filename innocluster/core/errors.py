"""Domain errors with stable codes. Services raise them; the API maps them to problem+json.

Every app declares the codes it raises in one enum in its own `errors.py`, a subclass of
`ErrorCode`, and raises with its members::

    class OrganizationErrorCode(ErrorCode):
        LAST_OWNER = "last_owner"

    raise Conflict(_("The last owner cannot leave."), code=OrganizationErrorCode.LAST_OWNER)
    raise ValidationError({"role": ValidationError(_("Unknown role."), code="invalid_choice")})

A code is stable (clients and tests rely on it) and belongs to one enum only; `registered_codes`
collects them all for the OpenAPI schema. Django's and DRF's own field codes ("required",
"invalid", "max_length", …) pass through as they are; a ValidationError raised without a code
counts as "invalid".
"""

from enum import StrEnum
from importlib import import_module

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext_lazy as _

# The key of a ValidationError that names no field, in the API and in these helpers.
NO_FIELD = "non_field_errors"
DEFAULT_CODE = "invalid"  # Django's own code for a value refused without a code of its own


class ErrorCode(StrEnum):
    """The base of every app's enum of error codes: subclass it once, in the app's errors.py."""


class CoreErrorCode(ErrorCode):
    """The codes of the kernel: the problem+json handler's own and those of core's checks."""

    VALIDATION_ERROR = "validation_error"  # the top-level code of every 400 with `errors`
    DOMAIN_ERROR = "domain_error"
    CONFLICT = "conflict"
    NOT_FOUND = "not_found"
    PERMISSION_DENIED = "permission_denied"
    SERVER_ERROR = "server_error"
    # DRF's own exceptions, passed through by the handler.
    ERROR = "error"
    PARSE_ERROR = "parse_error"
    AUTHENTICATION_FAILED = "authentication_failed"
    NOT_AUTHENTICATED = "not_authenticated"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    NOT_ACCEPTABLE = "not_acceptable"
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"
    THROTTLED = "throttled"
    # core.uploads: files checked by their content.
    FILE_TOO_LARGE = "file_too_large"
    NOT_AN_IMAGE = "not_an_image"
    IMAGE_FORMAT = "image_format"
    IMAGE_TOO_BIG = "image_too_big"
    NOT_A_PDF = "not_a_pdf"
    PDF_TOO_COMPLEX = "pdf_too_complex"  # past a bound of objects, pages, inflation or time
    PDF_ACTIVE_CONTENT = "pdf_active_content"  # JavaScript, actions, embedded files
    PDF_TRAILING_DATA = "pdf_trailing_data"  # anything after the last %%EOF
    NOT_PDF_OR_IMAGE = "not_pdf_or_image"  # a document that may be a PDF or a picture
    # core.phones
    INVALID_PHONE = "invalid_phone"
    # A field a service does not let its caller change (an identifier, an unknown name).
    NOT_EDITABLE = "not_editable"


class DomainError(Exception):
    """A rule of the domain refused the operation. `code` is stable; `detail` is for people."""

    status = 400
    code: str = CoreErrorCode.DOMAIN_ERROR
    title = _("The request cannot be carried out.")

    def __init__(self, detail: str, *, code: str | None = None, extra: dict | None = None):
        super().__init__(detail)
        self.detail = detail
        if code:
            self.code = code
        self.extra = extra or {}


class Conflict(DomainError):
    """The operation clashes with the current state: a duplicate, a changed state, a taken slot."""

    status = 409
    code = CoreErrorCode.CONFLICT
    title = _("Conflict with the current state.")


class NotFound(DomainError):
    """The object does not exist, or the caller may not know that it exists."""

    status = 404
    code = CoreErrorCode.NOT_FOUND
    title = _("Not found.")


class PermissionDenied(DomainError):
    status = 403
    code = CoreErrorCode.PERMISSION_DENIED
    title = _("You do not have permission to do this.")


def messages_by_field(error: ValidationError) -> dict[str, list[str]]:
    """A ValidationError's messages by field; one that names no field under NO_FIELD."""
    if hasattr(error, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in error}
    return {NO_FIELD: [str(m) for m in error.messages]}


def codes_by_field(error: ValidationError) -> dict[str, list[str]]:
    """The codes of `messages_by_field(error)`: the same keys, a code for each message."""
    if hasattr(error, "error_dict"):
        return {field: _codes(errors) for field, errors in error.error_dict.items()}
    return {NO_FIELD: _codes(error.error_list)}


def _codes(errors: list[ValidationError]) -> list[str]:
    return [str(e.code) if e.code else DEFAULT_CODE for e in errors]


def registered_codes() -> dict[str, type[ErrorCode]]:
    """Every code of every app's enum, with the enum it belongs to.

    Imports each of our apps' `errors` module first, so an enum counts even before anything
    raised it. A code claimed by two enums is a mistake: it is refused here (and by its test).
    """
    for config in apps.get_app_configs():
        if config.name.startswith("innocluster.") and module_has_submodule(config.module, "errors"):
            import_module(f"{config.name}.errors")
    owners: dict[str, type[ErrorCode]] = {}
    for enum in ErrorCode.__subclasses__():  # an enum with members has no subclasses
        for member in enum:
            owner = owners.setdefault(member.value, enum)
            if owner is not enum:
                raise ImproperlyConfigured(
                    f"The error code {member.value!r} is in {owner.__module__}.{owner.__name__} "
                    f"and in {enum.__module__}.{enum.__name__}: a code belongs to one enum."
                )
    return dict(sorted(owners.items()))
