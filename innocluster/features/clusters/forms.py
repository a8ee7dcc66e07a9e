from django import forms
from django.utils.translation import gettext_lazy as _

from innocluster.core.forms import ServiceModelForm
from innocluster.platform.organizations.forms import logo_field, taxonomy_fields
from innocluster.platform.organizations.models import Organization

from .models import Cluster
from .models.clusters import REASON_MAX_LENGTH
from .selectors import founding_among
from .services.clusters import EDITABLE_FIELDS


class ClusterForm(ServiceModelForm):
    """The cluster's profile; on the founding page also the organization that founds it."""

    industries, technologies = taxonomy_fields().values()
    logo = logo_field(forms.FileInput)

    class Meta:
        model = Cluster
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "aims": forms.Textarea(attrs={"rows": 4}),
            "description_ru": forms.Textarea(attrs={"rows": 6}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "is_public": _("A private cluster is seen only by the people of its members."),
        }

    def __init__(self, *args, organizations=None, leads=None, **kwargs):
        """Founding: `organizations` the person acts for (the lead is one of them, the
        founder one holding active participant status). Editing: the members as `leads`."""
        super().__init__(*args, **kwargs)
        if organizations is not None:
            leads = organizations
            self.fields["organization"] = forms.ModelChoiceField(
                founding_among(organizations),
                label=_("Founding organization"),
                empty_label=None,
            )
            self.order_fields(["organization", *self.Meta.fields])
        self.fields["lead_organization"].queryset = (
            leads if leads is not None else Organization.objects.none()
        )
        founding = self.instance.pk is None
        self.saved_message = (
            _("The cluster is founded.") if founding else _("The cluster is saved.")
        )


class JoinRequestForm(forms.Form):
    organization = forms.ModelChoiceField(
        Organization.objects.none(), label=_("Organization"), empty_label=None
    )
    reason = forms.CharField(
        label=_("Why do you want to join?"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class InviteForm(forms.Form):
    organization = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    message = forms.CharField(
        label=_("Message"), required=False, max_length=REASON_MAX_LENGTH, widget=forms.HiddenInput
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=REASON_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2})
    )
