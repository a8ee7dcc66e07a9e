"""The job search: the platform's Russian word matching, facets with counts, the salary
filter and the orders; one FilterSet for the page and the API; the one search's source."""

from decimal import Decimal

import pytest
from django.db.models import Count

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


def _every_facet(board) -> dict:
    tester = board["tester"]
    return {
        "role": [str(tester.role_id), str(board["python"].role_id)],
        "industry": [str(tester.industry_id)],
        "company": [str(tester.organization_id)],
        "district": ["yuzao", "cao"],
        "metro": [str(tester.metro_id)],
        "work_format": ["office", "hybrid"],
        "employment_type": ["full_time"],
        "schedule": ["shifts", "full_day"],
        "experience": ["none", "1_3"],
        "salary_band": ["50_100", "150_250"],
        "salary_min": "50000",
    }


@pytest.mark.parametrize("words", ["", "робот"])
def test_the_total_is_the_sum_of_a_chosen_facets_counts(board, words):
    """core/facets._total_of_a_choice: with a facet chosen, the page's total is the sum of its
    counts of the values chosen, counted by no statement of its own."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from innocluster.core import facets as kit
    from innocluster.core.querycache import cached_count

    filterset = VacancyFilterSet(
        {**_every_facet(board), "q": words}, queryset=vacancy_list_public()
    )
    assert filterset.is_valid(), filterset.errors
    names = [n for n, f in filterset.filters.items() if kit.is_facet(f) and f.method is None]
    kit._field_counts(filterset, names)
    with CaptureQueriesContext(connection) as queries:
        total = cached_count(filterset.qs)
    assert not queries.captured_queries
    assert total == filterset.qs.count() == 1


def test_the_filters_conditions_are_one_filter_as_each_in_turn(board):
    """core/filters.WordsLastFilterSet passes the plain facets' conditions in one filter():
    the rows are those of each filter applied in turn."""
    data = {**_every_facet(board), "q": "робот"}
    filterset = VacancyFilterSet(data, queryset=vacancy_list_public())
    assert filterset.is_valid()
    rows = vacancy_list_public()
    for name, value in filterset.form.cleaned_data.items():
        rows = filterset.filters[name].filter(rows, value)
    assert list(filterset.qs.order_by("pk")) == list(rows.order_by("pk")) == [board["tester"]]


# sqlite_stat1 of the job search's facet indexes at 100,000 vacancies (benchmarks/jobs.py)
_STATS_AT_100K = {
    "vacancy_facet_role": "100000 7143 3572",
    "vacancy_facet_industry": "100000 2381 1191",
    "vacancy_facet_organization": "100000 667 556",
    "vacancy_facet_district": "100000 11112 5556",
    "vacancy_facet_metro": "100000 681 341",
    "vacancy_facet_work_format": "100000 33334 16667",
    "vacancy_facet_employment_type": "100000 25000 12500",
    "vacancy_facet_schedule": "100000 25000 12500",
    "vacancy_facet_experience": "100000 25000 12500",
    "vacancy_facet_salary_band": "100000 20000 10000",
}


@pytest.mark.django_db(transaction=True)
def test_a_facet_chosen_with_others_is_not_counted_by_skipping_through_its_own_index(board):
    """With the statistics of 100,000 vacancies, SQLite counted the metro facet of a search
    with every facet chosen by skipping through the metro index value by value (`ANY(...)`),
    reading all of it; marked `noskipscan` (core/statistics.py), it reads a chosen facet's."""
    from django.db import connection

    from innocluster.core import facets as kit
    from innocluster.core.statistics import _no_skip_scans

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's planner")
    # choices as broad as the benchmark's (its sixty companies keep 40% of the rows)
    data = {k: v for k, v in _every_facet(board).items() if k not in ("company", "industry")}
    filterset = VacancyFilterSet(data, queryset=vacancy_list_public())
    assert filterset.is_valid()
    rows = kit._rows(filterset, "metro").order_by().values("metro").annotate(n=Count("*"))
    sql, params = rows.query.sql_with_params()

    def plan(marked: bool) -> str:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'jobs_vacancy'")
            for index, stat in _STATS_AT_100K.items():
                cursor.execute(
                    "INSERT INTO sqlite_stat1 VALUES ('jobs_vacancy', %s, %s)",
                    [index, stat + " 1" * 13],
                )
            if marked:
                _no_skip_scans(cursor, list(_STATS_AT_100K))
            cursor.execute("ANALYZE sqlite_schema")
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            return " ".join(row[-1] for row in cursor.fetchall())

    assert "ANY(" in plan(marked=False)
    assert "ANY(" not in plan(marked=True)


@pytest.mark.parametrize("words", ["", "робот", "робот тестировщик"])
@pytest.mark.parametrize("left", [(), ("company", "industry", "district", "metro", "role")])
def test_a_chosen_facets_rows_are_the_shared_rows_but_its_own_condition(board, words, left):
    """core/facets._but_its_own: each chosen facet's rows, made from the rows of every chosen
    filter with the facet's own condition taken out, are the statement `_rows` makes for it
    afresh (the words in the same form: beside as many filters)."""
    from innocluster.core import facets as kit

    data = {k: v for k, v in _every_facet(board).items() if k not in left}
    filterset = VacancyFilterSet({**data, "q": words}, queryset=vacancy_list_public())
    assert filterset.is_valid(), filterset.errors
    chosen = [n for n in data if kit.is_facet(filterset.filters[n])]
    assert chosen
    for name in chosen:
        shared = kit._but_its_own(filterset, name)
        assert shared is not None, name
        path = filterset.filters[name].field_name

        def counted(rows, path=path):
            return str(rows.order_by().values(path).annotate(n=Count("*")).query)

        assert counted(shared) == counted(kit._rows(filterset, name)), name
