from django.core.exceptions import ValidationError

from .errors import DomainError


def apply_errors(form, error: Exception, *, default_field: str | None = None) -> None:
    """Show a service's ValidationError or DomainError on the form it came from."""
    if isinstance(error, DomainError):
        form.add_error(None, error.detail)
        return
    assert isinstance(error, ValidationError)
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(default_field if default_field in form.fields else None, error.messages)
