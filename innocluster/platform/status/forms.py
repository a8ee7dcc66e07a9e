from django import forms
from django.utils.translation import gettext_lazy as _

from innocluster.core.forms import ServiceModelForm

from .choices import CONFIRMATIONS, DocumentType, RevocationGrounds, StatusAction, StatusKind
from .models import REASON_MAX_LENGTH, StatusApplication


class ApplicationForm(ServiceModelForm):
    kind = forms.ChoiceField(
        label=_("Status applied for"), choices=StatusKind.choices, widget=forms.RadioSelect
    )

    class Meta:
        model = StatusApplication
        fields = [
            "kind",
            "contact_name",
            "contact_position",
            "contact_phone",
            "contact_email",
            *CONFIRMATIONS,
        ]
        labels = CONFIRMATIONS


class DocumentForm(forms.Form):
    doc_type = forms.ChoiceField(label=_("Document"), choices=DocumentType.choices)
    file = forms.FileField(
        label=_("PDF file"),
        help_text=_("A PDF of at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


class StatusChangeForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Change"),
        choices=[(a, StatusAction(a).label) for a in ("suspended", "revoked", "restored")],
    )
    grounds = forms.ChoiceField(
        label=_("Grounds (for a revocation)"),
        choices=[("", "—"), *RevocationGrounds.choices],
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=REASON_MAX_LENGTH
    )
