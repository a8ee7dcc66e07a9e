from django import forms
from django.utils.translation import gettext_lazy as _

from innocluster.core.forms import ServiceModelForm

from .models import ClusterApplication


class ClusterApplicationForm(ServiceModelForm):
    class Meta:
        model = ClusterApplication
        fields = ["contact_name", "contact_position", "contact_phone", "contact_email"]


class ClusterDocumentForm(forms.Form):
    file = forms.FileField(
        label=_("PDF file"),
        help_text=_("A PDF of at most 10 MB: the cluster's agreement, its development programme."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
