"""One FilterSet for the public register, shared by its page, its CSV export and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from innocluster.core.filters import AnyOfFilter
from innocluster.core.regions import region_choices
from innocluster.platform.organizations.choices import OrganizationType

from .choices import StatusKind, StatusState
from .models import Status


class RegisterFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Name, INN or register number"), method="filter_q", max_length=200
    )
    kind = AnyOfFilter(label=_("Status"), choices=StatusKind.choices)
    state = AnyOfFilter(label=_("State"), choices=StatusState.choices)
    region = AnyOfFilter(
        label=_("Region"), field_name="organization__region", choices=region_choices
    )
    org_type = AnyOfFilter(
        label=_("Type"), field_name="organization__org_type", choices=OrganizationType.choices
    )

    class Meta:
        model = Status
        fields = ["q", "kind", "state", "region", "org_type"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if value.isdigit():
            return queryset.filter(organization__inn__startswith=value)
        return queryset.filter(
            Q(register_number__iexact=value)
            | Q(organization__short_name__ulower__contains=value.lower())
            | Q(organization__full_name__ulower__contains=value.lower())
        )
