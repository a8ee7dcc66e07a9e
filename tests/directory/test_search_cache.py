"""The directory's search results in the query cache (issue 18; selectors.py `_run`): the same
search again reads no index, a write shows at once, and the cached result is the fresh one."""

import pytest

from innocluster.features.directory import engine, selectors

from .conftest import make, names, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def index_reads(monkeypatch) -> list:
    """The plans the engine was asked to search the index for, in order. Searches are counted,
    not statements: on PostgreSQL one search may be two (the sample's, then the exact one)."""
    asked = []
    real = engine.search

    def counting(backend, cursor, plan):
        asked.append(plan)
        return real(backend, cursor, plan)

    monkeypatch.setattr(engine, "search", counting)
    return asked


def summary(result) -> tuple:
    facets = {f.name: [(v.value, v.count, v.selected) for v in f.values] for f in result.facets}
    return names(result), result.count, result.approximate, result.partial, facets


@pytest.mark.parametrize(
    ("query", "params"),
    [
        ("роботов", {}),
        ("", {}),
        ("", {"region": "50"}),
        ("печать металл", {"industry": "manufacturing"}),
        ("робот банк", {}),  # nothing holds both words: the partial match
    ],
)
def test_a_cached_search_is_the_fresh_one(catalogue, settings, index_reads, query, params):
    settings.SEARCH_CACHE = False
    fresh = summary(search(query, **params))
    settings.SEARCH_CACHE = True
    first = summary(search(query, **params))
    index_reads.clear()
    again = summary(search(query, **params))
    assert first == fresh and again == fresh
    assert index_reads == []  # from the cache


def test_the_same_search_again_reads_no_index_and_another_one_does(catalogue, index_reads):
    search("роботов")
    index_reads.clear()
    search("роботов")
    search("роботов", page="1")
    assert index_reads == []
    search("роботов", region="50")  # another plan, another entry
    search("роботов", sort="name")
    assert len(index_reads) == 2


def test_a_new_organization_is_found_at_once(catalogue):
    assert "Робопечать" not in names(search("робот"))
    make("Робопечать", description_ru="Роботы для печати.")
    assert "Робопечать" in names(search("робот"))


def test_a_changed_name_and_a_deleted_organization_show_at_once(catalogue):
    assert names(search("роботов"))[:1] == ["Роботех"]
    robotech = catalogue["robotech"]
    robotech.short_name = robotech.full_name = "Сварка Про"
    robotech.save()
    found = names(search("роботов"))  # the same search: its entry is stale now
    assert "Сварка Про" in found and "Роботех" not in found
    assert "Аддитив Плюс" in names(search("печать"))
    catalogue["printer"].delete()
    assert "Аддитив Плюс" not in names(search("печать"))


def test_off_every_search_reads_the_index(catalogue, settings, index_reads):
    settings.SEARCH_CACHE = False
    search("роботов")
    search("роботов")
    assert len(index_reads) == 2


def test_the_key_is_the_whole_plan(catalogue, monkeypatch):
    """Two plans that differ in anything (here the order) are two entries."""
    keys = []
    real = selectors.cached_value

    def recording(kind, key, compute):
        keys.append(repr(key))
        return real(kind, key, compute)

    monkeypatch.setattr(selectors, "cached_value", recording)
    search("", sort="name")
    search("", sort="newest")
    assert len(set(keys)) == 2
