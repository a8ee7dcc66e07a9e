"""What the fund's administrators enter on the dashboard: a KPI's target for a year and the
city's average export growth of a year (each entered again changes the one there)."""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from innocluster.core.forms import AmountField, ServiceModelForm

from .models import ExportGrowth, KpiTarget


class KpiTargetForm(ServiceModelForm):
    prefix = "target"
    target = AmountField(label=capfirst(_("target")), max_digits=18, decimal_places=2, min_value=0)

    class Meta:
        model = KpiTarget
        fields = ["kpi", "year", "target"]


class ExportGrowthForm(ServiceModelForm):
    prefix = "growth"
    percent = AmountField(
        label=capfirst(_("average export growth, %")),
        max_digits=6,
        decimal_places=2,
        min_value=-100,
        max_value=1000,
    )

    class Meta:
        model = ExportGrowth
        fields = ["year", "percent", "source"]
