from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from innocluster.core.forms import ServiceModelForm

from .choices import ITEM_ORIGINS, CostCategory
from .models import GrantApplication

PDF_WIDGET = forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"})
MONEY_FIELD = {"max_digits": 14, "decimal_places": 2}


class ApplicationForm(ServiceModelForm):
    class Meta:
        model = GrantApplication
        fields = ["purpose", "contact_name", "contact_phone", "contact_email"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 4})}


class CostItemForm(forms.Form):
    description = forms.CharField(label=_("Description"), max_length=300)
    category = forms.ChoiceField(label=_("Cost category"))
    origin = forms.ChoiceField(label=_("Origin"), choices=ITEM_ORIGINS)
    amount = forms.DecimalField(
        label=_("Amount with VAT, RUB"), min_value=Decimal("0.01"), **MONEY_FIELD
    )
    document = forms.FileField(
        label=_("Supporting document (PDF)"),
        help_text=_("An invoice, a contract or a payment order: a PDF of at most 10 MB."),
        widget=PDF_WIDGET,
    )

    def __init__(self, *args, measure, **kwargs):
        super().__init__(*args, **kwargs)
        covered = sorted({rule.category for rule in measure.cost_rules.all()})
        self.fields["category"].choices = [(c, CostCategory(c).label) for c in covered]


class DocumentForm(forms.Form):
    requirement = forms.ModelChoiceField(label=_("Document"), queryset=None)
    file = forms.FileField(
        label=_("PDF file"), help_text=_("A PDF of at most 10 MB."), widget=PDF_WIDGET
    )

    def __init__(self, *args, measure, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requirement"].queryset = measure.required_documents.all()


class ScoreForm(forms.Form):
    criterion = forms.IntegerField(widget=forms.HiddenInput)
    score = forms.IntegerField(label=_("Score, 0–10"), min_value=0, max_value=10)
    comment = forms.CharField(label=_("Comment"), max_length=1000, required=False)


class CutForm(forms.Form):
    accepted_amount = forms.DecimalField(label=_("Accepted, RUB"), min_value=0, **MONEY_FIELD)
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)
