"""Forms of the job board's pages: they clean input; the services keep the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from innocluster.core.forms import ServiceModelForm
from innocluster.core.maps import degrees_form_field

from . import selectors
from .models import Vacancy
from .services import VACANCY_FIELDS


def _textarea(rows: int = 4):
    return forms.Textarea(attrs={"rows": rows})


class TermChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class StationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.line.name})"


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.email


class VacancyForm(ServiceModelForm):
    saved_message = _("The vacancy is saved.")
    role = TermChoice(queryset=None, label=_("Professional role"))
    industry = TermChoice(queryset=None, label=_("Industry"))
    metro = StationChoice(
        queryset=None,
        label=_("Metro station"),
        required=False,
        help_text=_("Left blank, the station nearest to the map point."),
    )
    mentor = PersonChoice(queryset=None, label=_("Mentor"), required=False)
    latitude = degrees_form_field(
        _("Latitude"), 90, _("Decimal degrees, north positive: 55.755800 for the Kremlin.")
    )
    longitude = degrees_form_field(
        _("Longitude"), 180, _("Decimal degrees, east positive: 37.617300 for the Kremlin.")
    )

    class Meta:
        model = Vacancy
        fields = list(VACANCY_FIELDS)
        widgets = {
            "description": _textarea(6),
            "duties": _textarea(4),
            "requirements": _textarea(4),
            "start_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = selectors.role_choices()
        self.fields["industry"].queryset = selectors.industry_choices()
        self.fields["metro"].queryset = selectors.station_choices()
        vacancy = self.instance
        if vacancy.pk:
            self.fields["mentor"].queryset = selectors.mentor_choices(
                organization=vacancy.organization
            )
        else:
            del self.fields["mentor"]


class VacancyCreateForm(VacancyForm):
    saved_message = _("The vacancy is posted.")
    organization = forms.ModelChoiceField(
        queryset=None,
        label=_("Employer"),
        help_text=_(
            "A participant or partner of the cluster where you are an owner or editor. A "
            "participant's vacancy is published at once, a partner's after moderation."
        ),
    )
    field_order = ["organization"]

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class HideForm(forms.Form):
    saved_message = _("The vacancy is hidden.")
    reason = forms.CharField(
        label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


PDF_INPUT = forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"})


class ApplyForm(forms.Form):
    saved_message = _("Your application is sent.")
    cv = forms.FileField(
        label=_("CV (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf"}),
    )
    use_profile_cv = forms.BooleanField(label=_("Apply with the CV in my profile"), required=False)
    letter = forms.CharField(
        label=_("Cover letter"), required=False, max_length=5000, widget=_textarea(5)
    )
    university_letter = forms.FileField(label=_("Letter from the university (PDF)"), required=False)
    consent = forms.BooleanField(
        label=_(
            "I agree to the processing of my personal data (Federal Law 152-FZ) by the employer "
            "and the platform's operator to consider this application."
        ),
        required=False,
    )

    def __init__(self, *args, vacancy=None, profile_cv=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not profile_cv:
            del self.fields["use_profile_cv"]
        if not (vacancy and vacancy.is_internship and vacancy.university_letter_required):
            del self.fields["university_letter"]


class MoveForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        max_length=2000,
        widget=_textarea(2),
    )


class CvForm(forms.Form):
    saved_message = _("Your CV is saved.")
    cv = forms.FileField(
        label=_("CV (PDF)"), widget=forms.ClearableFileInput(attrs={"accept": ".pdf"})
    )
