"""One FilterSet per list, shared by the pages and the API."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from innocluster.core.filters import AnyOfFilter, IdFilter, IntegerFilter, MomentFilter
from innocluster.core.regions import region_choices

from . import search
from .choices import (
    AGE_MAX,
    AGE_MIN,
    BOOKABLE_KIND_CHOICES,
    BookingMode,
    BookingStatus,
    Capability,
    ClassSubject,
    FacilityKind,
    OfferKind,
    PriceUnit,
)
from .models import Booking, CapacityOffer, Course, Facility, Resource

RESOURCE_KIND_CHOICES = BOOKABLE_KIND_CHOICES


class FacilityFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q", max_length=200)
    kind = AnyOfFilter(label=_("Kind"), choices=FacilityKind.choices)
    region = AnyOfFilter(label=_("Region"), choices=region_choices)
    resource_kind = AnyOfFilter(
        label=_("Can be booked"), choices=RESOURCE_KIND_CHOICES, method="filter_resource_kind"
    )
    equipment = django_filters.CharFilter(
        label=_("Equipment"), method="filter_equipment", max_length=200
    )

    class Meta:
        model = Facility
        fields = ["q", "kind", "region", "resource_kind", "equipment"]

    def filter_q(self, queryset, name, value):
        return search.facilities_matching(queryset, value)

    def filter_resource_kind(self, queryset, name, value):
        """Facilities with an active resource of any of the kinds."""
        if not value:
            return queryset
        resources = Resource.objects.filter(facility=OuterRef("pk"), kind__in=value, is_active=True)
        return queryset.filter(Exists(resources))

    def filter_equipment(self, queryset, name, value):
        if not value.strip():
            return queryset
        machines = Resource.objects.filter(
            facility=OuterRef("pk"), kind="equipment", is_active=True
        )
        return queryset.filter(Exists(search.equipment_matching(machines, value)))


class _EquipmentWordsFilterSet(django_filters.FilterSet):
    """Words in equipment, as the one search matches them: the API's resources and the
    equipment page."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_q", max_length=200)

    def filter_q(self, queryset, name, value):
        return search.equipment_matching(queryset, value)


class ResourceFilterSet(_EquipmentWordsFilterSet):
    facility = IdFilter(label=_("Facility"), field_name="facility_id")
    kind = AnyOfFilter(label=_("Kind"), choices=RESOURCE_KIND_CHOICES)
    booking_mode = django_filters.ChoiceFilter(label=_("Booking mode"), choices=BookingMode.choices)
    price_unit = django_filters.ChoiceFilter(label=_("Price"), choices=PriceUnit.choices)

    class Meta:
        model = Resource
        fields = ["q", "facility", "kind", "booking_mode", "price_unit"]


class EquipmentFilterSet(_EquipmentWordsFilterSet):
    region = AnyOfFilter(label=_("Region"), choices=region_choices, field_name="facility__region")

    class Meta:
        model = Resource
        fields = ["q", "region"]


class BookingFilterSet(django_filters.FilterSet):
    status = AnyOfFilter(label=_("Status"), choices=BookingStatus.choices)
    resource = IdFilter(label=_("Resource"), field_name="resource_id")
    facility = IdFilter(label=_("Facility"), field_name="resource__facility_id")
    starts_after = MomentFilter(label=_("Ends after"), field_name="ends_at", lookup_expr="gt")
    starts_before = MomentFilter(label=_("Starts before"), field_name="starts_at", lookup_expr="lt")

    class Meta:
        model = Booking
        fields = ["status", "resource", "facility", "starts_after", "starts_before"]


class CapacityOfferFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q", max_length=200)
    kind = AnyOfFilter(label=_("Kind"), choices=OfferKind.choices)
    capability = AnyOfFilter(
        label=_("Can do"), choices=Capability.choices, method="filter_capability"
    )
    region = AnyOfFilter(label=_("Region"), choices=region_choices)

    class Meta:
        model = CapacityOffer
        fields = ["q", "kind", "capability", "region"]

    def filter_q(self, queryset, name, value):
        return search.offers_matching(queryset, value)

    def filter_capability(self, queryset, name, value):
        return queryset.filter(search.having_capability(value)) if value else queryset


class CourseFilterSet(django_filters.FilterSet):
    subject = AnyOfFilter(label=_("Subject"), choices=ClassSubject.choices)
    age = IntegerFilter(
        label=_("Child's age"), method="filter_age", min_value=AGE_MIN, max_value=AGE_MAX
    )
    facility = IdFilter(label=_("Facility"), field_name="facility_id")

    class Meta:
        model = Course
        fields = ["subject", "age", "facility"]

    def filter_age(self, queryset, name, value):
        return queryset.filter(age_min__lte=value, age_max__gte=value)
