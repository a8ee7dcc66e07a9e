"""One FilterSet for the catalogue page and the API's list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from innocluster.core.filters import AnyOfFilter, WordsLastFilterSet
from innocluster.platform.organizations.models import Industry, Technology
from innocluster.platform.search.sources import matching

from .choices import ClusterStatus
from .models import Cluster


def _terms(model):
    def choices():
        return [(term.slug, term.name) for term in model.objects.all()]

    return choices


class ClusterFilterSet(WordsLastFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q", max_length=200)
    status = AnyOfFilter(label=_("Status"), choices=ClusterStatus.choices)
    industry = AnyOfFilter(
        label=_("Industry"), choices=_terms(Industry), field_name="industries__slug"
    )
    technology = AnyOfFilter(
        label=_("Technology"), choices=_terms(Technology), field_name="technologies__slug"
    )

    class Meta:
        model = Cluster
        fields = ["q", "status", "industry", "technology"]

    def filter_q(self, queryset, name, value):
        return matching(queryset, value, "search_text")
