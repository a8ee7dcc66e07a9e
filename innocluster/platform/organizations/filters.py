"""One FilterSet for the API's organization list (`/api/v1/organizations/`); the pages have one
catalogue of organizations, the directory (features/directory/filters.py)."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from innocluster.core.filters import AnyOfFilter, SlugChoiceField
from innocluster.core.regions import region_choices

from .choices import HEADCOUNT_RANGES, HeadcountBand, OrganizationKind, OrganizationType
from .models import Industry, Organization, Product, Technology


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class SlugsFilter(django_filters.ModelMultipleChoiceFilter):
    """Filter by the slugs of taxonomy terms; several values mean any of them."""

    field_class = SlugChoiceField


class OrganizationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or INN"), method="filter_q", max_length=200)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OrganizationKind.choices)
    org_type = AnyOfFilter(label=_("Type"), choices=OrganizationType.choices)
    region = AnyOfFilter(label=_("Region"), choices=region_choices)
    industry = SlugsFilter(
        label=_("Industry"),
        field_name="industries__slug",
        to_field_name="slug",
        queryset=Industry.objects.all(),
        distinct=True,
    )
    technology = SlugsFilter(
        label=_("Technology"),
        field_name="technologies__slug",
        to_field_name="slug",
        queryset=Technology.objects.all(),
        distinct=True,
    )
    headcount = django_filters.ChoiceFilter(
        label=_("Headcount"), choices=HeadcountBand.choices, method="filter_headcount"
    )
    ordering = django_filters.OrderingFilter(
        label=_("Sort"),
        fields=(("short_name", "name"), ("created_at", "created"), ("year_founded", "founded")),
        # django-filter keys ascending labels by model field and descending ones by "-param";
        # a missing descending label would be made at import time, in the wrong language.
        field_labels={
            "short_name": _("name"),
            "-name": _("name, Z to A"),
            "created_at": _("oldest first"),
            "-created": _("newest first"),
            "year_founded": _("founded, earliest first"),
            "-founded": _("founded, latest first"),
        },
    )

    class Meta:
        model = Organization
        fields = ["q", "kind", "org_type", "region", "industry", "technology", "headcount"]

    def filter_q(self, queryset, name, value):
        """Name, INN or OGRN (also their first digits), a technology, or a product's name.

        A stopgap until the directory's full-text search: substring matches in any case.
        """
        value = value.strip()
        if not value:
            return queryset
        if value.isdigit():
            return queryset.filter(Q(inn__startswith=value) | Q(ogrn__startswith=value))
        value = value.lower()  # matched against fields in lower case (core.lookups)
        technologies = Technology.objects.filter(
            Q(name_ru__ulower__contains=value) | Q(name_en__ulower__contains=value)
        )
        return queryset.filter(
            Q(short_name__ulower__contains=value)
            | Q(full_name__ulower__contains=value)
            | Exists(
                Organization.technologies.through.objects.filter(
                    organization=OuterRef("pk"), technology__in=technologies
                )
            )
            | Exists(
                Product.objects.filter(organization=OuterRef("pk"), name__ulower__contains=value)
            )
        )

    def filter_headcount(self, queryset, name, value):
        low, high = HEADCOUNT_RANGES[value]
        queryset = queryset.filter(headcount__gte=low)
        return queryset.filter(headcount__lte=high) if high is not None else queryset
