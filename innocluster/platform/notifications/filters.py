"""One FilterSet for the notification list, shared by the page and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from .models import Notification

SHOW_CHOICES = [("true", _("Unread only")), ("false", _("Read only"))]


@extend_schema_field(OpenApiTypes.BOOL)
class StrictBooleanFilter(django_filters.ChoiceFilter):
    """`true` or `false`, and nothing else: `?unread=maybe` is a 400 that says so, not a list
    quietly unfiltered."""

    def __init__(self, **kwargs):
        super().__init__(choices=SHOW_CHOICES, **kwargs)


class NotificationFilterSet(django_filters.FilterSet):
    unread = StrictBooleanFilter(label=_("Show"), method="filter_unread", empty_label=_("All"))

    class Meta:
        model = Notification
        fields = ["unread"]

    def filter_unread(self, queryset, name, value):
        return queryset.filter(read_at__isnull=value == "true")
