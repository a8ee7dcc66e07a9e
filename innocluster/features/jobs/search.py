"""Vacancies in the one search (platform/search/sources.py), and the word matching the job
search uses, so "all N" on the search page lists the same N."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innocluster.platform.search import sources

from . import selectors
from .models import Vacancy

TEXT = "search_text"


def vacancies_matching(queryset, query: str, *, beside: int = 0, every_row: bool = True):
    return sources.matching(queryset, query, TEXT, beside=beside, every_row=every_row)


def _list_url(words: str, regions: list[str]) -> str:
    return f"{reverse('jobs:vacancies')}?{urlencode({'q': words})}"


def _item(vacancy: Vacancy) -> sources.Item:
    where = vacancy.metro.name if vacancy.metro_id else vacancy.get_work_format_display()
    return sources.Item(
        title=vacancy.title,
        url=reverse("jobs:vacancy", args=[vacancy.pk]),
        meta=" · ".join([vacancy.organization.short_name, str(where)]),
        text=vacancy.description,
    )


SOURCES = (
    sources.Source(
        code="vacancies",
        label=_("Vacancies"),
        queryset=selectors.vacancy_list_public,
        text=TEXT,
        item=_item,
        list_url=_list_url,
    ),
)
for source in SOURCES:
    sources.register(source)
