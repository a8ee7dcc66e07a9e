from django import forms
from django.utils.translation import gettext_lazy as _

from innocluster.core.regions import region_choices
from innocluster.platform.search.text import MAX_QUERY_CHARS

from .models import SavedSearch


class SavedSearchForm(forms.Form):
    name = forms.CharField(label=_("Name of the search"), max_length=120)
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)
    # what is searched (saved.py's sources); the directory's own search sends none
    source = forms.CharField(widget=forms.HiddenInput, required=False, max_length=32)

    def clean_source(self):
        return self.cleaned_data.get("source") or "organizations"


class PartnerForm(forms.Form):
    """Partners for one of my organizations, or for a need in free text; optionally in regions."""

    organization = forms.TypedChoiceField(
        label=_("For my organization"), required=False, coerce=int, empty_value=None
    )
    need = forms.CharField(
        label=_("Or describe what you need"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: «3D printing of metal parts» or «computer vision for retail»."),
    )
    region = forms.MultipleChoiceField(
        label=_("Region"), required=False, choices=region_choices, widget=forms.SelectMultiple
    )

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organizations = {o.pk: o for o in organizations}
        choices = [("", _("—"))] + [(o.pk, o.short_name) for o in organizations]
        self.fields["organization"].choices = choices
        if not organizations:
            self.fields["organization"].widget = forms.HiddenInput()
        elif len(organizations) == 1:  # the only one: what the person means, still changeable
            self.fields["organization"].initial = organizations[0].pk

    def clean(self):
        data = super().clean()
        if not data.get("organization") and not (data.get("need") or "").strip():
            raise forms.ValidationError(
                _("Choose one of your organizations or describe what you need."), code="required"
            )
        return data

    def partner_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "organization": self.organizations.get(data.get("organization")),
            "need": (data.get("need") or "")[:MAX_QUERY_CHARS],
            "regions": data.get("region") or [],
        }


__all__ = ["PartnerForm", "SavedSearchForm", "SavedSearch"]
