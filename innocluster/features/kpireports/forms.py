"""The report's form (one field per indicator of its campaign, the comment and the contact
person) and the fund's forms: open a campaign."""

from django import forms
from django.utils.translation import gettext_lazy as _

from innocluster.platform.reviews.kinds import CONTACT_FIELDS

from .choices import Validation
from .models import KpiReport

PREFIX = "figure_"


class ReportForm(forms.ModelForm):
    """The kit's form of a report: `cleaned_data` holds `figures` as {code: text} for the
    model's clean to check (figures.py), so the page and the API refuse alike."""

    class Meta:
        model = KpiReport
        fields = ["comment", *CONTACT_FIELDS]
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, data=None, *args, instance=None, **kwargs):
        super().__init__(data, *args, instance=instance, **kwargs)
        self.indicators = instance.campaign.indicators() if instance is not None else []
        figures = instance.figures if instance is not None else {}
        for indicator in self.indicators:
            value = figures.get(indicator.code)
            countries = indicator.validation == Validation.COUNTRIES
            if isinstance(value, list):
                value = ", ".join(value)
            elif value is not None and not countries:
                value = value.replace(".", ",")  # the Russian decimal comma on the page
            self.fields[PREFIX + indicator.code] = forms.CharField(
                label=f"{indicator.name}, {indicator.get_unit_display()}",
                help_text=_("ISO 3166 codes, comma separated: KZ, BY, CN") if countries else "",
                required=False,
                max_length=1_000,
                initial=value,
                widget=forms.TextInput(attrs={"inputmode": "text" if countries else "decimal"}),
            )
        # The figures first, then the comment and the contact person.
        order = [PREFIX + i.code for i in self.indicators] + ["comment", *CONTACT_FIELDS]
        self.order_fields(order)

    def _post_clean(self):
        """Only the fields: the service checks the figures with the model (its clean)."""

    def clean(self):
        data = super().clean()
        data["figures"] = {
            name[len(PREFIX) :]: data.pop(name)
            for name in list(data)
            if name.startswith(PREFIX) and data.get(name)
        }
        for name in list(data):
            if name.startswith(PREFIX):
                data.pop(name)
        return data


class ReportDocumentForm(forms.Form):
    file = forms.FileField(label=_("Document (PDF)"))


class CampaignForm(forms.Form):
    year = forms.IntegerField(label=_("Year reported"), min_value=2019, max_value=2100)
    deadline = forms.DateField(
        label=_("Deadline (Moscow time, the day included)"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
