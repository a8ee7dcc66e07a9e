"""Forms of the challenge pages. Criteria are typed one a line ("Name; weight") and
evaluators by e-mail, one a line: both checked here for their shape, by the services for
their meaning (weights summing to 100, people who may evaluate)."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from innocluster.core.calendar import end_of_day
from innocluster.platform.organizations.models import Organization

from .choices import DECIDED_CHOICES, MAX_SCORE, PrizeKind
from .models import Entry

DATE = forms.DateInput(attrs={"type": "date"})


class ChallengeForm(forms.Form):
    organization = forms.ModelChoiceField(Organization.objects.none(), label=_("Posted by"))
    title = forms.CharField(label=_("Title"), max_length=200)
    problem = forms.CharField(label=_("The problem"), max_length=5000, widget=forms.Textarea)
    expected_result = forms.CharField(
        label=_("Expected result"), max_length=3000, widget=forms.Textarea
    )
    constraints = forms.CharField(
        label=_("Constraints"), max_length=3000, widget=forms.Textarea, required=False
    )
    prize_kind = forms.ChoiceField(label=_("Prize"), choices=PrizeKind.choices)
    prize_amount = forms.DecimalField(
        label=_("Prize amount, RUB"), min_value=0, max_digits=14, decimal_places=2
    )
    submissions_until = forms.DateField(label=_("Entries accepted until (inclusive)"), widget=DATE)
    evaluation_until = forms.DateField(label=_("Evaluation until"), widget=DATE)
    results_by = forms.DateField(label=_("Results by"), widget=DATE)
    entries_public = forms.BooleanField(label=_("Entries public after the results"), required=False)
    criteria = forms.CharField(
        label=_("Criteria"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One a line: the criterion; its weight. The weights sum to 100."),
    )
    evaluators = forms.CharField(
        label=_("Evaluators"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E-mails, one a line: people of your organization or fund experts."),
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations

    def clean_criteria(self):
        criteria = []
        for line in self.cleaned_data["criteria"].splitlines():
            if not line.strip():
                continue
            name, _sep, weight = line.rpartition(";")
            try:
                criteria.append((name.strip(), int(weight)))
            except ValueError:
                raise forms.ValidationError(
                    _("Write each line as: the criterion; its weight."), code="invalid"
                ) from None
        return criteria

    def clean_evaluators(self):
        emails = {e.strip().lower() for e in self.cleaned_data["evaluators"].split() if e.strip()}
        users = list(get_user_model().objects.filter(email__in=emails))
        unknown = emails - {u.email.lower() for u in users}
        if unknown:
            raise forms.ValidationError(
                _("Nobody on the platform has the e-mail %(emails)s.")
                % {"emails": ", ".join(sorted(unknown))},
                code="invalid",
            )
        return users

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data["submissions_until"] = end_of_day(data["submissions_until"])
        return data


class EntryForm(forms.ModelForm):
    class Meta:
        model = Entry
        fields = ["title", "solution", "pilot_plan"]


class NewEntryForm(EntryForm):
    organization = forms.ModelChoiceField(
        Organization.objects.none(), label=_("Leading organization")
    )
    partners = forms.CharField(
        label=_("Co-applicants"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("INNs of other participant organizations, one a line; each confirms."),
    )

    class Meta(EntryForm.Meta):
        fields = ["organization", "title", "solution", "pilot_plan", "partners"]

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations

    def clean_partners(self):
        inns = {i.strip() for i in self.cleaned_data["partners"].split() if i.strip()}
        found = list(Organization.objects.filter(inn__in=inns))
        unknown = inns - {o.inn for o in found}
        if unknown:
            raise forms.ValidationError(
                _("No organization on the platform has the INN %(inns)s.")
                % {"inns": ", ".join(sorted(unknown))},
                code="invalid",
            )
        return found


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("Document (PDF)"))


class ScoreForm(forms.Form):
    criterion = forms.IntegerField(widget=forms.HiddenInput)
    score = forms.IntegerField(label=_("Score, 0–10"), min_value=0, max_value=MAX_SCORE)
    comment = forms.CharField(label=_("Comment"), max_length=2000, required=False)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=DECIDED_CHOICES)
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AssignForm(forms.Form):
    evaluator = forms.ChoiceField(label=_("Evaluator"))

    def __init__(self, *args, evaluators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluator"].choices = [(e.pk, str(e.user)) for e in evaluators]
