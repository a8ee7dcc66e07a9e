"""Words as search sees them: the same tokens and Snowball stems at index and at query time.

PostgreSQL's `russian` configuration stems Cyrillic words with the Russian Snowball stemmer and
Latin ones with the English one; SQLite has no stemmer, so the index text is stemmed here, with
the same two Snowball stemmers (PyStemmer), and the query goes through the same function. Both
backends thus agree on what a word is: «роботов» and «робот» share the stem «робот», and a
prefix query on it also finds «робототехника».
"""

import functools
import re

import Stemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_QUERY_CHARS = 200  # longer queries are cut: nobody types more, and each word costs
MAX_TERMS = 12
MIN_FUZZY_CHARS = 4  # shorter words have too many neighbours one letter away

_WORD = re.compile(r"[0-9a-zа-я]+")
_CYRILLIC = re.compile(r"[а-я]")
# PostgreSQL's own stop words (tsearch_data/russian.stop and english.stop, Snowball's lists): its
# `russian` configuration drops them from vectors, so both backends drop them everywhere.
STOP_WORDS = frozenset(
    """
    и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только
    ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни
    быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут
    где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под
    будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой
    тем чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть
    после над больше тот через эти нас про всего них какая много разве три эту моя впрочем
    хорошо свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно всю
    между
    i me my myself we our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves what
    which who whom this that these those am is are was were be been being have has had
    having do does did doing a an the and but if or because as until while of at by for
    with about against between into through during before after above below to from up
    down in out on off over under again further then once here there when where why how
    all any both each few more most other some such no nor not only own same so than too
    very s t can will just don should now
    """.split()  # noqa: SIM905 - a list of 278 quoted words would be harder to read
)
_RUSSIAN = Stemmer.Stemmer("russian")
_ENGLISH = Stemmer.Stemmer("english")


def normalize(text: str) -> str:
    """Lower case, «ё» read as «е» (people type both), as PostgreSQL's `russian` config does."""
    return text.lower().replace("ё", "е")


def words(text: str) -> list[str]:
    """The words of `text`: runs of letters and digits; «3D-печать» is «3d» and «печать»."""
    return [w for w in _WORD.findall(normalize(text or "")) if w not in STOP_WORDS]


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    stemmer = _RUSSIAN if _CYRILLIC.search(word) else _ENGLISH
    return stemmer.stemWord(word)


def stem_text(text: str | None) -> str:
    """The index text: every word of `text` stemmed, separated by spaces."""
    return " ".join(stem(w) for w in words(text or ""))


def query_words(query: str) -> list[str]:
    """The distinct words of a query, in order, at most MAX_TERMS of them."""
    seen: dict[str, None] = {}
    for word in words((query or "")[:MAX_QUERY_CHARS]):
        seen.setdefault(word, None)
    return list(seen)[:MAX_TERMS]


def query_stems(query: str) -> list[str]:
    return list(dict.fromkeys(stem(w) for w in query_words(query)))


VOWELS = frozenset("аеиоуыэюя")


def fleeting_vowel(prefix: str) -> list[str]:
    """«станк» → «станок», «станек»: Russian drops a vowel between two final consonants in
    some forms of a word («станок», «станка»), and the stemmer keeps what it finds, so the
    stem of «станка» does not begin «станок». For a Cyrillic stem of four letters or more
    that ends in two consonants, the two ways to put the vowel back."""
    if len(prefix) < 4 or prefix.isascii() or not prefix[-1].isalpha():
        return []
    if prefix[-1] in VOWELS or prefix[-2] in VOWELS or not prefix[-2].isalpha():
        return []
    return [prefix[:-1] + vowel + prefix[-1] for vowel in "ое"]


def query_prefixes(query: str) -> list[str]:
    """What a word of the text may begin with to match a word of the query: each stem, and
    the stem with a fleeting vowel put back. The highlights mark these; both backends' prefix
    queries accept the same forms, word by word."""
    return list(dict.fromkeys(f for s in query_stems(query) for f in [s, *fleeting_vowel(s)]))


def deletions(word: str) -> set[str]:
    """`word` and every string one letter shorter: two words within one typo of each other
    (a letter missing, added, replaced, or two neighbours swapped) share one of these."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def one_typo_apart(a: str, b: str) -> bool:
    """Whether `b` is `a` with one letter missing, added or replaced, or two neighbouring
    letters swapped (optimal string alignment distance of at most 1)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    if a[i + 1 :] == b[i + 1 :]:
        return True
    return a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :]


def typo_neighbours(pairs) -> dict[str, set[str]]:
    """From (query stem, candidate name word) pairs, the words one typo from each stem that
    its prefix query does not already find."""
    found: dict[str, set[str]] = {}
    for source, term in pairs:
        if not term.startswith(source) and one_typo_apart(source, term):
            found.setdefault(source, set()).add(term)
    return found


def name_variants(name: str) -> list[list[str]]:
    """[variant, stem] pairs for the words of an organization's name (the SQLite typo index)."""
    pairs = set()
    for word in words(name):
        if len(word) >= MIN_FUZZY_CHARS and not word.isdigit():
            term = stem(word)
            pairs.update((variant, term) for variant in deletions(term))
    return [list(p) for p in sorted(pairs)]


def highlight(text: str, stems: list[str], *, limit: int = 0) -> SafeString:
    """`text`, HTML-escaped, with every word that starts with a query stem in <mark>.

    With `limit`, a window of about that many characters around the first match.
    """
    text = text or ""
    if limit and len(text) > limit:
        text = _window(text, stems, limit)
    if not stems:
        return escape(text)
    prefixes = tuple(stems)
    out, last = [], 0
    for match in _TOKEN.finditer(text):
        if _marked(match.group(), prefixes):
            out.append(escape(text[last : match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


_TOKEN = re.compile(r"\w+")


@functools.lru_cache(maxsize=65536)
def _marked(token: str, prefixes: tuple[str, ...]) -> bool:
    """Whether a word of the text starts with a query stem, or its stem does. Cached: the
    same words recur in every name and description."""
    word = normalize(token)
    return word.startswith(prefixes) or stem(word).startswith(prefixes)


def _window(text: str, stems: list[str], limit: int) -> str:
    start = 0
    prefixes = tuple(stems)
    for match in _TOKEN.finditer(text):
        if _marked(match.group(), prefixes):
            start = max(0, match.start() - limit // 3)
            break
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    piece = text[start : start + limit]
    if start + limit < len(text):
        cut = piece.rfind(" ")
        piece = (piece[:cut] if cut > limit // 2 else piece) + "…"
    return ("…" if start else "") + piece
