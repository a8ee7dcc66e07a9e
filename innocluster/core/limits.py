"""Length limits of free text (issue 17): a text field's limit holds for the forms, the API,
the admin and the services alike, so an over-long text is refused with `max_length` wherever
it comes from, and nothing is written."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models


def limited_text_field(verbose_name, *, max_length: int, **kwargs) -> models.TextField:
    """A TextField whose `max_length` full_clean enforces too: Django hands a TextField's
    `max_length` to forms and serializers only, so a service's full_clean would let an
    eleven-megabyte text through."""
    return models.TextField(
        verbose_name,
        max_length=max_length,
        validators=[MaxLengthValidator(max_length), *kwargs.pop("validators", [])],
        **kwargs,
    )


def require_max_length(field: str, text: str, limit: int) -> None:
    """Refuse `text` under the caller's name for it (`field`, the API's and the form's) when
    it is longer than `limit`: for the services that write a text without full_clean (a
    reason, a message that goes on a history row)."""
    try:
        MaxLengthValidator(limit)(text)
    except ValidationError as error:
        raise ValidationError({field: error}) from None
