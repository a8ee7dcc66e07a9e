"""What the one search finds beside organizations: equipment, capacity offers, and whatever
later services add.

The app that owns such things registers a `Source` in its AppConfig.ready (facilities:
facilities, equipment and capacity offers); the directory never imports those apps. Their
tables hold thousands of rows, not a million, so a source needs no index of its own: every
word of the query must start a word of one of the source's text fields, in the form the
organization index reads it (text.py: lower case, «ё» as «е», the Snowball stem), so
«фрезерного станка» finds «Фрезерный станок с ЧПУ», «3d печать» finds «3D-печать» and
«batteries» finds «Battery», while «печь» does not find «обеспечение». The fields are folded
once, when a row is written, into a stored column of the source's model (core.lookups.folded_text:
`search_text`), so a word is a substring test and one regular expression on one column. A
search finds every source's first few rows and counts in one statement, then loads the rows
shown of each source that has any, whatever the page size.
"""

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Model, Q, QuerySet, Window
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
    # Its model's stored column of folded text (core.lookups.folded_text) words are looked for in.
    text: str
    item: Callable[[Model], Item]
    # The owner's own list of everything matching the words in the regions (words, regions).
    list_url: Callable[[str, list[str]], str]
    region_field: str | None = None
    # More ways one word can match (a capability's name, say): its forms -> Q or None.
    also_matches: Callable[[list[str]], Q | None] | None = None


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


# Before a word's first letter: the text's start or anything but a letter or digit.
WORD_START = "(^|[^0-9a-zа-я])"
VOWELS = frozenset("аеиоуыэюя")


def word_forms(query: str) -> list[list[str]]:
    """For each word of the query, the beginnings a word of the text may start with: the part
    its Snowball stem shares with it («станка» → «станк»), and the stem with a fleeting vowel
    put back («станок»: Russian drops it in other forms, and the stemmer keeps what it finds).
    English stems may end otherwise («batteries» → «batteri»): a final «i» is Snowball's «y»,
    so «batter» is what «battery» and «batteries» both start with."""
    forms = []
    for word in query_words(query):
        stemmed = stem(word)
        if stemmed.endswith("i") and stemmed.isascii():
            stemmed = stemmed[:-1]
        common = os.path.commonprefix([word, stemmed])
        common = common if len(common) >= MIN_PREFIX else word
        forms.append([common, *_fleeting_vowel(common)])
    return forms


def _fleeting_vowel(prefix: str) -> list[str]:
    """«станк» → «станок», «станек»: when a Russian stem ends in two consonants."""
    if len(prefix) < 4 or prefix.isascii() or not prefix[-1].isalpha():
        return []
    if prefix[-1] in VOWELS or prefix[-2] in VOWELS or not prefix[-2].isalpha():
        return []
    return [prefix[:-1] + vowel + prefix[-1] for vowel in "ое"]


def starts_a_word(forms: list[str]) -> str:
    """The regular expression (PostgreSQL's and Python's alike) of a word starting with one of
    `forms`; they are letters and digits only (text.words), escaped all the same."""
    return WORD_START + "(" + "|".join(re.escape(form) for form in forms) + ")"


def matching(queryset: QuerySet, query: str, text: str, also_matches=None) -> QuerySet:
    """The rows of `queryset` in whose folded `text` column (or by `also_matches`) every word
    of `query` starts a word; all of them when the query has no words (punctuation, stop
    words)."""
    for forms in word_forms(query):
        # A plain substring test first, the regular expression only on the rows it leaves:
        # both databases test a row's equally cheap-looking conditions in the order written,
        # and a regular expression costs twice LIKE's time per row.
        condition = Q(**{f"{text}__contains": os.path.commonprefix(forms)}) & Q(
            **{f"{text}__regex": starts_a_word(forms)}
        )
        extra = also_matches(forms) if also_matches else None
        queryset = queryset.filter(condition | extra if extra is not None else condition)
    return queryset


def sections(*, query: str, regions=(), shown: int = SHOWN) -> list[Section]:
    """Each registered source's count and first `shown` matches of a text query (none for an
    empty one: the directory then lists organizations only), narrowed to `regions` where the
    source has a region. One statement finds them all (_first_matches); then one query per
    source that has any loads the few rows shown."""
    forms = word_forms(query)
    if not forms:
        return []
    marks = list(dict.fromkeys([*query_stems(query), *(f for group in forms for f in group)]))
    words = " ".join(query_words(query))  # what the lists behind "All N" are asked: no more
    regions = list(regions)
    chosen = {}
    for source in _SOURCES.values():
        rows = matching(source.queryset(), query, source.text, source.also_matches)
        if regions and source.region_field:
            rows = rows.filter(**{f"{source.region_field}__in": regions})
        chosen[source.code] = rows
    first = _first_matches(chosen, shown)
    found = []
    for source in _SOURCES.values():
        if source.code in first:
            count, pks = first[source.code]
            rows = source.queryset().filter(pk__in=pks)
            items = [_shown(source.item(row), marks) for row in rows]
            found.append(Section(source, count, items, source.list_url(words, regions)))
    return found


def _first_matches(chosen: dict[str, QuerySet], shown: int) -> dict[str, tuple[int, list]]:
    """code -> (how many rows its query has, the keys of its first `shown`), for the codes
    with any: one UNION ALL statement for every source, as each source's own query
    costs a round trip, and building it in the ORM costs more than running it."""
    parts, params = [], []
    for code, rows in chosen.items():
        counted = rows.annotate(matches=Window(Count("pk"))).values_list("pk", "matches")
        try:
            sql, part_params = counted[:shown].query.sql_with_params()
        except EmptyResultSet:  # a queryset that can match nothing (`.none()`, `__in=[]`)
            continue
        alias = connection.ops.quote_name(code)
        parts.append(f"SELECT %s, * FROM ({sql}) AS {alias}")  # noqa: S608 - the ORM's SQL
        params += [code, *part_params]
    if not parts:
        return {}
    found: dict[str, tuple[int, list]] = {}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for code, pk, count in cursor.fetchall():
            found.setdefault(code, (count, []))[1].append(pk)
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
