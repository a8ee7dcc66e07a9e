"""The job search: the platform's Russian word matching, facets with counts, the salary
filter and the orders; one FilterSet for the page and the API; the one search's source."""

from decimal import Decimal

import pytest

from innocluster.core.facets import facets_of
from innocluster.features.jobs import services
from innocluster.features.jobs.filters import VacancyFilterSet
from innocluster.features.jobs.models import MetroStation, ProfessionalRole
from innocluster.features.jobs.selectors import vacancy_list_public
from innocluster.platform.search import sources

from .helpers import employer, make_vacancy

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    organization, owner = employer()
    python, _ = make_vacancy(organization, owner)
    tester, _ = make_vacancy(
        organization,
        owner,
        title="Тестировщик роботов",
        description="Испытания робототехнических комплексов на производстве.",
        skills="",
        role=ProfessionalRole.objects.get(slug="tester"),
        salary_from=Decimal("60000"),
        salary_to=None,
        work_format="office",
        schedule="shifts",
        experience="none",
        metro=MetroStation.objects.get(name_ru="Технопарк"),
    )
    remote, _ = make_vacancy(
        title="Аналитик данных",
        description="Модели машинного обучения для городских сервисов.",
        skills="SQL",
        role=ProfessionalRole.objects.get(slug="data-scientist"),
        salary_from=None,
        salary_to=None,
        work_format="remote",
        employment_type="project",
    )
    return {"python": python, "tester": tester, "remote": remote}


def titles(response):
    return [row["title"] for row in response.json()["results"]]


def found(data):
    filterset = VacancyFilterSet(data, queryset=vacancy_list_public())
    assert filterset.is_valid(), filterset.errors
    return [v.title for v in filterset.qs]


class TestSearch:
    def test_word_forms_find_vacancies(self, board):
        assert found({"q": "робот"}) == ["Тестировщик роботов"]
        assert found({"q": "роботами"}) == ["Тестировщик роботов"]
        assert found({"q": "питон django"}) == []
        assert found({"q": "django"}) == ["Python-разработчик"]

    def test_each_facet_narrows(self, board):
        tester = board["tester"]
        assert found({"role": [str(tester.role_id)]}) == ["Тестировщик роботов"]
        assert found({"metro": [str(tester.metro_id)]}) == ["Тестировщик роботов"]
        assert found({"work_format": ["remote"]}) == ["Аналитик данных"]
        assert found({"schedule": ["shifts"]}) == ["Тестировщик роботов"]
        assert found({"experience": ["none"]}) == ["Тестировщик роботов"]
        assert found({"employment_type": ["project"]}) == ["Аналитик данных"]
        assert found({"company": [str(tester.organization_id)]}) == [
            "Тестировщик роботов",
            "Python-разработчик",
        ]
        assert found({"district": ["yuzao"]}) == [
            "Аналитик данных",
            "Тестировщик роботов",
            "Python-разработчик",
        ]
        assert found({"salary_band": ["none"]}) == ["Аналитик данных"]

    def test_salary_from_only_counts_vacancies_with_a_salary(self, board):
        assert found({"salary_min": "100000"}) == ["Python-разработчик"]
        assert found({"salary_min": "50000"}) == ["Тестировщик роботов", "Python-разработчик"]

    def test_orders(self, board):
        assert found({"sort": "salary"}) == [
            "Python-разработчик",
            "Тестировщик роботов",
            "Аналитик данных",
        ]
        by_relevance = found({"q": "робот", "sort": "relevance"})
        assert by_relevance == ["Тестировщик роботов"]

    def test_facets_count_the_other_filters(self, board):
        filterset = VacancyFilterSet({"work_format": ["remote"]}, queryset=vacancy_list_public())
        facets = {facet.name: facet for facet in facets_of(filterset)}
        counts = {v.value: v.count for v in facets["work_format"].values}
        assert counts == {"hybrid": 1, "office": 1, "remote": 1}
        roles = {v.label: v.count for v in facets["role"].values}
        assert roles == {"Data scientist": 1}

    @pytest.mark.parametrize(
        "query",
        [{"salary_min": "-1"}, {"salary_min": "abc"}, {"work_format": ["moon"]}, {"sort": "x"}],
    )
    def test_bad_filters_are_a_400(self, board, client, api, query):
        assert client.get("/en/jobs/", query).status_code == 400
        assert api.get("/api/v1/vacancies/", query).status_code == 400


class TestPageAndApi:
    def test_the_page_and_the_api_list_the_same(self, board, client, api):
        query = {"q": "робот"}
        page = client.get("/jobs/", query)
        assert page.status_code == 200
        text = page.content.decode()
        assert "Тестировщик роботов" in text and "Python-разработчик" not in text
        assert titles(api.get("/api/v1/vacancies/", query)) == ["Тестировщик роботов"]

    def test_the_one_search_finds_vacancies(self, board):
        sections = {s.source.code: s for s in sources.sections(query="аналитик")}
        assert [item["title"] for item in sections["vacancies"].items] == ["Аналитик данных"]

    def test_a_hidden_or_withdrawn_vacancy_is_not_found(self, board, api):
        python = board["python"]
        owner = python.organization.memberships.get().user
        services.vacancy_withdraw(vacancy=python, actor=owner)
        assert "Python-разработчик" not in titles(api.get("/api/v1/vacancies/"))
        assert api.get(f"/api/v1/vacancies/{python.pk}/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("sort", ["date", "salary"])
def test_the_orders_are_the_indexes_expressions(sort):
    """Each order is the very expression of an index (models.py): an ORDER BY with a parameter
    in it, or a cast the index lacks, is not matched, and the whole list is sorted per page."""
    from django.db import connection

    filterset = VacancyFilterSet(
        {"sort": sort, "work_format": ["remote"]}, queryset=vacancy_list_public()
    )
    assert filterset.is_valid()
    keys = filterset.qs.values_list("pk", flat=True)[:20]
    sql, params = keys.query.sql_with_params()
    order = sql.split(" ORDER BY ")[1]
    assert "%s" not in order and "CAST" not in order and "DISTINCT" not in sql
    name = "vacancy_live_salary" if sort == "salary" else "vacancy_live_date"
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "jobs_vacancy")
    assert name in indexes


@pytest.mark.django_db
def test_the_words_are_tested_after_every_other_filter():
    """The words are the dearest condition (a LIKE over the whole text, then a regular
    expression): the statement tests them last, so a row the choices reject is never read for
    them (core/filters.WordsLastFilterSet); the same rows as before."""
    filterset = VacancyFilterSet(
        {"q": "робот", "work_format": ["remote"], "sort": "relevance"},
        queryset=vacancy_list_public(),
    )
    assert filterset.is_valid()
    where = str(filterset.qs.query).split(" WHERE ")[1].split(" ORDER BY ")[0]
    words = "jobs_vacancy_words" if "jobs_vacancy_words" in where else "search_text"
    assert where.index("work_format") < where.index(words)


def test_the_company_facet_lists_the_companies_with_a_live_vacancy(board):
    """Each once: a company whose vacancies are all hidden or expired is not offered."""
    from innocluster.features.jobs.selectors import hiring_companies

    companies = {v.organization for v in vacancy_list_public()}
    assert set(hiring_companies()) == {(c.pk, c.short_name) for c in companies}
    assert len(list(hiring_companies())) == len(companies)
    first = board["python"].organization
    vacancy_list_public().filter(organization=first).update(status="hidden")
    assert first.pk not in {pk for pk, _name in hiring_companies()}
    assert len(list(hiring_companies())) == len(companies) - 1


def test_every_facet_of_the_search_is_counted_from_an_index_of_its_own():
    """core/facets.facet_indexes: a facet left out of jobs/models.FACETS would be counted by
    reading the table's wide rows (issue 22)."""
    from innocluster.core.facets import is_facet
    from innocluster.features.jobs.models import Vacancy

    leading = {index.fields[0] for index in Vacancy._meta.indexes if index.fields}
    columns = {Vacancy._meta.get_field(name).column for name in leading}
    filters = VacancyFilterSet().filters.values()
    facets = [f for f in filters if is_facet(f) and f.method is None]
    assert facets and all(f.field_name in leading | columns for f in facets)


def test_the_facets_with_no_choice_are_counted_together_as_each_alone(board):
    """Facets with no value chosen count the same rows, in one statement (core/facets.
    _grouped_at_once), which must say what each facet's own query says, vacancies with no
    metro station included (no count for "no station")."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from innocluster.core import facets as kit

    filterset = VacancyFilterSet({"sort": "salary"}, queryset=vacancy_list_public())
    assert filterset.is_valid()
    names = [n for n, f in filterset.filters.items() if kit.is_facet(f) and f.method is None]
    with CaptureQueriesContext(connection) as queries:
        together = kit._field_counts(filterset, names)
    alone = {name: kit._grouped(filterset, name) for name in names}
    assert together == alone
    assert sum(together["work_format"].values()) == 3  # the remote one has no station:
    assert sum(together["metro"].values()) == 2  # no count for "no station"
    statements = [q["sql"] for q in queries.captured_queries if "GROUP BY" in q["sql"]]
    assert len(statements) == 1  # PostgreSQL: GROUPING SETS; SQLite: a UNION ALL


@pytest.mark.parametrize(
    "data",
    [
        {"q": "разработка"},
        {"q": "разработка сервисов"},
        {"q": "сервисов", "work_format": ["hybrid"]},
        {"q": "разработка", "role": "developer"},  # a key: the value a number
        {"work_format": ["hybrid"], "schedule": ["full_day"]},
        {"salary_min": "100000"},
    ],
)
def test_the_facets_of_a_cut_list_are_counted_together_as_each_alone(board, data):
    """The facets with no value chosen are counted in one statement that reads the page's rows
    once (SQLite: a materialized WITH; PostgreSQL: GROUPING SETS; core/facets.
    _grouped_at_once), each chosen one on its own; together they must say what each facet's
    own query says, and the page's total is counted on the way."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from innocluster.core import facets as kit
    from innocluster.core.querycache import cached_count

    if "role" in data:
        data = {**data, "role": [str(ProfessionalRole.objects.get(slug=data["role"]).pk)]}
    filterset = VacancyFilterSet(data, queryset=vacancy_list_public())
    assert filterset.is_valid()
    names = [n for n, f in filterset.filters.items() if kit.is_facet(f) and f.method is None]
    chosen = [name for name in names if name in data]
    with CaptureQueriesContext(connection) as queries:
        together = kit._field_counts(filterset, names)
        total = cached_count(filterset.qs)  # counted by the statement of the unchosen
    assert len(queries.captured_queries) == 1 + len(chosen)
    shared = "MATERIALIZED" if connection.vendor == "sqlite" else "GROUPING SETS"
    assert any(shared in query["sql"] for query in queries.captured_queries)
    alone = {name: kit._grouped(filterset, name) for name in names}
    assert together == alone
    assert total == filterset.qs.count() > 0


def test_how_the_words_are_found_depends_on_the_other_filters(board):
    """sources.matching: on SQLite's word index the words lead a count alone, their keys are
    looked up for the page's first rows (its order's index walked) and beside one other
    filter, and each row is tested beside more."""
    from django.db import connection

    from innocluster.core import facets as kit

    def filtered(data):
        filterset = VacancyFilterSet(data, queryset=vacancy_list_public())
        assert filterset.is_valid()
        return filterset

    alone = filtered({"q": "разработка"})
    counted = str(kit._rows(alone, "role").query)
    listed = str(alone.qs.query)
    beside_one = str(filtered({"q": "разработка", "work_format": ["hybrid"]}).qs.query)
    two = {"q": "разработка", "work_format": ["hybrid"], "schedule": ["full_day"]}
    beside_two = str(filtered(two).qs.query)
    if connection.vendor == "sqlite":
        assert ' "jobs_vacancy"."id" IN (SELECT rowid FROM "jobs_vacancy_words"' in counted
        assert '+"jobs_vacancy"."id" IN (SELECT rowid' in listed
        assert '+"jobs_vacancy"."id" IN (SELECT rowid' in beside_one
        assert "jobs_vacancy_words" not in beside_two
    for data in ({"q": "разработка"}, {"q": "разработка", "work_format": ["hybrid"]}, two):
        assert found(data) == ["Python-разработчик"]
