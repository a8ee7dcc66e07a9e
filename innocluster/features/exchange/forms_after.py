"""The page forms of what follows the award. Field checks only: what makes a contract, a
delivery or a rating right is the service's, which puts its refusals on these fields."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def _date(label):
    return forms.DateField(
        label=label, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class ContractForm(forms.Form):
    number = forms.CharField(label=_("Contract number"), max_length=100, required=False)
    amount = forms.DecimalField(  # a decimal comma in Russian, a point in English
        label=_("Amount with VAT, ₽"),
        max_digits=16,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    signed_on = _date(_("Signed on"))
    starts_on = _date(_("Performed from"))
    ends_on = _date(_("Performed until"))


class DeliveryForm(forms.Form):
    delivered_on = _date(_("Delivered on"))


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=pgettext_lazy("exchange rating", "Score"), coerce=int, widget=forms.RadioSelect,
        choices=[(n, str(n)) for n in range(5, 0, -1)],
    )  # fmt: skip
    comment = forms.CharField(
        label=_("Comment"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
