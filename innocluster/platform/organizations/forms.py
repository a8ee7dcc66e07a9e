import json

from django import forms
from django.utils.translation import gettext_lazy as _

from innocluster.core.forms import ServiceModelForm
from innocluster.core.regions import REGION_BY_INN_PREFIX, region_choices

from .choices import MemberRole
from .models import Industry, Organization, Product, Technology
from .services import PROFILE_FIELDS


def _region_choices_or_inn() -> list[tuple[str, str]]:
    return [("", _("— from the INN —")), *region_choices()]


IMAGE_TYPES = "image/png,image/jpeg,image/webp,image/gif"  # what checked_image accepts


def taxonomy_fields() -> dict[str, forms.Field]:
    """The industries and technologies of the platform's taxonomy, as boxes to tick: the
    same two fields wherever a profile names its sectors (an organization, a cluster)."""
    return {
        "industries": forms.ModelMultipleChoiceField(
            Industry.objects.all(),
            required=False,
            label=_("Industries"),
            widget=forms.CheckboxSelectMultiple,
        ),
        "technologies": forms.ModelMultipleChoiceField(
            Technology.objects.all(),
            required=False,
            label=_("Technologies"),
            widget=forms.CheckboxSelectMultiple,
        ),
    }


def logo_field(widget=forms.ClearableFileInput) -> forms.FileField:
    """A logo: an image of the kinds the services check, at most 2 MB."""
    return forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG, JPEG, WebP or GIF, up to 2 MB."),
        widget=widget(attrs={"accept": IMAGE_TYPES}),
    )


class _TaxonomyFields(ServiceModelForm):
    industries, technologies = taxonomy_fields().values()
    # Not required: left empty, the service takes the region from the INN; the page's script
    # (organizations/region-from-inn.js) preselects the same as the INN is typed.
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        choices=_region_choices_or_inn,
        help_text=_("Chosen from the first two digits of the INN: change it if it is wrong."),
        widget=forms.Select(attrs={"data-region-by-inn": json.dumps(REGION_BY_INN_PREFIX)}),
    )
    # A text box, not type=url: the browser refuses a bare domain there with no word of help,
    # while the field itself adds https:// to «kaspersky.ru».
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text=_("For example kaspersky.ru: https:// is added when left out."),
        widget=forms.TextInput(attrs={"inputmode": "url", "autocomplete": "url"}),
    )
    logo = logo_field()


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
