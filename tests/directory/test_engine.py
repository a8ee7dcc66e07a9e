"""The engine's two ways of answering (engine.py): exact, and, on PostgreSQL, for a search
whose text matches many organizations, counts estimated from the sample of the index and the
page from a walk. With a "sample" that is the whole index (rate 1), the estimates must equal
the exact answers: these tests compare the two ways on the same data."""

import pytest
from django.db import connection
from django.http import QueryDict

from innocluster.features.directory import engine
from innocluster.features.directory.backends import backend
from innocluster.features.directory.selectors import organization_search
from innocluster.platform.organizations.models import Organization
from tests.factories import OrganizationFactory

from .conftest import make, names, search

# Each search asks the engine: these tests compare its two ways of answering the same plan.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("engine_uncached")]
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the sample is PostgreSQL's"
)


def counts(result) -> dict:
    return {f.name: {v.value: v.count for v in f.values} for f in result.facets}


@pytest.fixture
def everything_sampled(monkeypatch):
    """Every search takes the estimating way, from a sample that is the whole index."""
    monkeypatch.setattr(type(backend()), "sample_table", "directory_searchdocument")
    monkeypatch.setattr(type(backend()), "sample_rate", 1)
    monkeypatch.setattr(engine, "EXACT_LIMIT", 0)


@pytest.fixture
def more(catalogue):
    make("Робот-сервис", technologies=["robotics"], region="78", org_type="startup")
    make("Роботы Юга", description_ru="Ремонт роботов.", region="23", headcount=40)
    return catalogue


def test_small_searches_are_exact(more):
    result = search("роботов")
    assert not result.approximate
    assert not any(facet.approximate for facet in result.facets)
    assert result.count == 3


@postgres_only
@pytest.mark.parametrize(
    "params",
    [
        {"query": "роботов"},
        {"query": "роботов", "region": "78"},
        {"query": "роботов", "sort": "name"},
        {"query": "роботов", "sort": "newest", "org_type": ["manufacturer", "startup"]},
        {"query": "роботов", "technology": "robotics"},
        {"query": "", "sort": "name"},
        {"query": "", "region": "78"},
    ],
)
def test_estimates_from_a_full_sample_equal_the_exact_answer(more, monkeypatch, params):
    exact = search(**params)
    monkeypatch.setattr(type(backend()), "sample_table", "directory_searchdocument")
    monkeypatch.setattr(type(backend()), "sample_rate", 1)
    monkeypatch.setattr(type(backend()), "fine_rate", 1)
    monkeypatch.setattr(engine, "EXACT_LIMIT", 0)
    if not params["query"]:  # without text the sample's finer part is read: all of it here
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE directory_searchdocument ADD COLUMN fine boolean")
            cursor.execute("UPDATE directory_searchdocument SET fine = true")
    estimated = search(**params)
    assert all(facet.approximate for facet in estimated.facets)
    assert counts(estimated) == counts(exact)
    assert estimated.count == exact.count
    assert names(estimated) == names(exact)
    assert not estimated.approximate  # the walk saw every match: the count is exact


@postgres_only
def test_a_walk_that_stops_early_leaves_the_count_estimated(more, everything_sampled, monkeypatch):
    monkeypatch.setattr(engine, "CANDIDATES", 1)
    result = search("роботов", page_size=1)
    assert result.approximate and result.count == 3  # the sample's count, scaled by 1
    assert len(result.hits) == 1  # the best of the candidates
    assert search("роботов", page_size=1, sort="name").approximate


@postgres_only
def test_a_page_past_the_end_of_an_estimate(more, everything_sampled):
    data = QueryDict("q=роботов&page=9")
    result = organization_search(data=data, page=9, page_size=1, clamp=False)
    assert result.hits == [] and result.count == 3


@postgres_only
def test_the_sample_follows_every_change(db):
    def sampled() -> set[int]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT organization_id FROM directory_searchsample")
            return {row[0] for row in cursor.fetchall()}

    def expected() -> set[int]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT id FROM organizations_organization WHERE hashint8(id) & 63 = 0")
            return {row[0] for row in cursor.fetchall()}

    OrganizationFactory.create_batch(150)
    assert sampled() == expected() and sampled()  # ~2 of 150
    chosen = Organization.objects.get(pk=min(sampled()))
    Organization.objects.filter(pk=chosen.pk).update(region="01")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT region FROM directory_searchsample WHERE organization_id = %s", [chosen.pk]
        )
        assert cursor.fetchone() == ("01",)
    chosen.delete()
    assert chosen.pk not in sampled() and sampled() == expected()


@postgres_only
def test_the_api_says_which_counts_are_estimates(more, everything_sampled, client, monkeypatch):
    body = client.get("/api/v1/search", {"q": "роботов", "page_size": 1}).json()
    assert body["count"] == 3 and not body["count_approximate"]  # the walk saw all three
    assert body["facets"] and all(facet["approximate"] for facet in body["facets"])
    monkeypatch.setattr(engine, "CANDIDATES", 1)
    body = client.get("/api/v1/search", {"q": "роботов", "page_size": 1}).json()
    assert body["count"] == 3 and body["count_approximate"]  # the sample's, scaled by 1


def test_the_count_paragraph_marks_an_estimate(more, client, monkeypatch):
    from innocluster.features.directory import selectors

    real = selectors._run

    def estimated(plan):
        found = real(plan)
        found.approximate = found.facets_approximate = True
        return found

    monkeypatch.setattr(selectors, "_run", estimated)
    response = client.get("/directory/", {"q": "роботов"})  # Russian
    assert "Найдено около 3 организаций" in response.content.decode()
    monkeypatch.setattr(selectors, "_run", real)
    response = client.get("/directory/", {"q": "роботов"})  # Russian
    assert "Найдено 3 организации" in response.content.decode()


def test_the_name_only_query_asks_every_word_in_the_name():
    from innocluster.features.directory.backends.postgres import PostgresBackend

    match = "('робот':* | 'роботех':A) & ('a') & ('3d':*)"
    assert PostgresBackend.name_match(match) == "('робот':*A | 'роботех':A) & ('a':A) & ('3d':*A)"
