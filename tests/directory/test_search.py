"""The same tests run on SQLite (FTS5) and PostgreSQL (tsvector + pg_trgm): both backends."""

import pytest
from django.db import connection

from innocluster.features.directory.services import search_index_deferred, search_index_rebuild
from innocluster.platform.organizations.models import Organization, Technology
from tests.factories import OrganizationFactory, ProductFactory

from .conftest import make, names, search

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("роботов", "Роботех"),  # a word form: the product «робот», the technology
        ("робототехника", "Роботех"),
        ("3d печать", "Аддитив Плюс"),  # «3D-печать»
        ("3D-печати", "Аддитив Плюс"),
        ("computer vision", "Зрение Лаб"),
        ("Robotics", "Роботех"),  # the technology's English name
        ("платежный", "Финансовые решения"),  # «ё»/«е» and a form of «платёжные»
    ],
)
def test_word_forms_find_the_right_organization(catalogue, query, expected):
    assert names(search(query))[:1] == [expected]


@pytest.mark.parametrize("query", ["Робтех", "Роботхе", "Робтоех", "Роботеx", "Робботех"])
def test_a_name_with_a_typo_still_finds_the_company(catalogue, query):
    # a letter missing, two swapped, a Latin letter for a Cyrillic one, a letter doubled
    assert "Роботех" in names(search(query)), query


def test_a_name_ranks_above_a_mention_in_a_description(catalogue):
    make("Покраска", description_ru="Мы не Роботех, но тоже красим.")
    assert names(search("роботех"))[0] == "Роботех"


def test_words_are_all_required(catalogue):
    result = search("печать металл")
    assert names(result) == ["Аддитив Плюс"]
    assert not result.partial


def test_when_no_organization_has_every_word_the_partial_matches_show_most_words_first(
    catalogue,
):
    make("Роботы и металл", description_ru="Сварка металла роботами.")
    result = search("робот металл кондитерская")
    assert result.partial
    assert names(result)[0] == "Роботы и металл"  # two words of three
    assert [hit.matched_words for hit in result.hits][:1] == [2]
    assert set(names(result)) == {"Роботы и металл", "Роботех", "Аддитив Плюс"}
    assert all(hit.matched_words == 1 for hit in result.hits[1:])


def test_a_single_word_matching_nothing_is_not_a_partial_match(catalogue):
    result = search("кондитерская")
    assert (result.count, result.partial) == (0, False)


@pytest.mark.parametrize(("cyrillic", "latin"), [("3д печать", "3D печать"), ("ИИ", "AI")])
def test_a_word_typed_in_the_other_layout_or_language_matches_the_same(catalogue, cyrillic, latin):
    assert names(search(cyrillic))
    assert sorted(names(search(cyrillic))) == sorted(names(search(latin)))


def test_3d_is_a_word_of_the_query():
    from innocluster.platform.search.text import query_terms

    assert query_terms("3D печать")[0][0] == (("3d", True),)


def test_words_of_one_root_reach_each_other(catalogue):
    make("Робототехнические системы", description_ru="Комплексы для сварки кузовов.")
    # «робототехник» and «робототехническ»: the stems part, the root «робототехн» does not
    assert "Робототехнические системы" in names(search("робототехника"))
    assert "Роботех" in names(search("робототехнические"))  # its technology «Робототехника»


def test_words_close_together_rank_above_the_same_words_apart(catalogue):
    # shorter, so its words weigh more where their places are not counted
    make("Далеко", description_ru="3D модели, металл со склада, печать визиток.")
    make(
        "Близко",
        description_ru="Предлагаем 3D-печать металлом для заводов, конструкторских бюро, "
        "институтов и мастерских по всей России.",
    )
    assert names(search("3d печать металлом"))[:2] == ["Аддитив Плюс", "Близко"]


def test_no_query_shows_the_directory_by_name(catalogue):
    result = search()
    assert result.count == 4
    assert names(result) == sorted(names(result), key=str.lower)


@pytest.mark.parametrize(
    "query",
    [
        "' \" & | * : ( ) !",
        "<script>alert(1)</script>",
        "робот' OR 1=1 --",
        "NEAR(a b)",
        "*",
        "x" * 1000,
        "name:робот",
        "робот^2",
        "AND OR NOT",
    ],
)
def test_bad_queries_are_just_text(catalogue, query):
    result = search(query)
    assert result.valid
    for hit in result.hits:
        assert "<script>" not in hit.name_html + hit.snippet_html


def test_highlights_mark_the_words_and_escape_the_rest(catalogue):
    make("<b>Роботы</b> & Co")
    hits = {h.organization.short_name: h for h in search("роботы").hits}
    assert hits["<b>Роботы</b> & Co"].name_html == "&lt;b&gt;<mark>Роботы</mark>&lt;/b&gt; &amp; Co"
    assert "<mark>роботов</mark>" in hits["Роботех"].snippet_html
    assert hits["Роботех"].products[0]["name_html"] == "Сварочный <mark>робот</mark> РТ-1"


def test_a_vowel_russian_drops_is_put_back(catalogue):
    """«станка» is a form of «станок»: its stem «станк» does not begin «станок»."""
    make("Токарь-Про", description_ru="Токарный станок для школьных мастерских.")
    (hit,) = search("станка").hits
    assert hit.organization.short_name == "Токарь-Про"
    assert "<mark>станок</mark>" in hit.snippet_html


def test_a_hit_shows_its_organization_products_and_terms(db):
    # One statement loads them all (engine.PAGE_SQL): each part's rows in the order shown.
    make(
        "Станкопром",
        technologies=["robotics", "ai", "3d-printing"],
        industries=["manufacturing", "retail"],
        products=[("Станок Б", 5), ("Станок А", 7), ("Пресс", 3), ("Станок В", 9)],
        region="78",
        year_founded=2004,
        org_type="manufacturer",
        description_ru="Станки для заводов.",
    )
    make("Другая", products=[("Станок Г", 2)], technologies=["fintech"])
    (hit,) = [h for h in search("станок").hits if h.organization.short_name == "Станкопром"]
    organization = hit.organization
    assert (organization.region, organization.year_founded, organization.org_type) == (
        "78",
        2004,
        "manufacturer",
    )
    assert organization.full_name == "Станкопром" and organization.region_name
    assert [(p["name"], p["trl"]) for p in hit.products] == [
        ("Станок А", 7),
        ("Станок Б", 5),
        ("Станок В", 9),
    ]  # the matching ones, by name; «Пресс» does not match
    assert [t.slug for t in hit.technologies] == ["3d-printing", "ai", "robotics"]
    assert [t.slug for t in hit.industries] == ["manufacturing", "retail"]


def test_a_page_leaves_out_what_was_deleted_after_the_index_was_read(catalogue):
    from innocluster.features.directory import engine, selectors

    bare = make("Без продуктов", year_founded=None)  # no products, no terms, no year
    robotech = catalogue["robotech"]
    found = engine.Found(ids=[bare.pk, 10**9, robotech.pk], ranks={robotech.pk: 0.5})
    hits = selectors._hits(found, [])
    assert [h.organization.pk for h in hits] == [bare.pk, robotech.pk]  # the index's order
    assert (hits[0].products, hits[0].industries, hits[0].technologies) == ([], [], [])
    assert (hits[0].organization.year_founded, hits[0].rank, hits[1].rank) == (None, None, 0.5)


def test_the_index_follows_every_change(catalogue, settings):
    # `update()` bypasses the signals that move the data version: a cached search would show
    # it within querycache.CACHE_SECONDS; the index itself is what this tests
    settings.SEARCH_CACHE = False
    organization = catalogue["bank"]
    assert names(search("криптовалюта")) == []
    # a profile edit, a new product, a new technology, a renamed technology, a deletion
    Organization.objects.filter(pk=organization.pk).update(description_ru="Криптовалюта")
    assert names(search("криптовалюта")) == ["Финансовые решения"]
    product = ProductFactory(organization=organization, name="Квантовый кошелёк")
    assert names(search("кошелек")) == ["Финансовые решения"]
    product.name = "Облачный сейф"
    product.save()
    assert names(search("кошелек")) == [] and names(search("сейф")) == ["Финансовые решения"]
    product.delete()
    assert names(search("сейф")) == []
    organization.technologies.add(Technology.objects.get(slug="quantum"))
    assert names(search("квантовые")) == ["Финансовые решения"]
    Technology.objects.filter(slug="quantum").update(name_ru="Кубитные вычисления")
    assert names(search("кубитные")) == ["Финансовые решения"]
    organization.technologies.clear()
    assert names(search("кубитные")) == []
    organization.delete()
    assert names(search("финансовые")) == []


def test_bulk_loads_are_indexed_when_the_block_ends(db, settings):
    settings.SEARCH_CACHE = False  # the index is what this tests (a bulk load is no ORM write)
    with search_index_deferred():
        OrganizationFactory(short_name="Гидропоника Север")
        assert names(search("гидропоника")) == []  # deferred: not yet
    assert names(search("гидропоника")) == ["Гидропоника Север"]


def test_rebuild_rewrites_every_entry(catalogue):
    assert search_index_rebuild() == 4
    assert names(search("роботов"))[:1] == ["Роботех"]


def test_an_inn_finds_its_organization(catalogue):
    inn = catalogue["vision"].inn
    assert names(search(inn)) == ["Зрение Лаб"]
    assert "Зрение Лаб" in names(search(inn[:6]))


def test_runs_on_the_database_in_use():
    assert connection.vendor in ("sqlite", "postgresql")
