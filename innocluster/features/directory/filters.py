"""The one FilterSet of the search: the directory page, the API, exports and saved searches."""

import django_filters
from django import forms
from django.db.models import Exists, FloatField, OuterRef, Q, Value
from django.utils.translation import gettext_lazy as _

from innocluster.core.filters import AnyOfFilter
from innocluster.core.regions import region_choices
from innocluster.platform.organizations.choices import (
    HEADCOUNT_RANGES,
    HeadcountBand,
    OrganizationKind,
    OrganizationType,
)
from innocluster.platform.organizations.filters import SlugsFilter
from innocluster.platform.organizations.models import Industry, Organization, Product, Technology

from . import status
from .backends import backend

TRL_CHOICES = [(str(n), str(n)) for n in range(1, 10)]


class Sort:
    RELEVANCE, NAME, NEWEST = "relevance", "name", "newest"
    CHOICES = [
        (RELEVANCE, _("relevance")),
        (NAME, _("name")),
        (NEWEST, _("newest first")),
    ]


class SearchFilterSet(django_filters.FilterSet):
    """Text and facets. Several values of one facet mean any of them; facets combine with AND.

    `q` is never refused: a query longer than anyone types is cut (text.MAX_QUERY_CHARS), and
    punctuation is not syntax, so «' " & | * : ( ) !» are just not words.
    """

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    org_type = AnyOfFilter(
        label=_("Organization type"),
        choices=OrganizationType.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,  # a column of the organization: no join, nothing to de-duplicate
    )
    kind = AnyOfFilter(
        label=_("Legal form"),
        choices=OrganizationKind.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    industry = SlugsFilter(
        label=_("Industry"),
        field_name="industries__slug",
        to_field_name="slug",
        queryset=Industry.objects.all(),
        method="filter_industry",
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    technology = SlugsFilter(
        label=_("Technology"),
        field_name="technologies__slug",
        to_field_name="slug",
        queryset=Technology.objects.all(),
        method="filter_technology",
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    region = AnyOfFilter(
        label=_("Region"),
        choices=region_choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    status = AnyOfFilter(
        label=_("Status"),
        choices=status.CHOICES,
        method="filter_status",
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    headcount = AnyOfFilter(
        label=_("Headcount"),
        choices=HeadcountBand.choices,
        method="filter_headcount",
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    trl = AnyOfFilter(
        label=_("Readiness level of a product (TRL)"),
        choices=TRL_CHOICES,
        method="filter_trl",
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=Sort.CHOICES, method="filter_sort", empty_label=None
    )

    class Meta:
        model = Organization
        fields = [
            "q",
            "org_type",
            "kind",
            "industry",
            "technology",
            "region",
            "status",
            "headcount",
        ]

    FACETS = ("org_type", "kind", "industry", "technology", "region", "status", "headcount", "trl")

    def get_form_class(self):
        """The form's fields are the same for every search: its class is built once, not on
        every request (django-filter builds it per instance)."""
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
        return cls._form_class

    any_word = False  # True: the text's partial match (selectors.organization_search)

    def filter_q(self, queryset, name, value):
        """Full text; or, for digits only, an INN or OGRN and their first digits."""
        value = value.strip()
        if value.isdigit() and len(value) >= 4:
            found = queryset.filter(Q(inn__startswith=value) | Q(ogrn__startswith=value))
            return found.annotate(search_rank=Value(1.0, output_field=FloatField()))
        return backend().match(queryset, value, any_word=self.any_word) if value else queryset

    # Taxonomy facets test membership with EXISTS: a join would repeat an organization once
    # per matching term and need DISTINCT over the whole result.
    def filter_industry(self, queryset, name, value):
        return _linked(queryset, Organization.industries.through, "industry", value)

    def filter_technology(self, queryset, name, value):
        return _linked(queryset, Organization.technologies.through, "technology", value)

    def filter_status(self, queryset, name, value):
        return status.filter_kinds(queryset, value) if value else queryset

    def filter_headcount(self, queryset, name, value):
        if not value:
            return queryset
        condition = Q()
        for band in value:
            low, high = HEADCOUNT_RANGES[band]
            band_q = Q(headcount__gte=low)
            condition |= band_q & Q(headcount__lte=high) if high is not None else band_q
        return queryset.filter(condition)

    def filter_trl(self, queryset, name, value):
        if not value:
            return queryset
        products = Product.objects.filter(organization=OuterRef("pk"), trl__in=value)
        return queryset.filter(Exists(products))

    def filter_sort(self, queryset, name, value):
        return queryset  # ordering is the selector's: it depends on whether there is a query

    def without(self, facet: str) -> "SearchFilterSet":
        """The same search with one facet left out (for that facet's counts)."""
        data = self.data.copy()
        data.pop(facet, None)
        return type(self)(data, queryset=self.queryset)


def _linked(queryset, through, field: str, terms):
    if not terms:
        return queryset
    links = through.objects.filter(organization=OuterRef("pk"), **{f"{field}__in": terms})
    return queryset.filter(Exists(links))
