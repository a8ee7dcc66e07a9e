"""One FilterSet for the reviewers' queue, shared by the queue page and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from innocluster.core.calendar import moscow_date
from innocluster.core.filters import AnyOfFilter

from .choices import AWAITING_FUND, CaseStatus
from .kinds import kind_choices
from .models import Case

YES_NO = [("true", _("yes")), ("false", _("no"))]
QUEUE_STATUSES = [(value, label) for value, label in CaseStatus.choices if value != "draft"]


class CaseQueueFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=kind_choices)
    status = AnyOfFilter(label=_("Status"), choices=QUEUE_STATUSES)
    overdue = django_filters.ChoiceFilter(
        label=_("Overdue"), choices=YES_NO, empty_label=_("any"), method="filter_overdue"
    )
    mine = django_filters.ChoiceFilter(
        label=_("Taken by me"), choices=YES_NO, empty_label=_("any"), method="filter_mine"
    )
    q = django_filters.CharFilter(label=_("Organization or INN"), method="filter_q", max_length=200)

    class Meta:
        model = Case
        fields = ["kind", "status", "overdue", "mine", "q"]

    def filter_overdue(self, queryset, name, value):
        value = value == "true"
        late = Q(status__in=AWAITING_FUND, decision_due__lt=moscow_date())
        return queryset.filter(late) if value else queryset.exclude(late)

    def filter_mine(self, queryset, name, value):
        value = value == "true"
        reviewer = self.request.user if self.request else None
        return queryset.filter(reviewer=reviewer) if value else queryset.exclude(reviewer=reviewer)

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(organization__short_name__ulower__contains=value.lower()) | Q(organization__inn=value)
        )
