"""One FilterSet for the catalogue of measures, shared by its page and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from innocluster.core.calendar import moscow_date
from innocluster.core.filters import AnyOfFilter

from .choices import CostCategory, MeasureLevel, RequiredStatus
from .models import Measure

# Not a BooleanFilter: that one reads "maybe" as "any" and hides the mistake; this one is a 400.
YES_NO = [("true", _("yes")), ("false", _("no"))]


class MeasureFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Words"), method="filter_q", max_length=200)
    level = AnyOfFilter(label=_("Level"), choices=MeasureLevel.choices)
    category = AnyOfFilter(
        label=_("Costs covered"),
        field_name="cost_rules__category",
        choices=CostCategory.choices,
        distinct=True,
    )
    required_status = AnyOfFilter(label=_("Required status"), choices=RequiredStatus.choices)
    open_now = AnyOfFilter(
        label=_("Accepting applications now"), choices=YES_NO, method="filter_open_now"
    )

    class Meta:
        model = Measure
        fields = ["q", "level", "category", "required_status", "open_now"]

    def filter_q(self, queryset, name, value):
        words = value.strip().lower()
        if not words:
            return queryset
        return queryset.filter(
            Q(title_ru__ulower__contains=words)
            | Q(title_en__ulower__contains=words)
            | Q(summary_ru__ulower__contains=words)
            | Q(summary_en__ulower__contains=words)
        )

    def filter_open_now(self, queryset, name, value):
        """Yes, no, or both (any: nothing to filter)."""
        if len(set(value)) != 1:
            return queryset
        value = value[0]
        today = moscow_date()
        open_ids = Measure.objects.filter(calls__opens_on__lte=today, calls__closes_on__gte=today)
        pks = open_ids.values("pk")
        return queryset.filter(pk__in=pks) if value == "true" else queryset.exclude(pk__in=pks)
