"""Forms of the pilot testing pages: they clean input; the services keep the rules."""

from django import forms
from django.utils.formats import localize
from django.utils.translation import gettext_lazy as _

from innocluster.core.forms import ServiceModelForm
from innocluster.core.maps import degrees_form_field

from . import selectors
from .choices import KpiUnit, ProposalDocumentType
from .models import PilotProposal, PilotSite, TestPlan
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


# --- the pilot proposal (a review kind's form) ---------------------------------------------

KPI_ROWS = 5


def add_kpi_fields(form, kpis) -> None:
    """KPI_ROWS rows of name, unit and target, filled from the stored `kpis`."""
    kpis = list(kpis)
    for row in range(KPI_ROWS):
        kpi = kpis[row] if row < len(kpis) else {}
        number = row + 1
        form.fields[f"kpi_{row}_name"] = forms.CharField(
            label=_("KPI %(n)d") % {"n": number}, max_length=200, required=False,
            initial=kpi.get("name", ""),
        )  # fmt: skip
        form.fields[f"kpi_{row}_unit"] = forms.ChoiceField(
            label=_("Unit of KPI %(n)d") % {"n": number}, required=False,
            choices=[("", "—"), *KpiUnit.choices], initial=kpi.get("unit", ""),
        )  # fmt: skip
        form.fields[f"kpi_{row}_target"] = forms.DecimalField(
            label=_("Target of KPI %(n)d") % {"n": number}, required=False,
            max_digits=14, decimal_places=4, initial=kpi.get("target"),
        )  # fmt: skip


def kpis_from(form, cleaned: dict) -> list[dict]:
    """The filled KPI rows as stored KPIs (taken out of `cleaned`); a half-filled row is an
    error on the form."""
    kpis = []
    for row in range(KPI_ROWS):
        name = cleaned.pop(f"kpi_{row}_name", "") or ""
        unit = cleaned.pop(f"kpi_{row}_unit", "") or ""
        target = cleaned.pop(f"kpi_{row}_target", None)
        if not (name or unit or target is not None):
            continue
        if not (name and unit and target is not None):
            form.add_error(f"kpi_{row}_name", _("Give the KPI's name, unit and target."))
            continue
        kpis.append({"name": name, "unit": unit, "target": format(target.normalize(), "f")})
    return kpis


class ProposalForm(ServiceModelForm):
    """The proposal's fields; the sites chosen from the published ones and the KPIs typed in
    rows (name, unit, target), given to the kit as its `sites` and `kpis` values."""

    chosen_sites = forms.ModelMultipleChoiceField(
        queryset=PilotSite.objects.none(),
        label=_("Sites"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("One or more sites of the catalogue; or tick «the fund picks the site»."),
    )

    class Meta:
        model = PilotProposal
        fields = [
            "solution",
            "description",
            "trl",
            "trl_reason",
            "what_to_test",
            "fund_picks_site",
            "duration_weeks",
            "site_needs",
            "contact_name",
            "contact_position",
            "contact_phone",
            "contact_email",
        ]
        widgets = {
            "description": _textarea(4),
            "trl_reason": _textarea(3),
            "what_to_test": _textarea(4),
            "site_needs": _textarea(3),
        }
        help_texts = {
            "trl": _("From the product's profile: 5 or more for a pilot; below, say why."),
            "site_needs": _("Space, power, network, staff time, access for your people…"),
        }

    def __init__(self, data=None, *, instance, **kwargs):
        super().__init__(data, instance=instance, **kwargs)
        self.fields["chosen_sites"].queryset = (
            selectors.site_list_public().select_related(None).only("id", "name")
        )
        self.initial["chosen_sites"] = list(instance.sites)
        add_kpi_fields(self, instance.kpis)

    def clean(self):
        cleaned = super().clean()
        kpis = kpis_from(self, cleaned)
        cleaned["kpis"] = kpis
        cleaned["sites"] = [site.pk for site in cleaned.pop("chosen_sites", [])]
        return cleaned


class ProposalDocumentForm(forms.Form):
    doc_type = forms.ChoiceField(label=_("Document type"), choices=ProposalDocumentType.choices)
    file = forms.FileField(
        label=_("PDF file"),
        help_text=_("A PDF of at most 10 MB: a certificate, the insurance policy."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


class TestPlanForm(ServiceModelForm):
    """The test plan's fields and its KPI rows (the kit's `kpis`)."""

    class Meta:
        model = TestPlan
        fields = ["starts_on", "ends_on", "site_provides", "results_ownership", "confidential"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "site_provides": _textarea(3),
            "results_ownership": _textarea(3),
            "confidential": _textarea(2),
        }

    def __init__(self, data=None, *, instance, **kwargs):
        super().__init__(data, instance=instance, **kwargs)
        add_kpi_fields(self, instance.kpis)

    def clean(self):
        cleaned = super().clean()
        cleaned["kpis"] = kpis_from(self, cleaned)
        return cleaned


# --- the site's report and the company's answer ----------------------------------------------

YES_NO_CHOICES = [("yes", _("yes")), ("no", _("no"))]


class ReportForm(forms.Form):
    """The site's report: a measured value for each agreed KPI (in its unit, shown beside
    it), the users' opinion, recommendations, whether the site would buy, confidential remarks.
    The service checks each value against its unit's range."""

    users_opinion = forms.CharField(
        label=_("Users' opinion"), max_length=5_000, widget=_textarea(4)
    )
    recommendations = forms.CharField(
        label=_("Recommendations"), required=False, max_length=5_000, widget=_textarea(3)
    )
    would_buy = forms.ChoiceField(
        label=_("Would the site buy the product?"), choices=YES_NO_CHOICES,
        widget=forms.RadioSelect,
    )  # fmt: skip
    confidential = forms.CharField(
        label=_("Confidential remarks"), required=False, max_length=5_000, widget=_textarea(2),
        help_text=_("Seen by the company, the site and the fund only; never published."),
    )  # fmt: skip

    def __init__(self, *args, kpis, **kwargs):
        super().__init__(*args, **kwargs)
        self.kpis = kpis
        measured = {}
        for number, kpi in enumerate(kpis, start=1):
            names = {"name": kpi["name"], "unit": kpi["unit_label"]}
            measured[f"kpi_{number}"] = forms.DecimalField(
                label=_("%(name)s, %(unit)s (target %(target)s)")
                % {**names, "target": localize(kpi["target"])},
                max_digits=16, decimal_places=4, localize=True,
            )  # fmt: skip
        self.fields = {**measured, **self.fields}

    def clean(self):
        cleaned = super().clean()
        cleaned["measured"] = [
            {"unit": kpi["unit"], "value": cleaned.pop(f"kpi_{number}", None)}
            for number, kpi in enumerate(self.kpis, start=1)
        ]
        cleaned["would_buy"] = cleaned.get("would_buy") == "yes"
        return cleaned


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("The company's answer"), max_length=5_000, widget=_textarea(3))
