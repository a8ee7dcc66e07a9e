"""One FilterSet for the marketplace catalogue, shared by its page and the API: the
platform's word matching, facets with counts (core/facets.py) for the product's category and
TRL, the vendor's industries and technologies and its mark, a price range and the region a
product is delivered to."""

import functools

import django_filters
from django import forms
from django.db.models import F, Q
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from innocluster.core.filters import (
    AnyOfFilter,
    FrozenChoices,
    IdFilter,
    IntegerFilter,
    WordsLastFilterSet,
)
from innocluster.core.querycache import cached_rows
from innocluster.core.regions import region_choices
from innocluster.platform.organizations.choices import ProductCategory
from innocluster.platform.organizations.models import Industry, Technology

from . import search, selectors
from .choices import MAX_PRICE, Vendor
from .models import Listing

SORTS = [
    ("new", _("recently updated first")),
    ("price", _("cheapest first")),
    ("price_desc", _("most expensive first")),
    ("trl", _("most mature first")),
]
PRICE_KINDS = [("fixed", _("with a price")), ("on_request", _("on request"))]
TRL_CHOICES = [(str(n), str(n)) for n in range(1, 10)]


def _terms(model):
    def choices():
        english = (get_language() or "ru").startswith("en")
        rows = cached_rows(
            model.objects.order_by("name_ru").values_list("pk", "name_ru", "name_en")
        )
        return [(str(pk), en if english else ru) for pk, ru, en in rows]

    return choices


class PlainSelect(forms.Select):
    """A select of many options drawn in Python: Django's widget renders a template per
    option, which for the 89 regions cost more than the catalogue's queries."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in self.format_value(value)}
        attrs = self.build_attrs(self.attrs, attrs)
        options = "".join(
            f'<option value="{escape(key)}"{" selected" if str(key) in chosen else ""}>'
            f"{escape(label)}</option>"
            for key, label in self.choices
        )
        return mark_safe(f'<select name="{escape(name)}"{flatatt(attrs)}>{options}</select>')  # noqa: S308


@functools.lru_cache(maxsize=4)
def _region_choices(language: str) -> tuple:
    return tuple(region_choices())


def _regions():
    """The regions' choices, built once per language: each facet's count builds a FilterSet of
    its own, and each built 89 names again (a third of the page's time at 3,000 products)."""
    return list(_region_choices((get_language() or "ru")[:2]))


class ListingFilterSet(WordsLastFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q", max_length=200)
    category = AnyOfFilter(
        label=_("Category"), choices=ProductCategory.choices, field_name="product__category"
    )
    industry = AnyOfFilter(
        label=_("Industry"),
        choices=_terms(Industry),
        field_name="product__organization__industries",
        distinct=True,
    )
    technology = AnyOfFilter(
        label=_("Technology"),
        choices=_terms(Technology),
        field_name="product__organization__technologies",
        distinct=True,
    )
    trl = AnyOfFilter(
        label=_("Technology readiness level"), choices=TRL_CHOICES, field_name="product__trl"
    )
    # Selects, not facets: a facet with a method is counted value by value (core/facets.py).
    vendor = django_filters.ChoiceFilter(
        label=_("Vendor"), choices=Vendor.choices, method="filter_vendor", empty_label=_("any")
    )
    region = django_filters.ChoiceFilter(
        label=_("Delivered to"), choices=_regions, method="filter_region",
        empty_label=_("any region"), widget=PlainSelect,
    )  # fmt: skip
    price_kind = django_filters.ChoiceFilter(
        label=_("Price"), choices=PRICE_KINDS, method="filter_price_kind", empty_label=_("any")
    )
    # From 1 ₽: "from 0" filters nothing and "up to 0" nothing priced, so 0 is refused like
    # every number filter's 0 (tests/core/test_filters.py).
    price_min = IntegerFilter(
        label=_("Price from, ₽"), method="filter_price_min", min_value=1, max_value=MAX_PRICE
    )
    price_max = IntegerFilter(
        label=_("Price up to, ₽"), method="filter_price_max", min_value=1, max_value=MAX_PRICE
    )
    # The vendor's own products (the link from its page); not drawn in the panel.
    organization = IdFilter(
        label=_("Vendor"), field_name="product__organization", widget=forms.HiddenInput
    )
    sort = django_filters.ChoiceFilter(
        label=_("Order"), choices=SORTS, method="filter_sort", empty_label=None
    )

    class Meta:
        model = Listing
        fields = ["q"]

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("sort"):
            data = data.copy()
            data["sort"] = "new"
        super().__init__(data, *args, **kwargs)
        for name in ("industry", "technology"):
            extra = self.filters[name].extra
            if callable(extra["choices"]):
                extra["choices"] = FrozenChoices(extra["choices"]())

    def filter_q(self, queryset, name, value):
        return search.listings_matching(queryset, value)

    def filter_vendor(self, queryset, name, value):
        return queryset.filter(selectors.vendor_condition(value))

    def filter_region(self, queryset, name, value: str):
        """Listings delivered all over Russia, or to region `value` by name."""
        named = Listing.objects.filter(regions__region=value).values("pk")
        return queryset.filter(Q(delivers_everywhere=True) | Q(pk__in=named))

    def filter_price_kind(self, queryset, name, value):
        return queryset.filter(price__isnull=value == "on_request")

    def filter_price_min(self, queryset, name, value):
        """Listings with a price of at least `value` (those on request have none)."""
        return queryset.filter(price__gte=value)

    def filter_price_max(self, queryset, name, value):
        return queryset.filter(price__lte=value)

    def filter_sort(self, queryset, name, value):
        if value == "price":
            return queryset.order_by(F("price").asc(nulls_last=True), "-pk")
        if value == "price_desc":
            return queryset.order_by(F("price").desc(nulls_last=True), "-pk")
        if value == "trl":
            return queryset.order_by("-product__trl", "-updated_at", "-pk")
        return queryset.order_by("-updated_at", "-pk")
