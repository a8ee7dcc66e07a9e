from decimal import Decimal

from django import template
from django.utils.formats import number_format

from ..selectors import report_rows

register = template.Library()


@register.simple_tag
def kpi_rows(report):
    """The report's indicators with this year's, last year's and the platform's figures."""
    return report_rows(report)


@register.simple_tag
def kpi_jump_factor():
    from django.conf import settings

    return number_format(settings.KPI_JUMP_FACTOR, decimal_pos=0)


@register.filter
def kpi_figure(value):
    """A stored figure as people read it: «1 250 000,50» in Russian, the countries listed."""
    if value in (None, ""):
        return "—"
    if isinstance(value, list):
        return ", ".join(value) if value else "—"
    number = Decimal(value)
    places = 0 if number == number.to_integral_value() else 2
    return number_format(number, decimal_pos=places, force_grouping=True)
