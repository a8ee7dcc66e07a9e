"""Pilot sites and published pilot results in the one search (platform/search/sources.py),
and the word matching their catalogues use, so "all N" on the search page lists the same N."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innocluster.platform.search import sources

from . import selectors
from .models import PilotReport, PilotSite

TEXT = "search_text"


def sites_matching(queryset, query: str):
    return sources.matching(queryset, query, TEXT)


def _list_url(words: str, regions: list[str]) -> str:
    query = urlencode({"q": words, "region": regions}, doseq=True)
    return f"{reverse('pilots:sites')}?{query}"


def _site_item(site: PilotSite) -> sources.Item:
    return sources.Item(
        title=site.name,
        url=reverse("pilots:site", args=[site.pk]),
        meta=" · ".join([site.get_category_display(), site.organization.short_name, site.address]),
        text=site.testable or site.description,
    )


def results_matching(queryset, query: str):
    return sources.matching(queryset, query, TEXT)


def _results_url(words: str, regions: list[str]) -> str:
    query = urlencode({"q": words, "region": regions}, doseq=True)
    return f"{reverse('pilots:results')}?{query}"


def _result_item(report: PilotReport) -> sources.Item:
    return sources.Item(
        title=report.title,
        url=reverse("pilots:result", args=[report.pk]),
        meta=" · ".join([report.organization.short_name, report.get_category_display()]),
        text=report.users_opinion,
    )


SOURCES = (
    sources.Source(
        code="pilot_sites",
        label=_("Pilot sites"),
        queryset=selectors.site_list_public,
        text=TEXT,
        item=_site_item,
        list_url=_list_url,
        region_field="region",
    ),
    sources.Source(
        code="pilots",
        label=_("Pilot results"),
        queryset=selectors.result_list_public,
        text=TEXT,
        item=_result_item,
        list_url=_results_url,
        region_field="region",
    ),
)
for source in SOURCES:
    sources.register(source)
