"""Forms of the facilities pages: they clean input; the services keep the rules."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from innocluster.core.forms import ServiceModelForm
from innocluster.core.maps import degrees_form_field
from innocluster.core.names import validate_name

from .choices import AGE_MAX, AGE_MIN, BOOKABLE_KIND_CHOICES, Capability
from .errors import FacilityErrorCode
from .models import CapacityOffer, Course, Facility, Resource
from .rules import MAX_REPEAT_WEEKS
from .services import FACILITY_FIELDS, RESOURCE_FIELDS
from .services.classes import COURSE_FIELDS
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
    child_name = forms.CharField(
        label=_("Child's full name"), max_length=200, validators=[validate_name]
    )
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


# --- The operators' forms: they clean input; the services keep the rules and write. ---------
WEEKDAYS = (
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
)
IMAGE_TYPES = "image/png,image/jpeg,image/webp,image/gif"


def _date_input():
    # type=date sends and shows ISO dates whatever the language of the page.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _textarea(rows: int = 4):
    return forms.Textarea(attrs={"rows": rows})


class Fieldsets:
    """Groups a long form's fields under legends (`facilities/includes/fieldsets.html`)."""

    groups: tuple = ()

    def fieldsets(self) -> list:
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.groups
        ]


class FacilityForm(Fieldsets, ServiceModelForm):
    saved_message = _("The facility is saved.")  # once its page saved it (core.catalogue)
    website = forms.URLField(
        label=_("Website"), required=False, assume_scheme="https", max_length=200
    )
    latitude = degrees_form_field(
        _("Latitude"), 90, _("Decimal degrees, north positive: 55.755800 for the Kremlin.")
    )
    longitude = degrees_form_field(
        _("Longitude"), 180, _("Decimal degrees, east positive: 37.617300 for the Kremlin.")
    )
    groups = (
        (_("The facility"), ("organization", "kind", "name", "description_ru", "description_en")),
        (_("Where"), ("region", "address", "latitude", "longitude")),
        (_("Contacts"), ("phone", "email", "website")),
        (_("Opening"), ("open_around_the_clock", "is_published")),
    )

    class Meta:
        model = Facility
        fields = FACILITY_FIELDS
        widgets = {
            "description_ru": _textarea(5),
            "description_en": _textarea(5),
        }
        help_texts = {
            "is_published": _("Unpublished facilities are seen by their operators only."),
        }


class FacilityCreateForm(FacilityForm):
    saved_message = _("The facility is saved. Now add what can be booked.")
    organization = forms.ModelChoiceField(
        queryset=None,
        label=_("Operator"),
        help_text=_(
            "The organization that runs the facility: one where you are an owner or editor."
        ),
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class HoursForm(forms.Form):
    """The weekly opening hours, a row per day (Moscow time); a day left empty is closed."""

    def __init__(self, *args, facility=None, **kwargs):
        initial = {}
        for row in facility.hours.all() if facility is not None else ():
            initial[f"opens_{row.weekday}"] = row.opens
            initial[f"closes_{row.weekday}"] = row.closes
        super().__init__(*args, initial=initial, **kwargs)
        for day, name in WEEKDAYS:
            self.fields[f"opens_{day}"] = self._time(format_lazy("{}: {}", name, _("opens")))
            self.fields[f"closes_{day}"] = self._time(format_lazy("{}: {}", name, _("closes")))

    @staticmethod
    def _time(label) -> forms.TimeField:
        widget = forms.TimeInput(attrs={"type": "time", "step": 900}, format="%H:%M")
        return forms.TimeField(label=label, required=False, widget=widget)

    def clean(self):
        data = super().clean()
        for day, _name in WEEKDAYS:
            opens, closes = data.get(f"opens_{day}"), data.get(f"closes_{day}")
            if (opens is None) != (closes is None):
                missing = f"closes_{day}" if closes is None else f"opens_{day}"
                if missing not in self.errors:
                    message = _("Give both times, or neither for a closed day.")
                    self.add_error(missing, ValidationError(message, code="required"))
            elif opens is not None and closes <= opens:
                message = _("The closing time must follow the opening.")
                refusal = ValidationError(message, code=FacilityErrorCode.RANGE_INVERTED)
                self.add_error(f"closes_{day}", refusal)
        return data

    def hours(self) -> dict:
        """{weekday: (opens, closes)} for the open days, as the services take them."""
        data = self.cleaned_data
        return {
            day: (data[f"opens_{day}"], data[f"closes_{day}"])
            for day, _name in WEEKDAYS
            if data.get(f"opens_{day}") is not None
        }

    def rows(self) -> list:
        return [(name, self[f"opens_{day}"], self[f"closes_{day}"]) for day, name in WEEKDAYS]

    def arguments(self) -> dict:
        """The facility services' `hours`: the new week when changed, else None (kept)."""
        return {"hours": self.hours() if self.has_changed() else None}


class PhotoForm(forms.Form):
    saved_message = _("The photo is added.")
    image = forms.FileField(
        label=_("Photo"),
        help_text=_("PNG, JPEG, WebP or GIF, up to 5 MB."),
        widget=forms.FileInput(attrs={"accept": IMAGE_TYPES}),
    )
    caption = forms.CharField(
        label=_("Caption"),
        max_length=200,
        help_text=_("What the photo shows, for those who cannot see it."),
    )


class ResourceForm(Fieldsets, ServiceModelForm):
    """A room, a desk pool or a machine. Its kind is chosen once: bookings depend on it."""

    saved_message = _("The resource is saved.")
    kind = forms.ChoiceField(label=_("Kind"), choices=BOOKABLE_KIND_CHOICES)
    seats = forms.IntegerField(
        label=_("Seats"),
        required=False,
        min_value=1,
        max_value=100_000,
        help_text=_("For a room or a hall: how many people it holds."),
    )
    groups = (
        (_("What it is"), ("kind", "name", "description", "capacity", "seats")),
        (_("Equipment"), ("equipment_model", "specifications", "qualification")),
        (_("Price"), ("price_unit", "price", "vat_rate")),
        (
            _("Booking rules"),
            ("booking_mode", "min_minutes", "max_minutes", "horizon_days", "cancel_hours"),
        ),
        (_("Availability"), ("is_active",)),
    )

    class Meta:
        model = Resource
        fields = RESOURCE_FIELDS
        widgets = {"description": _textarea(), "specifications": _textarea()}
        help_texts = {
            "capacity": _(
                "For a desk pool: how many identical places. A room or a machine is one place."
            ),
            "price": _("Per hour or per day as chosen above, before VAT; ignored when free."),
            "min_minutes": _("The shortest booking, in minutes."),
            "max_minutes": _("The longest booking, in minutes."),
            "horizon_days": _("How many days ahead it can be booked."),
            "is_active": _("Untick to stop new bookings; bookings made stay."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["kind"]
            if self.instance.is_exclusive:
                del self.fields["capacity"]


class BlackoutForm(forms.Form):
    saved_message = _("The closed period is added.")
    starts_at = forms.DateTimeField(
        label=_("From (Moscow time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    ends_at = forms.DateTimeField(
        label=_("Until (Moscow time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    reason = forms.CharField(label=_("Reason"), max_length=200)
    whole_facility = forms.BooleanField(
        label=_("Close the whole facility, not only this resource"), required=False
    )


class CourseForm(ServiceModelForm):
    saved_message = _("The class is saved.")

    class Meta:
        model = Course
        fields = [*COURSE_FIELDS, "seats"]
        widgets = {
            "description": _textarea(),
            "age_min": forms.NumberInput(attrs={"min": AGE_MIN, "max": AGE_MAX}),
            "age_max": forms.NumberInput(attrs={"min": AGE_MIN, "max": AGE_MAX}),
            "starts_on": _date_input(),
            "ends_on": _date_input(),
        }
        help_texts = {
            "age_min": _("From 7 to 18."),
            "age_max": _("From 7 to 18, not below the youngest."),
            "seats": _("Children beyond the seats join the waiting list."),
            "is_published": _("Unpublished classes take no enrolments."),
        }


class OfferForm(ServiceModelForm):
    saved_message = _("The offer is saved.")
    capabilities = forms.MultipleChoiceField(
        label=_("Can do"),
        choices=Capability.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For production capacity: what the workshop can make, to be found by it."),
    )

    class Meta:
        model = CapacityOffer
        fields = [
            "kind",
            "title",
            "description",
            "facility",
            "region",
            "address",
            "available_from",
            "available_until",
            "terms",
            "is_active",
        ]
        widgets = {
            "description": _textarea(),
            "terms": _textarea(),
            "available_from": _date_input(),
            "available_until": _date_input(),
        }
        help_texts = {
            "facility": _("Optional: one of your facilities where it is."),
            "terms": _("Price, minimum order, who operates the machine…"),
        }

    def __init__(self, *args, facilities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = facilities
        if self.instance.pk:
            self.initial["capabilities"] = self.instance.capability_codes


class OfferCreateForm(OfferForm):
    saved_message = _("The offer is published.")
    organization = forms.ModelChoiceField(
        queryset=None,
        label=_("Offered by"),
        help_text=_("One of your organizations where you are an owner or editor."),
    )
    field_order = ["organization"]

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
