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


def through(query: str, *, lead: bool) -> set[str]:
    rows = sources.matching(vacancy_list_public(), query, "search_text", lead=lead)
    return set(rows.values_list("title", flat=True))


def test_the_job_search_declares_its_index():
    assert wordindex.index_of(Vacancy, "search_text", "default") in (
        wordindex.FTS,
        wordindex.TRIGRAMS,
    )


@pytest.mark.parametrize("query", QUERIES)
def test_the_index_finds_what_the_regular_expression_finds(texts, query):
    """`lead`: through the index; not: each row's text tested (sources.matching)."""
    assert through(query, lead=True) == through(query, lead=False)


def test_the_index_is_used_where_the_words_lead(texts):
    sql = str(sources.matching(vacancy_list_public(), "робот", "search_text").query)
    if connection.vendor == "sqlite":
        assert "jobs_vacancy_words" in sql and "REGEXP" not in sql.upper()
    else:
        assert "COALESCE" not in sql  # the trigram index can answer the column's LIKE
    following = str(sources.matching(vacancy_list_public(), "робот", "search_text", lead=False))
    assert "jobs_vacancy_words" not in following


def test_the_index_follows_every_write(texts):
    vacancy = Vacancy.objects.get(title="Вакансия 6")
    assert through("робот", lead=True) == {"Вакансия 2", "Вакансия 6"}
    vacancy.description = "Оператор станков"
    vacancy.save()
    assert through("робот", lead=True) == {"Вакансия 2"}
    assert through("оператор", lead=True) == {"Вакансия 6"}
    Vacancy.objects.filter(pk=vacancy.pk).update(skills="Робототехника")  # no signals
    assert through("робот", lead=True) == {"Вакансия 2", "Вакансия 6"}
    Vacancy.objects.filter(title="Вакансия 2").delete()
    assert through("робот", lead=True) == {"Вакансия 6"}
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
    assert "Вакансия новая" not in through("сборщик", lead=True)
    assert "jobs_vacancy_words" in triggered.repair()
    assert through("сборщик", lead=True) == {"Вакансия новая"}
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
