"""What the one search finds beside organizations: equipment, capacity offers, and whatever
later services add.

An app that owns such things registers a `Source` from its own `search.py`, which this app
imports from every installed app when Django starts (apps.py): the search imports no feature,
and a feature registers without importing another. Their tables hold thousands of rows, not a
million, so a source needs no index of its own: every word of the query must start a word of
one of the source's text fields, in the form the organization index reads it (text.py: lower
case, «ё» as «е», the Snowball stem), so «фрезерного станка» finds «Фрезерный станок с ЧПУ»,
«3d печать» finds «3D-печать» and «batteries» finds «Battery», while «печь» does not find
«обеспечение». The fields are folded once, when a row is written, into a stored column of the
source's model (fields.search_text_field), so a word is a substring test and one regular
expression on one column. A search finds every source's first few rows and counts in one
statement (its SQL built once per shape of query and day, not at every search), then loads the
rows shown of each source that has any, whatever the page size.
"""

import functools
import operator
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, F, Func, Model, Q, QuerySet, TextField, Value, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.db.models.lookups import Contains, In, Regex
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from innocluster.core.querycache import cached_value

from . import wordindex
from .text import fleeting_vowel, highlight, query_stems, query_words, stem

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
class Also:
    """More ways a word can match a row: things named in Python (an offer's capabilities) a
    word of whose names the word starts. Their keys, not a condition, come from the word, so
    the search's statement is built once for every query of the same shape (_statement)."""

    keys: Callable[[list[str]], tuple[str, ...]]  # a word's forms -> the things it names
    rows: Callable[[tuple[str, ...]], Q]  # the rows that have one of those things


@dataclass(frozen=True)
class Source:
    code: str  # "equipment", "capacity_offers": the API's name for it
    label: str  # plural, for a heading ("Equipment")
    # What anybody may see, in the order to show it; its SQL may change with the day (what is
    # still available), nothing else: the search builds it once a day (_statement).
    queryset: Callable[[], QuerySet]
    # Its model's stored column of folded text words are looked for in (fields.search_text_field).
    text: str
    item: Callable[[Model], Item]
    # The owner's own list of everything matching the words in the regions (words, regions).
    list_url: Callable[[str, list[str]], str]
    region_field: str | None = None
    also: Also | None = None
    # The path to the organization a row belongs to ("facility__organization"): what the
    # exchange's matching reads to say which manufacturer has the equipment or offer found.
    owner_field: str | None = None


@dataclass
class Section:
    source: Source
    count: int
    items: list[dict] = field(default_factory=list)  # Item fields + title_html, snippet_html
    list_url: str = ""


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    """Add `source` to the search. Its queryset's SQL must depend on the day at most: the
    statement built from it serves every search of the day (_statement)."""
    _SOURCES[source.code] = source
    _statement.cache_clear()


def registered() -> list[Source]:
    return list(_SOURCES.values())


# Before a word's first letter: the text's start or anything but a letter or digit.
WORD_START = "(^|[^0-9a-zа-я])"


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
        forms.append([common, *fleeting_vowel(common)])
    return forms


def starts_a_word(forms: list[str]) -> str:
    """The regular expression (PostgreSQL's and Python's alike) of a word starting with one of
    `forms`; they are letters and digits only (text.words), escaped all the same."""
    return WORD_START + "(" + "|".join(re.escape(form) for form in forms) + ")"


def matching(
    queryset: QuerySet,
    query: str,
    text: str,
    also: Also | None = None,
    *,
    beside: int = 0,
    every_row: bool = True,
) -> QuerySet:
    """The rows of `queryset` in whose folded `text` column (or by `also`) every word of
    `query` starts a word; all of them when the query has no words (punctuation, stop
    words). Where the column has a word index (wordindex.py), how it is used depends on
    `beside`, how many other filters cut the rows, and `every_row`, whether all the rows are
    read (a count) or the first few in an order (a page); core.filters.WordsLastFilterSet
    says both. SQLite's FTS5 index:
    - nothing beside, every row: the rows are found through the index;
    - nothing beside, a page, or one filter beside: each row the order's or the filter's index
      leads to is looked up in the index's keys (a page of a common word sorted all its 21,000
      matches: 40 ms at 100,000 vacancies);
    - two filters or more beside: they leave few rows, and each is tested as with no index
      (a word and every facet: 90 ms so, 140 ms through the index's keys, one set of keys per
      statement; a word and one facet: 170 ms so, 100 ms through the keys; issue 22, a
      loaded machine).
    PostgreSQL's trigram index answers the column's own LIKE and regular expression; beside
    other filters the column is given as an expression no index is made on (`_unindexed`):
    PostgreSQL underestimates a trigram bitmap and ANDs it with the facets' (20 ms a count
    instead of 9)."""
    index = wordindex.index_of(queryset.model, text, queryset.db)
    for forms in word_forms(query):
        if index == wordindex.FTS and beside <= 1:
            words = wordindex.prefix_query(forms)
            condition = _indexed_word(queryset.model, words, lead=not beside and every_row)
            condition = condition | also.rows(_named(also, forms)) if also else condition
        else:
            column = _unindexed(text) if index and beside else text
            condition = _word(column, *_word_tests(forms), also, _named(also, forms))
        queryset = queryset.filter(condition)
    return queryset


def _indexed_word(model, words: str, *, lead: bool) -> Q:
    """The rows that match `words` (an FTS5 query: wordindex.prefix_query) by the model's word
    index: found through it (`lead`), or each row looked up in its keys (`+key IN`: SQLite
    would otherwise read the rows by those keys, one wide row at a time, where another
    filter's index leads to fewer)."""
    sql = wordindex.matching_rows_sql(model._meta.db_table)
    # S611: the SQL names our own table; the query is a parameter
    keys = RawSQL(sql, [words])  # noqa: S611
    if lead:
        return Q(pk__in=keys)
    key = Func(F("pk"), template="+%(expressions)s", output_field=model._meta.pk)
    return Q(In(key, keys))


def _unindexed(text: str) -> Coalesce:
    """The column as an expression no index is made on (the same text: it is never NULL)."""
    return Coalesce(text, Value(""), output_field=TextField())


def matching_any(
    queryset: QuerySet, queries: list[str], text: str, also: Also | None = None
) -> QuerySet:
    """The rows of `queryset` that match one of `queries` as `matching` reads each: one
    condition, the queries' OR-ed, so the queryset's own filters are tested once per row and
    not once per query (what OR-ing `matching`'s querysets would do)."""
    conditions = []
    for query in queries:
        condition = Q()
        for forms in word_forms(query):
            condition &= _word(text, *_word_tests(forms), also, _named(also, forms))
        if not condition:  # a query of no words matches every row
            return queryset
        conditions.append(condition)
    if not conditions:
        return queryset.none()
    return queryset.filter(functools.reduce(operator.or_, conditions))


def _named(also: Also | None, forms: list[str]) -> tuple[str, ...]:
    """What a word names of a source's `also` (hashable: part of a statement's shape)."""
    return tuple(also.keys(forms)) if also else ()


def _word_tests(forms: list[str]) -> tuple[str, str]:
    """A word's substring every match contains, and its regular expression (_word)."""
    return os.path.commonprefix(forms), starts_a_word(forms)


def _word(text, prefix: str, pattern: str, also: Also | None, keys: tuple) -> Q:
    """`text`: a column's name, or an expression of it."""
    # A plain substring test first, the regular expression only on the rows it leaves: both
    # databases test a row's equally cheap-looking conditions in the order written, and a
    # regular expression costs twice LIKE's time per row.
    if isinstance(text, str):
        condition = Q(**{f"{text}__contains": prefix}) & Q(**{f"{text}__regex": pattern})
    else:
        condition = Q(Contains(text, prefix)) & Q(Regex(text, pattern))
    return condition | also.rows(keys) if keys else condition


def sections(*, query: str, regions=(), shown: int = SHOWN) -> list[Section]:
    """Each registered source's count and first `shown` matches of a text query (none for an
    empty one: the directory then lists organizations only), narrowed to `regions` where the
    source has a region. One statement finds them all (_first_matches); then one query per
    source that has any loads the few rows shown. Every source is public (`Source.queryset`),
    so the sections are the same for everyone: kept in the query cache under the query, the
    regions, the day and the language until a write (core/querycache.py; issue 18: they were
    two thirds of a search's CPU, once the organizations' were cached)."""
    forms = word_forms(query)
    if not forms:
        return []
    regions = list(regions)
    if settings.SEARCH_CACHE:
        key = (connection.alias, query, regions, shown, timezone.localdate(), get_language())
        found = cached_value("search:sections", key, lambda: _found(query, forms, regions, shown))
    else:
        found = _found(query, forms, regions, shown)
    return [
        Section(_SOURCES[code], count, items, url)
        for code, count, items, url in found
        if code in _SOURCES
    ]


def _found(query: str, forms: list[list[str]], regions: list, shown: int) -> list[tuple]:
    """(source code, count, items shown, the list's address) of each source with matches."""
    marks = list(dict.fromkeys([*query_stems(query), *(f for group in forms for f in group)]))
    words = " ".join(query_words(query))  # what the lists behind "All N" are asked: no more
    first = _first_matches(forms, regions, shown)
    found = []
    for source in _SOURCES.values():
        if source.code in first:
            count, pks = first[source.code]
            rows = source.queryset().filter(pk__in=pks)
            items = [_shown(source.item(row), marks) for row in rows]
            found.append((source.code, count, items, source.list_url(words, regions)))
    return found


def _first_matches(forms: list[list[str]], regions: list, shown: int) -> dict[str, tuple]:
    """code -> (how many rows match, the keys of its first `shown`), for the sources with any:
    one statement for every source (a query each would cost a round trip each)."""
    keys = tuple(tuple(_named(s.also, group) for group in forms) for s in _SOURCES.values())
    sql, params = _statement(len(forms), len(regions), keys, shown, timezone.localdate())
    if not sql:
        return {}
    values = {}
    for n, group in enumerate(forms):
        prefix, pattern = _word_tests(group)
        # escaped as the ORM escapes a `contains` value (its blank had nothing to escape)
        values[_blank("prefix", n)] = connection.ops.prep_for_like_query(prefix)
        values[_blank("pattern", n)] = pattern
        values[_blank("words", n)] = wordindex.prefix_query(group)
    values |= {_blank("region", n): region for n, region in enumerate(regions)}
    found: dict[str, tuple[int, list]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [_filled(param, values) for param in params])
        for code, pk, count in cursor.fetchall():
            found.setdefault(code, (count, []))[1].append(pk)
    return found


# Building a search's statement through the ORM took longer than running it (~0.5 ms a
# source). So it is built once per shape (how many words and regions, what each word names
# of a source's `also`) and day, with blanks where the words and regions go: strings of a
# private-use character that no query's words hold (text.words: letters and digits), which
# each search fills in its parameters (_filled).
_BLANK = "\ue000"
_BLANKS = re.compile(f"{_BLANK}[a-z]+[0-9]+{_BLANK}")


def _blank(kind: str, n: int) -> str:
    return f"{_BLANK}{kind}{n}{_BLANK}"


def _filled(param, values: dict[str, str]):
    if isinstance(param, str) and _BLANK in param:
        return _BLANKS.sub(lambda blank: values[blank.group()], param)
    return param


@functools.lru_cache(maxsize=512)
def _statement(words: int, regions: int, keys: tuple, shown: int, day) -> tuple[str, tuple]:
    """The SQL (with blanks, _filled) of every source's first `shown` matches of `words` words
    and `regions` regions, and the count of all (a window count), by UNION ALL; ("", []) when
    no source can match anything. `keys`: for each source, what each word names of its `also`;
    `day`: the sources' querysets are the day's."""
    parts, params = [], []
    for source, named in zip(_SOURCES.values(), keys, strict=True):
        rows = source.queryset()
        indexed = wordindex.index_of(rows.model, source.text, rows.db) == wordindex.FTS
        for n, extra in enumerate(named):
            if indexed:  # the rows found through the word index (wordindex.py)
                condition = _indexed_word(rows.model, _blank("words", n), lead=True)
                rows = rows.filter(condition | source.also.rows(extra) if extra else condition)
                continue
            prefix, pattern = _blank("prefix", n), _blank("pattern", n)
            rows = rows.filter(_word(source.text, prefix, pattern, source.also, extra))
        if regions and source.region_field:
            blanks = [_blank("region", n) for n in range(regions)]
            rows = rows.filter(**{f"{source.region_field}__in": blanks})
        counted = rows.annotate(matches=Window(Count("pk"))).values_list("pk", "matches")
        try:
            sql, part_params = counted[:shown].query.sql_with_params()
        except EmptyResultSet:  # a queryset that can match nothing (`.none()`, `__in=[]`)
            continue
        alias = connection.ops.quote_name(source.code)
        parts.append(f"SELECT %s, * FROM ({sql}) AS {alias}")  # noqa: S608 - the ORM's SQL
        params += [source.code, *part_params]
    return " UNION ALL ".join(parts), tuple(params)  # shared by every search: not to be changed


def _shown(item: Item, stems: list[str]) -> dict:
    return {
        "title": item.title,
        "url": item.url,
        "meta": item.meta,
        "title_html": highlight(item.title, stems),
        "snippet_html": highlight(item.text, stems, limit=160) if item.text else SafeString(""),
    }
