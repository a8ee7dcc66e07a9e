from django import template

from .. import selectors

register = template.Library()

SHOWN = 10


@register.inclusion_tag("pilots/includes/organization_results.html")
def organization_pilots(organization):
    """The company's profile: its published pilot results (the first SHOWN, and how many)."""
    results = selectors.organization_results(organization=organization)
    shown = list(results[: SHOWN + 1])
    count = len(shown) if len(shown) <= SHOWN else results.count()
    return {"organization": organization, "results": shown[:SHOWN], "count": count}
