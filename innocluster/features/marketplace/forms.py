from django import forms
from django.utils.translation import gettext_lazy as _

from innocluster.core.forms import ServiceModelForm
from innocluster.core.regions import region_choices

from .choices import TEXT_MAX_LENGTH
from .models import Certificate, Listing, Photo


class ListingForm(ServiceModelForm):
    saved_message = _("The product is saved on the marketplace.")

    # The service checks the price (a negative one is refused with its own code): the form
    # only reads a number, in the page's language (a decimal comma in Russian).
    price = forms.DecimalField(
        label=_("Price, ₽"),
        required=False,
        max_digits=16,
        decimal_places=2,
        localize=True,
        help_text=_("Leave it empty for “price on request”."),
    )
    regions = forms.MultipleChoiceField(
        label=_("Delivered to the regions"),
        choices=region_choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Not needed when the product is delivered all over Russia."),
    )

    class Meta:
        model = Listing
        fields = [
            "price", "price_unit", "vat_included", "terms", "delivers_everywhere", "regions",
            "is_published",
        ]  # fmt: skip
        widgets = {"terms": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, instance=None, **kwargs):
        super().__init__(*args, instance=instance, **kwargs)
        if instance is not None and instance.pk:
            self.initial["regions"] = list(instance.regions.values_list("region", flat=True))


class PhotoForm(ServiceModelForm):
    saved_message = _("The photo is added.")

    class Meta:
        model = Photo
        fields = ["image", "caption"]


class CertificateForm(ServiceModelForm):
    saved_message = _("The certificate is added.")

    class Meta:
        model = Certificate
        fields = ["title", "number", "issued_by", "issued_on", "valid_until", "file"]
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {"file": _("Document (PDF)")}


class InquiryForm(forms.Form):
    buyer = forms.ModelChoiceField(label=_("On behalf of"), queryset=None, empty_label=None)
    quantity = forms.CharField(label=_("Quantity"), max_length=100, required=False)
    text = forms.CharField(
        label=_("Your question"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buyer"].queryset = organizations


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Message"), max_length=TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )


class OrderForm(forms.Form):
    """The one step from an inquiry to a production order to the vendor alone: what the
    exchange needs of its one item and its delivery."""

    category = forms.ModelChoiceField(label=_("Process or material"), queryset=None)
    quantity = forms.DecimalField(
        label=_("Quantity"), max_digits=14, decimal_places=3, localize=True
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None)
    delivery_place = forms.CharField(label=_("Delivery place"), max_length=300)
    delivery_date = forms.DateField(
        label=_("Delivery date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    offers_until = forms.DateTimeField(
        label=_("Offer accepted until (Moscow time)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("A week from now if left empty."),
    )

    def __init__(self, *args, categories, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        self.fields["unit"].queryset = units
