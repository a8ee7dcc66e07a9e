"""Words as search sees them: the same tokens and Snowball stems at index and at query time.

PostgreSQL's `russian` configuration stems Cyrillic words with the Russian Snowball stemmer and
Latin ones with the English one; SQLite has no stemmer, so the index text is stemmed here, with
the same two Snowball stemmers (PyStemmer), and the query goes through the same function. Both
backends thus agree on what a word is: «роботов» and «робот» share the stem «робот», and a
prefix query on it also finds «робототехника».
"""

import functools
import html
import re

import Stemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_QUERY_CHARS = 200  # longer queries are cut: nobody types more, and each word costs
MAX_TERMS = 12
MIN_FUZZY_CHARS = 4  # shorter words have too many neighbours one letter away

_WORD = re.compile(r"[0-9a-zа-я]+")
# The characters of a word, as _WORD reads them (а-я: U+0430-U+044F, «ё» folded to «е»): what
# the SQLite word indexes' tokenizer reads as one (wordindex.py).
WORD_CHARACTERS = "0123456789abcdefghijklmnopqrstuvwxyz" + "".join(map(chr, range(0x430, 0x450)))
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


# Latin and Cyrillic letters that people type for one another in a token with digits: «3д»
# is «3D» typed without switching the keyboard's layout, «5г» is «5G».
_LATIN_LETTERS = "abvgdekmnoprst"
_CYRILLIC_LETTERS = "абвгдекмнопрст"
_TO_LATIN = str.maketrans(_CYRILLIC_LETTERS, _LATIN_LETTERS)
_TO_CYRILLIC = str.maketrans(_LATIN_LETTERS, _CYRILLIC_LETTERS)
_MIXED = re.compile(r"^(?=.*[0-9])(?=.*[a-zа-я])[0-9abvgdekmnoprstабвгдекмнопрст]+$")

# Words and phrases that name the same thing in the other language or as an abbreviation, as
# the taxonomy names them both: a query word equal to one finds every other.
EQUIVALENTS = (
    ("ии", "ai", "искусственный интеллект", "artificial intelligence"),
    ("ml", "машинное обучение", "machine learning"),
    ("iot", "интернет вещей", "internet of things"),
    ("vr", "виртуальная реальность", "virtual reality"),
    ("ar", "дополненная реальность", "augmented reality"),
    ("бпла", "беспилотник", "дрон", "drone"),
    ("чпу", "cnc"),
)
# by stem: «дроны» is «дрон»
_EQUIVALENT = {stem(p): group for group in EQUIVALENTS for p in group if " " not in p}
ABBREVIATION_CHARS = 4  # an abbreviation shorter than this is matched whole, not as a prefix
WHOLE = "$"  # query_prefixes' mark of a term that a word matches whole, not as its beginning

# One alternative of a query word: the stems every one of which the text must hold, each
# (stem, whether a longer word starting with it matches too).
Alternative = tuple[tuple[str, bool], ...]


def other_script(word: str) -> str | None:
    """«3д» → «3d», «5g» → «5г»: a token of digits and letters typed in either layout."""
    if not _MIXED.match(word):
        return None
    latin = word.translate(_TO_LATIN)
    return latin if latin != word else word.translate(_TO_CYRILLIC)


def root_forms(word_stem: str) -> list[str]:
    """The root a Cyrillic stem shares with the words of its family that the stemmer leaves
    apart, because the last consonant alternates: «робототехник» (-ика) and
    «робототехническ» (-ические) both begin «робототехн»; «логистик», «логистическ» «логист».
    Long stems only: a short root would begin too many other words."""
    if word_stem.isascii():
        return []
    if len(word_stem) >= 10 and word_stem.endswith("ическ"):
        return [word_stem[:-5]]
    if len(word_stem) >= 7 and word_stem.endswith("ик"):
        return [word_stem[:-2]]
    return []


def _stem_term(word_stem: str) -> tuple[str, bool]:
    return (word_stem, len(word_stem) > 1)


def word_alternatives(word: str) -> list[Alternative]:
    """What a word of the query matches, any one of them: its stem as a prefix; the stem
    with a fleeting vowel put back; the root of its family (root_forms); its spelling in the
    other layout (other_script); the words that name the same (EQUIVALENTS)."""
    word_stem = stem(word)
    forms = [word_stem, *fleeting_vowel(word_stem), *root_forms(word_stem)]
    alternatives: list[Alternative] = [(_stem_term(form),) for form in forms]
    if (other := other_script(word)) is not None:
        alternatives.append((_stem_term(stem(other)),))
    for phrase in _EQUIVALENT.get(word_stem, ()):
        if stem(phrase) == word_stem:
            continue
        parts = words(phrase)
        if len(parts) == 1 and len(parts[0]) < ABBREVIATION_CHARS:
            alternatives.append(((parts[0], False),))
        else:
            alternatives.append(tuple(_stem_term(stem(part)) for part in parts))
    return list(dict.fromkeys(alternatives))


def query_terms(query: str) -> list[list[Alternative]]:
    """For each distinct word of the query, what it matches (word_alternatives); a document
    matches the query when it matches every word, or, as the partial fallback, some."""
    groups = {}
    for word in query_words(query):
        key = stem(word)
        groups[key] = list(dict.fromkeys([*groups.get(key, []), *word_alternatives(word)]))
    return list(groups.values())


def query_prefixes(query: str) -> list[str]:
    """What a word of the text may begin with to match a word of the query: every stem of
    every alternative of every word (query_terms). The highlights mark these; both backends'
    queries accept the same forms, word by word. A term matched only whole (a one-letter stem,
    a short abbreviation) ends with WHOLE: «ИИ» (stem «и») must not mark every word in «и»."""
    return list(
        dict.fromkeys(
            term if prefix else term + WHOLE
            for group in query_terms(query)
            for alternative in group
            for term, prefix in alternative
        )
    )


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
    # html.escape, which django's escape() wraps: the same text, without a lazy-aware call
    # and a SafeString for every piece (a page escapes hundreds of them)
    out, last = [], 0
    for match in _TOKEN.finditer(text):
        if _marked(match.group(), prefixes):
            out.append(html.escape(text[last : match.start()]))
            out.append(f"<mark>{html.escape(match.group())}</mark>")
            last = match.end()
    out.append(html.escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


_TOKEN = re.compile(r"\w+")


@functools.lru_cache(maxsize=65536)
def _marked(token: str, prefixes: tuple[str, ...]) -> bool:
    """Whether a word of the text starts with a query stem, or its stem does, or it or its
    stem is a term matched whole (query_prefixes). Cached: the same words recur in every name
    and description."""
    word = normalize(token)
    word_stem = stem(word)
    for term in prefixes:
        if term.endswith(WHOLE):
            if term[:-1] in (word, word_stem):
                return True
        elif word.startswith(term) or word_stem.startswith(term):
            return True
    return False


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
