import re
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from innocluster.core.forms import AmountField, MultipleFileField, ServiceModelForm
from innocluster.platform.organizations.models import Organization

from . import selectors as sel
from .choices import MAX_INVITED, MAX_ITEMS, MAX_OFFER_DOCUMENTS, VAT_RATES, CategoryKind
from .models import Category, Order, Unit
from .services.orders import ORDER_FIELDS


def roubles(amount) -> str:
    """An amount as the reader's language writes it (2 400,00 in Russian)."""
    return number_format(amount, 2, force_grouping=True)


def plain(number) -> str:
    """A Decimal without trailing zeros and never in exponent form (100, not 1E+2)."""
    return format(number.normalize(), "f")


def shown(number) -> str:
    """The same for people, in the page's language: «12,5» on a Russian page."""
    return number_format(Decimal(plain(number)), use_l10n=True)


class OfferForm(forms.Form):
    """A supplier's offer: a price and a VAT rate per item of the order (its fields
    `price_<item id>` and `vat_<item id>`), the lead time, a comment, documents to add and,
    of those it has (`documents`: the current offer's), the ones to remove."""

    organization = forms.ModelChoiceField(label=_("Supplier"), queryset=None)
    lead_time_days = forms.IntegerField(label=_("Lead time, days"), min_value=1, max_value=3650)
    comment = forms.CharField(
        label=_("Comment"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    documents = MultipleFileField(
        label=_("Documents"), required=False, max_files=MAX_OFFER_DOCUMENTS,
    )  # fmt: skip
    remove_documents = forms.TypedMultipleChoiceField(
        label=_("Remove documents"), required=False, coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def __init__(self, *args, order, organizations, documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.order = order
        self.fields["organization"].queryset = organizations
        self.fields["organization"].empty_label = None
        self.fields["documents"].help_text = _(
            "PDF or pictures (PNG, JPEG, WebP, GIF), up to %(size)s each, at most %(max)d: "
            "sealed with the offer."
        ) % {"size": filesizeformat(settings.DOCUMENT_MAX_BYTES), "max": MAX_OFFER_DOCUMENTS}
        self.fields["remove_documents"].choices = [(d.pk, d.name) for d in documents]
        if not documents:
            del self.fields["remove_documents"]
        for item in order.items.all():
            self.fields[f"price_{item.pk}"] = AmountField(
                label=_("%(item)s, %(quantity)s %(unit)s: price without VAT, ₽")
                % {"item": item.name, "quantity": shown(item.quantity), "unit": item.unit},
                max_digits=14, decimal_places=2,
            )  # fmt: skip
            self.fields[f"vat_{item.pk}"] = forms.TypedChoiceField(
                label=_("%(item)s: VAT rate, %%") % {"item": item.name},
                choices=[(plain(r), f"{plain(r)} %") for r in VAT_RATES], coerce=str,
                initial="20",
            )  # fmt: skip

    def item_rows(self) -> list:
        """(item, its price field, its VAT field) for the template's table."""
        return [(it, self[f"price_{it.pk}"], self[f"vat_{it.pk}"]) for it in self.order.items.all()]

    def service_values(self) -> dict:
        data = self.cleaned_data
        lines = [
            {"item": it.pk, "price": data[f"price_{it.pk}"], "vat_rate": data[f"vat_{it.pk}"]}
            for it in self.order.items.all()
        ]
        return {
            "organization": data["organization"], "lead_time_days": data["lead_time_days"],
            "comment": data["comment"], "lines": lines, "documents": data["documents"],
            "remove_documents": data.get("remove_documents", []),
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


def _datetime_input():
    # type=datetime-local sends and shows ISO times whatever the page's language; the
    # server's time zone (Europe/Moscow) reads them, so the times are Moscow's.
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


INN_SEPARATORS = re.compile(r"[\s,;]+")


class OrderForm(ServiceModelForm):
    """An order's own fields; its items are ItemFormSet, saved by the same service call."""

    saved_message = _("The order is saved. Publish it when it is ready.")
    invited = forms.CharField(
        label=_("Invited suppliers"),
        required=False,
        max_length=MAX_INVITED * 13,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "For an order to invited suppliers only: their INNs, separated by spaces or commas."
        ),
    )

    class Meta:
        model = Order
        fields = [f for f in ORDER_FIELDS]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "delivery_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "questions_until": _datetime_input(),
            "offers_until": _datetime_input(),
        }
        help_texts = {
            "questions_until": _("Moscow time. Suppliers ask questions until then."),
            "offers_until": _(
                "Moscow time. Offers are sealed until then and opened together at this moment."
            ),
            "budget": _("Optional. Hidden from suppliers unless you show it."),
            "weight_price": _("For weighted criteria: price, lead time and rating sum to 100."),
        }
        field_classes = {"budget": AmountField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            inns = self.instance.invited.values_list("inn", flat=True)
            self.initial["invited"] = " ".join(inns)

    def clean_invited(self):
        text = self.cleaned_data.get("invited") or ""
        inns = [inn for inn in INN_SEPARATORS.split(text) if inn]
        if len(inns) > MAX_INVITED:
            raise ValidationError(
                _("At most %(max)d invited suppliers.") % {"max": MAX_INVITED}, code="max_length"
            )
        found = {o.inn: o for o in Organization.objects.filter(inn__in=inns)}
        unknown = [inn for inn in inns if inn not in found]
        if unknown:
            raise ValidationError(
                _("No organization on the platform has the INN %(inns)s.")
                % {"inns": ", ".join(unknown[:5])},
                code="unknown_inn",
            )
        return [found[inn] for inn in dict.fromkeys(inns)]


class OrderCreateForm(OrderForm):
    saved_message = _("The draft order is saved. Attach the drawings and publish it.")
    organization = forms.ModelChoiceField(
        queryset=None,
        label=_("Buyer"),
        help_text=_("The organization that orders: one where you are an owner or editor."),
    )
    field_order = ["organization"]

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["organization"].empty_label = None


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} ({obj.code})"


class ItemForm(forms.Form):
    """One item of the order; a row left empty is no item."""

    name = forms.CharField(label=_("Item"), max_length=200)
    category = forms.ModelChoiceField(label=_("Process or material"), queryset=None)
    quantity = AmountField(label=_("Quantity"), max_digits=14, decimal_places=3, min_value=0)
    unit = UnitChoice(label=_("Unit (OKEI)"), queryset=None)
    material = forms.CharField(label=_("Material"), max_length=200, required=False)
    tolerances = forms.CharField(label=_("Tolerances"), max_length=200, required=False)

    def has_changed(self):
        """A row with anything typed in it is an item, though it shows an item as it was; a
        row emptied is none (the formset leaves it out: an item is removed so)."""
        if not self.is_bound:
            return super().has_changed()
        return any(str(self.data.get(self.add_prefix(name), "")).strip() for name in self.fields)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.all()
        self.fields["unit"].queryset = Unit.objects.all()
        self.fields["unit"].help_text = _("One its category is measured in.")


class BaseItemFormSet(forms.BaseFormSet):
    """Every row is optional, the order's own items too (they are rows filled in): empty it
    to remove an item."""

    def initial_form_count(self):
        return 0

    def clean(self):
        if any(self.errors):
            return
        if not self.rows():
            raise ValidationError(_("Give at least one item."), code="exchange_no_items")

    def rows(self) -> list[dict]:
        return [form.cleaned_data for form in self.forms if form.cleaned_data]

    def arguments(self) -> dict:
        """The order services' `items`, in the order typed."""
        return {"items": self.rows()}


def item_formset(data, order) -> BaseItemFormSet:
    """The items of `order` (None: a new one) and three empty rows, MAX_ITEMS in all."""
    initial = []
    if order is not None:
        fields = ["name", "category", "quantity", "unit", "material", "tolerances"]
        initial = [{f: getattr(it, f) for f in fields} for it in order.items.all()]
    formset_class = forms.formset_factory(
        ItemForm, formset=BaseItemFormSet, extra=min(len(initial) + 3, MAX_ITEMS),
        max_num=MAX_ITEMS, absolute_max=MAX_ITEMS, validate_max=True,
    )  # fmt: skip
    return formset_class(data, initial=initial, prefix="items")


def order_companions(data, order) -> dict:
    """The order page's items, saved with the order by the same service call (FormPage)."""
    return {"items": item_formset(data, order)}


class FileForm(forms.Form):
    saved_message = _("The file is attached.")
    upload = forms.FileField(
        label=_("Drawing or specification"),
        help_text=_("PDF (checked by its content) or another file, up to 20 MB."),
    )
    confidential = forms.BooleanField(
        label=_("Confidential: only for suppliers that accepted the non-disclosure terms"),
        required=False,
    )


class NdaForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Supplier"), queryset=None)
    accept = forms.BooleanField(
        label=_(
            "We keep the order's confidential drawings and specifications secret, use them only "
            "to prepare our offer, and pass them to no one."
        )
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["organization"].empty_label = None


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The buyer's answer is shown to every supplier, without your name."),
    )  # fmt: skip


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class InterestForm(forms.Form):
    saved_message = _("Saved: you will hear of orders of these kinds.")
    processes = forms.ModelMultipleChoiceField(
        label=_("Production processes"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    materials = forms.ModelMultipleChoiceField(
        label=_("Materials"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        categories = sel.categories()
        self.fields["processes"].queryset = categories.filter(kind=CategoryKind.PROCESS)
        self.fields["materials"].queryset = categories.filter(kind=CategoryKind.MATERIAL)

    def categories(self) -> list:
        return [*self.cleaned_data["processes"], *self.cleaned_data["materials"]]
