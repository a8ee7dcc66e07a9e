"""One FilterSet for the register, shared by the public page and the API."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from innocluster.core.filters import IdFilter

from .choices import IPKind
from .models import IPObject
from .rules import SHA256_ANYCASE, normalize_sha256


class IPObjectFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Title or SHA-256"), method="filter_q", max_length=300)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=IPKind.choices)
    # Hidden on the page: reached by links such as /ip/?organization=42, not typed in.
    organization = IdFilter(
        label=_("Organization"), field_name="organization_id", widget=forms.HiddenInput
    )

    class Meta:
        model = IPObject
        fields = ["q", "kind", "organization"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        digest = normalize_sha256(value)
        if SHA256_ANYCASE.fullmatch(digest):
            # A hash asks "is this exact work registered?": an exact match, not a substring.
            return queryset.filter(work_sha256=digest)
        return queryset.filter(title__ulower__contains=value.lower()) if value else queryset
