from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from .errors import DomainError


def apply_errors(form, error: Exception, *, default_field: str | None = None) -> None:
    """Put a service's ValidationError or DomainError on `form`, keeping each message's code
    (`form.has_error(field, code)`): the form half of `core.views.call_service`, which pages
    call instead of this."""
    if isinstance(error, DomainError):
        form.add_error(None, ValidationError(error.detail, code=str(error.code)))
        return
    assert isinstance(error, ValidationError)
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(default_field if default_field in form.fields else None, error.error_list)


def form_status(form) -> int:
    """200 for a form to fill. A form sent back with errors: 400, so clients and tests see the
    refusal, or the status of the service's refusal `call_service` put on it (409, …)."""
    if form.is_bound and form.errors:
        return getattr(form, "error_status", 400)
    return 200


class ServiceModelForm(forms.ModelForm):
    """A ModelForm that only cleans fields and never touches its instance.

    The service owns the model rules and the write; a ModelForm's own `_post_clean` would copy
    the input onto the instance before the service can snapshot it for the audit trail.
    """

    def _post_clean(self):
        pass


class AmountField(forms.DecimalField):
    """A number as people type it in the page's language: «1 000,50» or «1000.50» on a Russian
    page, «1,000.50» on an English one. Spaces of any kind (the plain one people type, the
    no-break ones Russian formats print) group digits; a comma is the decimal mark where the
    language writes it so (Russian) and groups thousands where it does not (English: «1,000»
    pieces is a thousand, never 1). Shown in the page's own format (localized)."""

    GROUPING = str.maketrans("", "", " \u00a0\u202f")

    def __init__(self, **kwargs):
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.translate(self.GROUPING)
            comma_is_decimal = get_format("DECIMAL_SEPARATOR") == ","
            value = value.replace(",", "." if comma_is_decimal else "")
        return super().to_python(value)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (`<input type=file multiple>`), cleaned to a list (empty
    when none is chosen and the field is optional). Their content is the service's to check."""

    def __init__(self, *, max_files: int, **kwargs):
        self.max_files = max_files
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            super().clean(None, initial)  # "required" when it is
            return []
        if len(files) > self.max_files:
            raise ValidationError(
                _("Choose at most %(max)d files.") % {"max": self.max_files}, code="max_files"
            )
        clean_one = super().clean
        return [clean_one(f, initial) for f in files]
