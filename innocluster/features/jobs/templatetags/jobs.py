from django import template

from .. import selectors

register = template.Library()

SHOWN = 10


@register.inclusion_tag("jobs/includes/organization_vacancies.html")
def organization_vacancies(organization):
    """The organization's page: its live vacancies (the first SHOWN, and how many in all),
    linking to the job search narrowed to it."""
    vacancies = selectors.organization_vacancies(organization=organization)
    shown = list(vacancies[: SHOWN + 1])
    count = len(shown) if len(shown) <= SHOWN else vacancies.count()
    return {"organization": organization, "vacancies": shown[:SHOWN], "count": count}
