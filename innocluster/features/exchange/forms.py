from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from .choices import VAT_RATES


def roubles(amount) -> str:
    """An amount as the reader's language writes it (2 400,00 in Russian)."""
    return number_format(amount, 2, force_grouping=True)


def plain(number) -> str:
    """A Decimal without trailing zeros and never in exponent form (100, not 1E+2)."""
    return format(number.normalize(), "f")


class OfferForm(forms.Form):
    """A supplier's offer: a price per item of the order (its fields `price_<item id>`), one
    VAT rate, the lead time and a comment."""

    organization = forms.ModelChoiceField(label=_("Supplier"), queryset=None)
    vat_rate = forms.TypedChoiceField(
        label=_("VAT rate, %"), choices=[(str(r), str(r)) for r in VAT_RATES], coerce=str,
        initial="20",
    )  # fmt: skip
    lead_time_days = forms.IntegerField(label=_("Lead time, days"), min_value=1, max_value=3650)
    comment = forms.CharField(
        label=_("Comment"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, order, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.order = order
        self.fields["organization"].queryset = organizations
        self.fields["organization"].empty_label = None
        for item in order.items.all():
            self.fields[f"price_{item.pk}"] = forms.DecimalField(
                label=_("%(item)s, %(quantity)s %(unit)s: price without VAT, ₽")
                % {"item": item.name, "quantity": plain(item.quantity), "unit": item.unit},
                max_digits=14, decimal_places=2,
            )  # fmt: skip

    def service_values(self) -> dict:
        data = self.cleaned_data
        lines = [
            {"item": item.pk, "price": data[f"price_{item.pk}"], "vat_rate": data["vat_rate"]}
            for item in self.order.items.all()
        ]
        return {
            "organization": data["organization"], "lead_time_days": data["lead_time_days"],
            "comment": data["comment"], "lines": lines,
        }  # fmt: skip


class AwardForm(forms.Form):
    offer = forms.TypedChoiceField(label=_("Offer"), coerce=int, choices=())
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].choices = [
            (row.offer.pk, f"{row.offer.organization.short_name}: {roubles(row.total_with_vat)} ₽")
            for row in rows
        ]
