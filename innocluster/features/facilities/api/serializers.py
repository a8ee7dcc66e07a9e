"""Shapes of the facilities API. Checks of shape only: the rules live in the services."""

from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework import serializers

from innocluster.core.fields import BoundedListField, MomentField
from innocluster.core.regions import CODE_CHOICES

from .. import pricing
from ..choices import (
    BOOKABLE_KIND_CHOICES,
    BookingMode,
    FacilityKind,
    PriceUnit,
    VatRate,
)
from ..models import (
    Booking,
    Facility,
    OpeningHours,
    Resource,
)
from ..rules import MAX_REPEAT_WEEKS


class OperatorRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    short_name = serializers.CharField(read_only=True)


class BookerSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    full_name = serializers.CharField(read_only=True)
    email = serializers.EmailField(read_only=True)


class HoursSerializer(serializers.ModelSerializer):
    weekday = serializers.IntegerField(min_value=0, max_value=6, help_text="0 is Monday")

    class Meta:
        model = OpeningHours
        fields = ["weekday", "opens", "closes"]


class FacilitySerializer(serializers.ModelSerializer):
    organization = OperatorRefSerializer(read_only=True)
    region = serializers.ChoiceField(choices=CODE_CHOICES, read_only=True)
    region_name = serializers.CharField(read_only=True)
    hours = HoursSerializer(many=True, read_only=True)
    photo_urls = serializers.SerializerMethodField()

    class Meta:
        model = Facility
        fields = [
            "id",
            "organization",
            "kind",
            "name",
            "description_ru",
            "description_en",
            "region",
            "region_name",
            "address",
            "latitude",
            "longitude",
            "open_around_the_clock",
            "hours",
            "phone",
            "email",
            "website",
            "is_published",
            "photo_urls",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_photo_urls(self, facility) -> list[str]:
        return [
            reverse("facilities:photo", kwargs={"pk": facility.pk, "photo_pk": p.pk})
            for p in facility.photos.all()
        ]


class FacilityWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=FacilityKind.choices)
    name = serializers.CharField(max_length=200)
    description_ru = serializers.CharField(required=False, allow_blank=True, max_length=10_000)
    description_en = serializers.CharField(required=False, allow_blank=True, max_length=10_000)
    region = serializers.ChoiceField(choices=CODE_CHOICES, required=False)
    address = serializers.CharField(max_length=500)
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, min_value=-90, max_value=90)
    longitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, min_value=-180, max_value=180
    )
    open_around_the_clock = serializers.BooleanField(required=False)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=40)
    email = serializers.EmailField(required=False, allow_blank=True, max_length=254)
    website = serializers.URLField(required=False, allow_blank=True, max_length=200)
    is_published = serializers.BooleanField(required=False)
    hours = BoundedListField(child=HoursSerializer(), required=False, max_length=7)  # a week

    def validate_hours(self, rows):
        days = [row["weekday"] for row in rows]
        if len(days) != len(set(days)):
            message = _("Each day of the week at most once.")
            raise serializers.ValidationError(message, code="unique")
        return {row["weekday"]: (row["opens"], row["closes"]) for row in rows}


class PhotoSerializer(serializers.Serializer):
    image = serializers.FileField()
    caption = serializers.CharField(max_length=200)


class FacilityCreateSerializer(FacilityWriteSerializer):
    organization = serializers.IntegerField(help_text="The operating organization's id")


class ResourceSerializer(serializers.ModelSerializer):
    facility = serializers.PrimaryKeyRelatedField(read_only=True)
    facility_name = serializers.CharField(source="facility.name", read_only=True)
    price_with_vat = serializers.SerializerMethodField()

    class Meta:
        model = Resource
        fields = [
            "id",
            "facility",
            "facility_name",
            "kind",
            "name",
            "description",
            "capacity",
            "seats",
            "equipment_model",
            "specifications",
            "qualification",
            "booking_mode",
            "price_unit",
            "price",
            "vat_rate",
            "price_with_vat",
            "min_minutes",
            "max_minutes",
            "horizon_days",
            "cancel_hours",
            "is_active",
        ]
        read_only_fields = fields

    def get_price_with_vat(self, resource) -> str:
        return str(pricing.price_with_vat(resource))


class ResourceWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=BOOKABLE_KIND_CHOICES)
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, max_length=10_000)
    capacity = serializers.IntegerField(required=False, min_value=1, max_value=10_000)
    seats = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    equipment_model = serializers.CharField(required=False, allow_blank=True, max_length=200)
    specifications = serializers.CharField(required=False, allow_blank=True, max_length=10_000)
    qualification = serializers.CharField(required=False, allow_blank=True, max_length=300)
    booking_mode = serializers.ChoiceField(choices=BookingMode.choices, required=False)
    price_unit = serializers.ChoiceField(choices=PriceUnit.choices, required=False)
    price = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0, required=False)
    vat_rate = serializers.ChoiceField(choices=VatRate.choices, required=False)
    min_minutes = serializers.IntegerField(required=False, min_value=5)
    max_minutes = serializers.IntegerField(required=False, min_value=5)
    horizon_days = serializers.IntegerField(required=False, min_value=0, max_value=730)
    cancel_hours = serializers.IntegerField(required=False, min_value=0, max_value=720)
    is_active = serializers.BooleanField(required=False)


class ResourceCreateSerializer(ResourceWriteSerializer):
    facility = serializers.IntegerField()


class BlackoutSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    resource = serializers.IntegerField(source="resource_id", read_only=True, allow_null=True)
    starts_at = MomentField()
    ends_at = MomentField()
    reason = serializers.CharField(max_length=200)
    whole_facility = serializers.BooleanField(write_only=True, default=False)


class BookingSerializer(serializers.ModelSerializer):
    resource_name = serializers.CharField(source="resource.name", read_only=True)
    facility = serializers.IntegerField(source="resource.facility_id", read_only=True)
    facility_name = serializers.CharField(source="resource.facility.name", read_only=True)
    booked_by = BookerSerializer(source="user", read_only=True)

    class Meta:
        model = Booking
        fields = [
            "id",
            "resource",
            "resource_name",
            "facility",
            "facility_name",
            "booked_by",
            "starts_at",
            "ends_at",
            "status",
            "purpose",
            "series",
            "price_net",
            "vat",
            "price_total",
            "note",
            "created_at",
            "decided_at",
            "cancelled_at",
        ]
        read_only_fields = fields


class BookingCreateSerializer(serializers.Serializer):
    resource = serializers.IntegerField()
    starts_at = serializers.DateTimeField(help_text="ISO 8601; without an offset: Moscow time")
    ends_at = serializers.DateTimeField()
    purpose = serializers.CharField(required=False, allow_blank=True, max_length=300)
    repeat_weeks = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_REPEAT_WEEKS, default=1
    )


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")


class AvailabilityQuerySerializer(serializers.Serializer):
    resource = serializers.IntegerField()
    date = serializers.DateField(required=False, help_text="The first day; today by default")
    days = serializers.IntegerField(required=False, min_value=1, max_value=31, default=7)


class SlotSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    state = serializers.CharField(help_text="free, taken, past (already begun) or blackout")
    places_left = serializers.IntegerField()


class DaySerializer(serializers.Serializer):
    date = serializers.DateField()
    opens = serializers.TimeField(allow_null=True)
    closes = serializers.TimeField(allow_null=True)
    slots = SlotSerializer(many=True)


class AvailabilitySerializer(serializers.Serializer):
    resource = serializers.IntegerField()
    capacity = serializers.IntegerField()
    days = DaySerializer(many=True)
