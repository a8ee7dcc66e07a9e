"""Facilities, equipment and capacity offers in the one search (platform/search/sources.py),
and the word matching their own lists use, so "all N" on the search page lists the same N.

The search imports this module when Django starts (it looks for a `search.py` in every app),
and the sources below are registered then."""

import functools
import re
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from innocluster.platform.search import sources
from innocluster.platform.search.text import normalize

from . import selectors
from .choices import Capability
from .models import CapacityOffer, Facility, OfferCapability, Resource

TEXT = "search_text"  # each model's folded name, description… (search.fields)


def _capabilities_named(forms: list[str]) -> tuple[str, ...]:
    """The capabilities a word of whose name, Russian or English, starts with one of `forms`
    («фрезерн» → milling: «фрезерная обработка»)."""
    pattern = re.compile(sources.starts_a_word(forms))
    return tuple(code for code, names in _capability_names() if pattern.search(names))


def having_capability(codes) -> Q:
    """Offers that can do one of `codes` (capabilities)."""
    return Q(Exists(OfferCapability.objects.filter(offer=OuterRef("pk"), code__in=codes)))


CAPABILITIES = sources.Also(keys=_capabilities_named, rows=having_capability)


@functools.cache
def _capability_names() -> list[tuple[str, str]]:
    """(code, its name in both languages as a query's words are: lower case, ё as е). Fixed
    while the process runs: worked out once, not at every word of every search."""
    named = []
    for code, label in Capability.choices:
        names = []
        for language in ("ru", "en"):
            with translation.override(language):
                names.append(normalize(str(label)))
        named.append((code, " / ".join(names)))
    return named


def facilities_matching(queryset, query: str):
    return sources.matching(queryset, query, TEXT)


def equipment_matching(queryset, query: str):
    return sources.matching(queryset, query, TEXT)


def offers_matching(queryset, query: str):
    return sources.matching(queryset, query, TEXT, CAPABILITIES)


def _list_url(name: str):
    """The owner's list of `name`, asked for the same words (`q`) and regions as the search."""

    def url(words: str, regions: list[str]) -> str:
        return f"{reverse(name)}?{urlencode({'q': words, 'region': regions}, doseq=True)}"

    return url


def _described(russian: str, english: str = "") -> str:
    """The description in the request's language when there is one."""
    if english and (translation.get_language() or "ru").startswith("en"):
        return english
    return russian or english


def _facility_item(facility: Facility) -> sources.Item:
    return sources.Item(
        title=facility.name,
        url=reverse("facilities:detail", args=[facility.pk]),
        meta=" · ".join(
            [facility.get_kind_display(), facility.organization.short_name, facility.region_name]
        ),
        text=_described(facility.description_ru, facility.description_en),
    )


def _equipment_item(resource: Resource) -> sources.Item:
    model = f" ({resource.equipment_model})" if resource.equipment_model else ""
    return sources.Item(
        title=resource.name + model,
        url=reverse("facilities:resource", args=[resource.pk]),
        meta=" · ".join([resource.facility.name, resource.facility.region_name]),
        text=resource.specifications or resource.description,
    )


def _offer_item(offer: CapacityOffer) -> sources.Item:
    return sources.Item(
        title=offer.title,
        url=reverse("facilities:offer_detail", args=[offer.pk]),
        meta=" · ".join(
            [offer.get_kind_display(), offer.organization.short_name, offer.region_name]
        ),
        text=offer.description or offer.terms,
    )


# Registered in this order: the search shows them in it.
SOURCES = (
    sources.Source(
        code="facilities",
        label=_("Facilities"),
        queryset=selectors.facility_list_public,
        text=TEXT,
        item=_facility_item,
        list_url=_list_url("facilities:list"),
        region_field="region",
    ),
    sources.Source(
        code="equipment",
        label=_("Equipment"),
        queryset=selectors.equipment_list_public,
        text=TEXT,
        item=_equipment_item,
        list_url=_list_url("facilities:equipment"),
        region_field="facility__region",
        owner_field="facility__organization",
    ),
    sources.Source(
        code="capacity_offers",
        label=_("Capacity offers"),
        queryset=lambda: selectors.offer_list_public().prefetch_related(None),
        text=TEXT,
        item=_offer_item,
        list_url=_list_url("facilities:offers"),
        region_field="region",
        also=CAPABILITIES,
        owner_field="organization",
    ),
)
for source in SOURCES:
    sources.register(source)
