"""The forms of the award page. They only clean the input; the services decide."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .models import MONEY, RETURN_REASON_MAX_LENGTH


class AcceptForm(forms.Form):
    sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)


class PaymentForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}))
    reference = forms.CharField(label=_("Payment order number"), max_length=64)


class ReportForm(forms.Form):
    actual_costs = forms.DecimalField(
        label=_("Actual costs of the year, RUB"), min_value=0, **MONEY
    )
    file = forms.FileField(label=_("The report (PDF)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("A PDF of at most %(size)s.") % {
            "size": filesizeformat(settings.DOCUMENT_MAX_BYTES)
        }
        self.fields["file"].widget.attrs["accept"] = "application/pdf"


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with the report"),
        max_length=RETURN_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
