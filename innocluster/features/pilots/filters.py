"""One FilterSet per list, shared by the pages and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from innocluster.core.filters import AnyOfFilter
from innocluster.core.regions import region_choices

from . import search
from .choices import SiteCategory
from .models import PilotSite

# Not a BooleanFilter: that one reads "maybe" as "any" and hides the mistake; this one is a 400.
YES_NO = [("true", _("yes")), ("false", _("no"))]


class SiteFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q", max_length=200)
    category = AnyOfFilter(label=_("Category"), choices=SiteCategory.choices)
    region = AnyOfFilter(label=_("Region"), choices=region_choices)
    insurance_required = AnyOfFilter(
        label=_("Insurance required"), choices=YES_NO, method="filter_insurance"
    )

    class Meta:
        model = PilotSite
        fields = ["q", "category", "region", "insurance_required"]

    def filter_q(self, queryset, name, value):
        return search.sites_matching(queryset, value)

    def filter_insurance(self, queryset, name, value):
        """Yes, no, or both (any: nothing to filter)."""
        if len(set(value)) != 1:
            return queryset
        return queryset.filter(insurance_required=value[0] == "true")
