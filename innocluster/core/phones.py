"""Phone numbers as people type them in Russia ("8 (495) 111-22-33", "+7 495 111 22 33") or
abroad ("+1 650 253 0000"), checked by Google's libphonenumber (the `phonenumbers` package)."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .errors import CoreErrorCode

DEFAULT_REGION = "RU"  # a number without "+" is read as Russian


def is_phone(value: str) -> bool:
    try:
        number = phonenumbers.parse(value, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number)


def validate_phone(value: str) -> None:
    """A model or form validator: an empty value passes (the field says whether it is
    required)."""
    if value and not is_phone(value):
        raise ValidationError(
            _("Enter a phone number with its area code, e.g. +7 495 111-22-33."),
            code=CoreErrorCode.INVALID_PHONE,
        )
