from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Decision
from .models import REASON_MAX_LENGTH


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason, or what information is missing"),
        help_text=_("Required to reject or to request information; the applicant reads it."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=REASON_MAX_LENGTH,
        required=False,
    )


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the fund"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON_MAX_LENGTH,
        required=False,
    )
