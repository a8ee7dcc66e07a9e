from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from innocluster.platform.organizations.models import Product

from .models import REASON_MAX_LENGTH, SUBJECT_MAX_LENGTH


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        return value.isoformat() if hasattr(value, "isoformat") else value


class LinkForm(forms.Form):
    """Field checks only; what makes a link right (not to itself, a product of the supplier,
    no duplicate) is the service's, which puts its refusals on these fields."""

    supplier = forms.ModelChoiceField(
        queryset=None,
        label=_("Supplier"),
        empty_label=None,
        help_text=_("Your organization that supplies: you are its owner or editor."),
    )
    find = forms.CharField(
        label=_("Find the customer"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        help_text=_("A part of its name or the first digits of its INN, then “Find”."),
    )
    customer = forms.IntegerField(
        label=_("Customer"), required=False, min_value=1, widget=forms.RadioSelect
    )
    product = forms.ModelChoiceField(
        queryset=None,
        label=_("One of your products or services"),
        required=False,
        empty_label=_("— not in the list: described below —"),
    )
    subject = forms.CharField(
        label=_("Or what you supply, in a few words"),
        required=False,
        max_length=SUBJECT_MAX_LENGTH,
    )
    starts_on = forms.DateField(label=pgettext_lazy("supply period", "Since"), widget=DateInput)
    ends_on = forms.DateField(
        label=pgettext_lazy("supply period", "Until"),
        required=False,
        widget=DateInput,
        help_text=_("Leave empty while the supply goes on."),
    )

    def __init__(self, *args, organizations, found=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supplier"].queryset = organizations
        products = Product.objects.filter(organization__in=organizations).select_related(
            "organization"
        )
        self.fields["product"].queryset = products
        several = len(organizations) > 1
        self.fields["product"].label_from_instance = (
            (lambda p: f"{p.organization.short_name}: {p.name}") if several else (lambda p: p.name)
        )
        self.fields["customer"].widget.choices = [
            (o.pk, f"{o.short_name} ({o.inn})") for o in found
        ]


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (told to the supplier)"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EndForm(forms.Form):
    ends_on = forms.DateField(
        label=_("Ended on"), required=False, widget=DateInput, help_text=_("Today if empty.")
    )
