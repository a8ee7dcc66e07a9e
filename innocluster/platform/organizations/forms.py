from django import forms
from django.utils.translation import gettext_lazy as _

from innocluster.core.forms import ServiceModelForm
from innocluster.core.regions import region_choices

from .choices import MemberRole
from .models import Industry, Organization, Product, Technology
from .services import PROFILE_FIELDS


class _TaxonomyFields(ServiceModelForm):
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
    region = forms.ChoiceField(label=_("Region"), choices=region_choices)
    website = forms.URLField(
        label=_("Website"), required=False, assume_scheme="https", max_length=200
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG, JPEG, WebP or GIF, up to 2 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}
        ),
    )


class OrganizationRegisterForm(_TaxonomyFields):
    """Field checks only; the identifiers and the duplicate rule live in the service."""

    class Meta:
        model = Organization
        fields = ["kind", "inn", "ogrn", *PROFILE_FIELDS]
        widgets = {
            "description_ru": forms.Textarea(attrs={"rows": 5}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "inn": _("10 digits for a legal entity, 12 for a sole proprietor."),
            "ogrn": _("OGRN: 13 digits for a legal entity; OGRNIP: 15 for a sole proprietor."),
        }


class OrganizationEditForm(_TaxonomyFields):
    class Meta:
        model = Organization
        fields = PROFILE_FIELDS
        widgets = {
            "description_ru": forms.Textarea(attrs={"rows": 5}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
        }


class ProductForm(ServiceModelForm):
    image = forms.FileField(
        label=_("Image"),
        required=False,
        help_text=_("PNG, JPEG, WebP or GIF, up to 2 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}
        ),
    )

    class Meta:
        model = Product
        fields = ["name", "description", "category", "trl", "image"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "trl": forms.NumberInput(attrs={"min": 1, "max": 9}),
        }


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices, initial=MemberRole.EDITOR)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices)


class MembershipRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the owners"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who you are and why you should join."),
    )
