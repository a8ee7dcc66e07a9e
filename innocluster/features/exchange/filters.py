"""One FilterSet for the orders catalogue, shared by its page and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from innocluster.core.filters import AnyOfFilter, WordsLastFilterSet
from innocluster.platform.search import sources

from .choices import PUBLIC_STATUSES, Access, Status
from .models import Category, Order


class OrderFilterSet(WordsLastFilterSet):
    q = django_filters.CharFilter(label=_("Words"), method="filter_q", max_length=200)
    status = AnyOfFilter(
        label=_("Stage"), choices=[(s.value, s.label) for s in Status if s in PUBLIC_STATUSES]
    )
    # Choices checked before any query: an id past SQLite's integers was an OverflowError (500).
    category = AnyOfFilter(
        label=_("Process or material"),
        field_name="items__category",
        choices=lambda: [(str(category.pk), str(category)) for category in Category.objects.all()],
        distinct=True,
    )
    access = AnyOfFilter(label=_("Who may answer"), choices=Access.choices)

    class Meta:
        model = Order
        fields = ["q", "status", "category", "access"]

    def filter_q(self, queryset, name, value):
        return sources.matching(queryset, value, "search_text")
