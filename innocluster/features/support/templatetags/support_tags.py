from django import template

from ..choices import CostCategory, Origin

register = template.Library()


@register.filter
def cost_category(code: str) -> str:
    """The label of a cost category kept as its code (in a saved computation)."""
    return CostCategory(code).label if code in CostCategory.values else code


@register.filter
def origin(code: str) -> str:
    return Origin(code).label if code in Origin.values else code
