"""One FilterSet per list, shared by the pages and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from innocluster.core.filters import AnyOfFilter, WordsLastFilterSet
from innocluster.core.regions import region_choices

from . import search
from .choices import SiteCategory
from .models import PilotReport, PilotSite

# Not a BooleanFilter: that one reads "maybe" as "any" and hides the mistake; this one is a 400.
YES_NO = [("true", _("yes")), ("false", _("no"))]


class SiteFilterSet(WordsLastFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q", max_length=200)
    category = AnyOfFilter(label=_("Category"), choices=SiteCategory.choices)
    region = AnyOfFilter(label=_("Region"), choices=region_choices)
    # A yes/no select, not a facet: a facet with a method of its own is counted value by value
    # (core/facets.py), which cost the catalogue a third of its time for two values.
    insurance_required = django_filters.ChoiceFilter(
        label=_("Insurance required"),
        choices=YES_NO,
        method="filter_insurance",
        empty_label=_("any"),
    )

    class Meta:
        model = PilotSite
        fields = ["q", "category", "region", "insurance_required"]

    def filter_q(self, queryset, name, value):
        return search.sites_matching(queryset, value)

    def filter_insurance(self, queryset, name, value):
        return queryset.filter(insurance_required=value == "true")


class ResultFilterSet(WordsLastFilterSet):
    """The catalogue of published pilot results."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_q", max_length=200)
    category = AnyOfFilter(label=_("Category"), choices=SiteCategory.choices)
    region = AnyOfFilter(label=_("Region"), choices=region_choices)
    would_buy = django_filters.ChoiceFilter(
        label=_("The site would buy"), choices=YES_NO, method="filter_would_buy",
        empty_label=_("any"),
    )  # fmt: skip

    class Meta:
        model = PilotReport
        fields = ["q", "category", "region", "would_buy"]

    def filter_q(self, queryset, name, value):
        return search.results_matching(queryset, value)

    def filter_would_buy(self, queryset, name, value):
        return queryset.filter(would_buy=value == "true")
