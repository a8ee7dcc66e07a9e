"""Word indexes (platform/search/wordindex.py): the job search's words found through an index
find exactly what the regular expression finds, follow every write, and survive a migration
that rebuilds the table (SQLite drops its triggers then)."""

import pytest
from django.db import connection

from innocluster.core import triggered
from innocluster.features.jobs.models import Vacancy
from innocluster.features.jobs.selectors import vacancy_list_public
from innocluster.platform.search import sources, wordindex
from innocluster.platform.search.text import _WORD, WORD_CHARACTERS
from tests.jobs.helpers import make_vacancy

pytestmark = pytest.mark.django_db

# Words glued by every kind of separator, letters our words do not have (which separate words
# as punctuation does), a word inside a longer one, digits, «ё».
TEXTS = [
    "Frontend-разработчик на Python",
    "Naïve xéfoo: résumé обязательно",
    "3D-печать и C++ для робототехники",
    "Переразработка устаревших систем",
    "DevOps_инженер, Kubernetes/Ansible",
    "Ёлочные игрушки ١٢٣arabic и 2024год",
    "Тестировщик роботов (QA), ручное тестирование",
]
QUERIES = [
    "разработчик",
    "разработка",
    "ve",
    "foo",
    "xe",
    "résumé",
    "3d печать",
    "c",
    "инженер",
    "devops",
    "kubernetes ansible",
    "елочные",
    "arabic",
    "2024",
    "год",
    "робот",
    "qa",
    "зззз",
]


@pytest.fixture
def texts():
    for n, text in enumerate(TEXTS):
        make_vacancy(title=f"Вакансия {n}", description=text, skills="")


def through(query: str, *, beside: int = 0, every_row: bool = True) -> set[str]:
    rows = sources.matching(
        vacancy_list_public(), query, "search_text", beside=beside, every_row=every_row
    )
    return set(rows.values_list("title", flat=True))


def test_the_job_search_declares_its_index():
    assert wordindex.index_of(Vacancy, "search_text", "default") in (
        wordindex.FTS,
        wordindex.TRIGRAMS,
    )


@pytest.mark.parametrize("query", QUERIES)
def test_the_index_finds_what_the_regular_expression_finds(texts, query):
    """Found through the index, looked up in its keys, each row's text tested
    (sources.matching's `beside` and `every_row`)."""
    found = through(query)
    assert found == through(query, every_row=False) == through(query, beside=1)
    assert found == through(query, beside=2)


def test_how_the_index_is_used_depends_on_the_other_filters(texts):
    def sql(beside):
        rows = sources.matching(vacancy_list_public(), "робот", "search_text", beside=beside)
        return str(rows.query)

    if connection.vendor == "sqlite":
        assert "jobs_vacancy_words" in sql(0) and "REGEXP" not in sql(0).upper()
        assert '+"jobs_vacancy"."id" IN (SELECT rowid FROM "jobs_vacancy_words"' in sql(1)
        assert "jobs_vacancy_words" not in sql(2) and "REGEXP" in sql(2).upper()
    else:
        assert "COALESCE" not in sql(0)  # the trigram index can answer the column's LIKE
        assert "COALESCE" in sql(1) and "COALESCE" in sql(2)


def test_the_index_follows_every_write(texts):
    vacancy = Vacancy.objects.get(title="Вакансия 6")
    assert through("робот") == {"Вакансия 2", "Вакансия 6"}
    vacancy.description = "Оператор станков"
    vacancy.save()
    assert through("робот") == {"Вакансия 2"}
    assert through("оператор") == {"Вакансия 6"}
    Vacancy.objects.filter(pk=vacancy.pk).update(skills="Робототехника")  # no signals
    assert through("робот") == {"Вакансия 2", "Вакансия 6"}
    Vacancy.objects.filter(title="Вакансия 2").delete()
    assert through("робот") == {"Вакансия 6"}
    if connection.vendor == "sqlite":  # the FTS5 table agrees with its content table
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO jobs_vacancy_words(jobs_vacancy_words, rank) "
                "VALUES ('integrity-check', 1)"
            )


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite rebuilds tables")
def test_repair_puts_back_what_a_rebuilt_table_lost(texts):
    """A migration that rebuilds the table drops its triggers; core/triggered.repair (after
    every migrate) puts them back and reads every row in again."""
    with connection.cursor() as cursor:
        cursor.execute('DROP TRIGGER "jobs_vacancy_words_insert"')
    make_vacancy(title="Вакансия новая", description="Сборщик роботов", skills="")
    assert "Вакансия новая" not in through("сборщик")
    assert "jobs_vacancy_words" in triggered.repair()
    assert through("сборщик") == {"Вакансия новая"}
    assert triggered.repair() == []  # nothing missing


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's index")
def test_the_trigram_index_is_there():
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "jobs_vacancy")
    assert "jobs_vacancy_words_trgm" in indexes


def test_the_tokenizer_reads_words_as_the_search_does():
    """The FTS5 tokenizer's word characters are the ones text.words reads as a word's."""
    characters = {c for c in map(chr, range(0x2000)) if _WORD.fullmatch(c)}
    assert characters == set(WORD_CHARACTERS)


@pytest.mark.parametrize("query", ["разработчик", "3d печать", "foo", "arabic", "зззз"])
def test_the_one_search_finds_the_same_vacancies(texts, settings, query):
    """The one search's statement (sources.sections) finds them through the index too."""
    settings.SEARCH_CACHE = False
    sections = {s.source.code: s for s in sources.sections(query=query, shown=10)}
    vacancies = sections.get("vacancies")
    shown = {item["title"] for item in vacancies.items} if vacancies else set()
    assert shown == through(query, beside=2)


@pytest.mark.parametrize("query", ["AND OR NOT NEAR", '"робот*', "робот) OR (", "^робот -x +y"])
def test_the_full_text_syntax_in_a_query_is_only_words(texts, query, client):
    """FTS5 reads quotes, operators and stars: a query's words go to it as quoted prefixes of
    letters and digits only, so such a query finds what the regular expression finds and is
    never an error."""
    assert through(query) == through(query, beside=2)
    assert client.get("/jobs/", {"q": query}).status_code == 200
