"""Forms of the pilot testing pages: they clean input; the services keep the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from innocluster.core.forms import ServiceModelForm
from innocluster.core.maps import degrees_form_field

from . import selectors
from .models import PilotSite
from .services import SITE_FIELDS


def _textarea(rows: int = 4):
    return forms.Textarea(attrs={"rows": rows})


class PersonChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.email


class SiteForm(ServiceModelForm):
    saved_message = _("The site is saved.")
    latitude = degrees_form_field(
        _("Latitude"), 90, _("Decimal degrees, north positive: 55.755800 for the Kremlin.")
    )
    longitude = degrees_form_field(
        _("Longitude"), 180, _("Decimal degrees, east positive: 37.617300 for the Kremlin.")
    )
    people = PersonChoice(
        queryset=None,
        label=_("Responsible people"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Members of the organization who answer for the site and agree to pilots."),
    )

    class Meta:
        model = PilotSite
        fields = list(SITE_FIELDS)
        widgets = {
            "description": _textarea(5),
            "testable": _textarea(4),
            "access": _textarea(3),
            "certificates_required": _textarea(3),
        }
        help_texts = {
            "testable": _("Products and services that can be tried here, and with whom."),
            "hours": _("When testing may take place, e.g. «weekdays 9:00–18:00»."),
            "capacity": _("How many pilots may run here at once."),
            "is_published": _("Unpublished sites are seen by their organization only."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        site = self.instance
        if site.pk:
            self.fields["people"].queryset = selectors.site_people_choices(
                organization=site.organization
            )
            self.initial["people"] = [person.pk for person in site.people.all()]


class SiteCreateForm(SiteForm):
    saved_message = _("The site is published.")
    organization = forms.ModelChoiceField(
        queryset=None,
        label=_("Organization"),
        help_text=_(
            "A city organization, technology park or large corporation where you are an owner "
            "or editor."
        ),
    )
    field_order = ["organization"]

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        # The people are chosen from the organization's members once the site exists; until
        # then the one who publishes it answers for it.
        del self.fields["people"]
