"""One FilterSet per list, shared by the "awards" page and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from innocluster.core.filters import IdFilter, IntegerFilter

from ..choices import AgreementState, ReportState, TrancheState
from .models import Award, Payment, Report


class AwardFilterSet(django_filters.FilterSet):
    organization = IdFilter(field_name="organization_id", label=_("organization"))
    measure = django_filters.CharFilter(field_name="measure__code", label=_("measure (code)"))
    year = IntegerFilter(label=_("year"), min_value=1, max_value=9999)
    agreement_state = django_filters.ChoiceFilter(
        field_name="agreement__state", choices=AgreementState.choices, label=_("agreement")
    )

    class Meta:
        model = Award
        fields = ["organization", "measure", "year", "agreement_state"]


class PaymentFilterSet(django_filters.FilterSet):
    award = IdFilter(field_name="tranche__award_id", label=_("award"))

    class Meta:
        model = Payment
        fields = ["award"]


class ReportFilterSet(django_filters.FilterSet):
    award = IdFilter(field_name="tranche__award_id", label=_("award"))
    state = django_filters.ChoiceFilter(choices=ReportState.choices, label=_("state"))
    tranche_state = django_filters.ChoiceFilter(
        field_name="tranche__state", choices=TrancheState.choices, label=_("tranche")
    )

    class Meta:
        model = Report
        fields = ["award", "state", "tranche_state"]
