from django import forms
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


def form_status(form) -> int:
    """400 for a form sent back with errors, so clients and tests see the refusal; else 200."""
    return 400 if form.is_bound and form.errors else 200


class ServiceModelForm(forms.ModelForm):
    """A ModelForm that only cleans fields and never touches its instance.

    The service owns the model rules and the write; a ModelForm's own `_post_clean` would copy
    the input onto the instance before the service can snapshot it for the audit trail.
    """

    def _post_clean(self):
        pass
