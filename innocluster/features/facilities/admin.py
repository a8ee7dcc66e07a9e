"""Fund staff read facilities, bookings, offers and classes here. Writes go through the
services (the pages and the API), which check the operator and keep the booking rules, so
the admin changes nothing itself."""

from django.contrib import admin
from django.db import models

from innocluster.core.admin import ReadOnlyAdminMixin

from .models import (
    Blackout,
    Booking,
    CapacityOffer,
    CapacityRequest,
    Course,
    Enrolment,
    Facility,
    OpeningHours,
    Resource,
)


class HoursInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = OpeningHours
    extra = 0


@admin.register(Facility)
class FacilityAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "organization", "region", "is_published"]
    list_filter = ["kind", "is_published"]
    search_fields = ["name", "address"]
    list_select_related = ["organization"]
    inlines = [HoursInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Resource)
class ResourceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "facility", "capacity", "booking_mode", "price_unit", "price"]
    list_filter = ["kind", "booking_mode", "price_unit"]
    search_fields = ["name", "equipment_model"]
    list_select_related = ["facility"]


@admin.register(Blackout)
class BlackoutAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["facility", "resource", "starts_at", "ends_at", "reason"]


@admin.register(Booking)
class BookingAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["resource", "user", "starts_at", "ends_at", "status", "price_total"]
    list_filter = ["status"]
    list_select_related = ["resource", "user"]
    date_hierarchy = "starts_at"
    show_full_result_count = False


@admin.register(CapacityOffer)
class CapacityOfferAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "organization", "is_active", "created_at"]
    list_filter = ["kind", "is_active"]
    search_fields = ["title"]


@admin.register(CapacityRequest)
class CapacityRequestAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["offer", "requester", "status", "created_at"]
    list_filter = ["status"]


@admin.register(Course)
class CourseAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "facility", "subject", "age_min", "age_max", "seats", "starts_on"]
    list_filter = ["subject"]


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["child_name", "course", "status", "created_at"]
    list_filter = ["status"]
