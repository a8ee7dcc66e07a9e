"""What the one search finds beside organizations: equipment, capacity offers, and whatever
later services add.

The app that owns such things registers a `Source` in its AppConfig.ready (facilities:
equipment and capacity offers); the directory never imports those apps. Their tables hold
thousands of rows, not a million, so a source needs no index of its own: every word of the
query must occur, in the same Snowball-stemmed form as the organization index reads it
(text.py), in one of the source's text fields. «фрезерного станка» thus finds «Фрезерный
станок с ЧПУ», «3d печать» finds «3D-печать». A search asks each source two queries (how
many, and the first few), whatever the page size.
"""

import os
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Model, Q, QuerySet
from django.utils.safestring import SafeString

from .text import highlight, query_stems, query_words, stem

SHOWN = 3  # of each source on the search page and in the API's `also`
MIN_PREFIX = 3  # a shorter common part of word and stem would match nearly everything


@dataclass(frozen=True)
class Item:
    """One thing found, as the search page and the API show it."""

    title: str
    url: str
    meta: str = ""  # kind · who · where
    text: str = ""  # the description to cut a snippet from


@dataclass(frozen=True)
class Source:
    code: str  # "equipment", "capacity_offers": the API's name for it
    label: str  # plural, for a heading ("Equipment")
    queryset: Callable[[], QuerySet]  # what anybody may see, in the order to show it
    fields: tuple[str, ...]  # the text fields every word is looked for in
    item: Callable[[Model], Item]
    list_url: Callable[[str], str]  # the owner's own list of everything matching the query
    region_field: str | None = None
    # More ways one word can match (a capability's name, say): word prefix -> Q or None.
    also_matches: Callable[[str], Q | None] | None = None


@dataclass
class Section:
    source: Source
    count: int
    items: list[dict] = field(default_factory=list)  # Item fields + title_html, snippet_html
    list_url: str = ""


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    _SOURCES[source.code] = source


def registered() -> list[Source]:
    return list(_SOURCES.values())


def word_prefixes(query: str) -> list[str]:
    """What each word of the query is matched by: the part its Snowball stem shares with it.
    Russian stems are prefixes of their words («станка» → «станк»); English ones may end
    otherwise («factory» → «factori»), so «factor» is what both forms contain."""
    prefixes = []
    for word in query_words(query):
        common = os.path.commonprefix([word, stem(word)])
        prefixes.append(common if len(common) >= MIN_PREFIX else word)
    return list(dict.fromkeys(prefixes))


def matching(queryset: QuerySet, query: str, fields, also_matches=None) -> QuerySet:
    """The rows of `queryset` in whose `fields` (or `also_matches`) every word of `query`
    occurs; all of them when the query has no words (punctuation, stop words)."""
    for prefix in word_prefixes(query):
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{name}__ulower__contains": prefix})
        extra = also_matches(prefix) if also_matches else None
        queryset = queryset.filter(condition | extra if extra is not None else condition)
    return queryset


def sections(*, query: str, regions=(), shown: int = SHOWN) -> list[Section]:
    """Each registered source's count and first `shown` matches of a text query (none for an
    empty one: the directory then lists organizations only), narrowed to `regions` where the
    source has a region."""
    if not word_prefixes(query):
        return []
    stems = query_stems(query)
    found = []
    for source in _SOURCES.values():
        rows = matching(source.queryset(), query, source.fields, source.also_matches)
        if regions and source.region_field:
            rows = rows.filter(**{f"{source.region_field}__in": list(regions)})
        count = rows.count()
        if count:
            items = [_shown(source.item(row), stems) for row in rows[:shown]]
            found.append(Section(source, count, items, source.list_url(query)))
    return found


def sections_beside(result) -> list[Section]:
    """The sections shown above the organizations of a search (selectors.SearchResult): on
    its first page only, when it is valid, by its words and its regions."""
    if not result.valid or result.number != 1:
        return []
    cleaned = result.filterset.form.cleaned_data
    return sections(query=cleaned.get("q") or "", regions=cleaned.get("region") or ())


def _shown(item: Item, stems: list[str]) -> dict:
    return {
        "title": item.title,
        "url": item.url,
        "meta": item.meta,
        "title_html": highlight(item.title, stems),
        "snippet_html": highlight(item.text, stems, limit=160) if item.text else SafeString(""),
    }
