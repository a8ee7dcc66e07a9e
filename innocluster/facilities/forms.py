"""Forms of the facilities pages: they clean input; the services keep the rules."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from .rules import MAX_REPEAT_WEEKS
from .timeutil import at_moscow


class BookingForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(
        label=_("From (Moscow time)"), widget=forms.TimeInput(attrs={"type": "time", "step": 900})
    )
    end = forms.TimeField(
        label=_("Until"), widget=forms.TimeInput(attrs={"type": "time", "step": 900})
    )
    purpose = forms.CharField(label=_("Purpose"), required=False, max_length=300)
    repeat_weeks = forms.IntegerField(
        label=_("Weeks in a row"),
        min_value=1,
        max_value=MAX_REPEAT_WEEKS,
        initial=1,
        help_text=_("Book the same time every week, up to %(max)s weeks.")
        % {"max": MAX_REPEAT_WEEKS},
    )

    def slot(self) -> tuple[dt.datetime, dt.datetime]:
        """The slot as aware moments; an end of 00:00 is midnight at the end of the day."""
        day, start, end = (self.cleaned_data[k] for k in ("day", "start", "end"))
        end_day = day + dt.timedelta(days=1) if end == dt.time() else day
        return at_moscow(day, start), at_moscow(end_day, end)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note for the person"), required=False, max_length=500)


class CapacityRequestForm(forms.Form):
    message = forms.CharField(
        label=_("What you need"), max_length=5_000, widget=forms.Textarea(attrs={"rows": 4})
    )
    needed_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    needed_until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class AnswerForm(forms.Form):
    response = forms.CharField(label=_("Answer"), required=False, max_length=5_000)


class EnrolmentForm(forms.Form):
    child_name = forms.CharField(label=_("Child's full name"), max_length=200)
    child_birth_date = forms.DateField(
        label=_("Child's date of birth"), widget=forms.DateInput(attrs={"type": "date"})
    )
    guardian_consent = forms.BooleanField(
        label=_(
            "I am the child's parent or guardian and agree to the processing of the "
            "child's personal data for this class."
        ),
        required=False,
    )
