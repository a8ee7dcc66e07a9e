from django import forms
from django.utils.translation import gettext_lazy as _

from innocluster.core.forms import ServiceModelForm
from innocluster.platform.organizations.models import Industry, Organization, Technology

from .models import Cluster
from .models.clusters import REASON_MAX_LENGTH
from .services.clusters import EDITABLE_FIELDS

IMAGE_TYPES = "image/png,image/jpeg,image/webp,image/gif"


class ClusterForm(ServiceModelForm):
    """The cluster's profile; on the founding page also the organization that founds it."""

    industries = forms.ModelMultipleChoiceField(
        Industry.objects.all(),
        required=False,
        label=_("Industries"),
        widget=forms.CheckboxSelectMultiple,
    )
    technologies = forms.ModelMultipleChoiceField(
        Technology.objects.all(),
        required=False,
        label=_("Technologies"),
        widget=forms.CheckboxSelectMultiple,
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG, JPEG, WebP or GIF, up to 2 MB."),
        widget=forms.FileInput(attrs={"accept": IMAGE_TYPES}),
    )

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

    def __init__(self, *args, founders=None, leads=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_organization"].queryset = (
            leads if leads is not None else (Organization.objects.none())
        )
        if founders is not None:
            self.fields["organization"] = forms.ModelChoiceField(
                founders, label=_("Founding organization"), empty_label=None
            )
            self.order_fields(["organization", *self.Meta.fields])


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
