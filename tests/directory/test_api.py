import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innocluster.features.directory.errors import DirectoryErrorCode
from innocluster.features.directory.models import SavedSearch
from tests.factories import UserFactory

from .conftest import make

pytestmark = pytest.mark.django_db


def test_search_returns_hits_facets_and_highlights(api, catalogue):
    body = api.get("/api/v1/search", {"q": "роботов"}).json()
    assert body["count"] == 1 and not body["count_approximate"] and body["sort"] == "relevance"
    hit = body["results"][0]
    assert hit["short_name"] == "Роботех" and hit["technologies"] == ["ai", "robotics"]
    assert "<mark>робот</mark>" in hit["highlight"]["products"][0]["name_html"]
    facets = {f["name"]: {v["value"]: v["count"] for v in f["values"]} for f in body["facets"]}
    assert facets["org_type"] == {"manufacturer": 1}
    assert facets["technology"] == {"ai": 1, "robotics": 1}
    assert facets["headcount"] == {"medium": 1}
    assert facets["trl"] == {"7": 1}


def test_a_partial_match_says_so_and_how_many_words_each_hit_holds(api, catalogue):
    body = api.get("/api/v1/search", {"q": "роботов кондитерская"}).json()
    assert body["partial"] and body["count"] == 1
    assert [(h["short_name"], h["matched_words"]) for h in body["results"]] == [("Роботех", 1)]
    whole = api.get("/api/v1/search", {"q": "роботов"}).json()
    assert not whole["partial"] and whole["results"][0]["matched_words"] == 0


def test_the_response_is_what_its_serializers_describe(catalogue):
    # The view builds hits and facets directly (fast); the serializers document them.
    from django.http import QueryDict

    from innocluster.features.directory.api import serializers as s
    from innocluster.features.directory.selectors import organization_search

    result = organization_search(data=QueryDict("q=роботов&region=77"))
    assert result.hits and result.facets
    assert s.hits_data(result.hits) == s.SearchHitSerializer(result.hits, many=True).data
    for facet in result.facets:
        assert s.facet_data(facet) == s.FacetSerializer(facet).data


def test_facets_narrow_and_count_without_their_own_selection(api, catalogue):
    body = api.get("/api/v1/search", {"industry": "manufacturing", "region": "50"}).json()
    assert [h["short_name"] for h in body["results"]] == ["Аддитив Плюс"]
    facets = {f["name"]: {v["value"]: v["count"] for v in f["values"]} for f in body["facets"]}
    # region counts ignore the region filter (Moscow is still offered), not the industry one
    assert facets["region"] == {"50": 1, "77": 1}
    assert facets["industry"] == {"manufacturing": 1}
    several = api.get("/api/v1/search", {"org_type": ["manufacturer", "startup"]}).json()
    assert several["count"] == 3


def test_sort_by_name_and_newest(api, catalogue):
    by_name = [
        h["short_name"] for h in api.get("/api/v1/search", {"sort": "name"}).json()["results"]
    ]
    assert by_name == sorted(by_name, key=str.lower)
    newest = api.get("/api/v1/search", {"sort": "newest"}).json()["results"]
    assert newest[0]["short_name"] == "Финансовые решения"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"region": "999"}, "region"),
        ({"org_type": "spaceship"}, "org_type"),
        ({"technology": "alchemy"}, "technology"),
        ({"trl": "10"}, "trl"),
        ({"sort": "random"}, "sort"),
        ({"status": "friend"}, "status"),
    ],
)
def test_unknown_facet_values_are_400_with_the_allowed_values(api, catalogue, params, field):
    response = api.get("/api/v1/search", params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert field in body["errors"]
    assert body["error_codes"] == {field: ["invalid_choice"]}
    assert body["allowed_values"][field]
    if field == "technology":
        assert "robotics" in body["allowed_values"]["technology"]


@pytest.mark.parametrize("params", [{"page": "0"}, {"page": "x"}, {"page_size": "101"}])
def test_bad_pages_are_400(api, catalogue, params):
    response = api.get("/api/v1/search", params)
    assert response.status_code == 400
    assert response.json()["error_codes"] == {name: ["invalid"] for name in params}


def test_a_page_beyond_the_end_is_empty(api, catalogue):
    body = api.get("/api/v1/search", {"page": "99"}).json()
    assert body["results"] == [] and body["count"] == 4 and body["page"] == 99


@pytest.mark.parametrize(
    "query", ["' \" & | * : ( ) !", "<script>alert(1)</script>", "я" * 1000, "", "   "]
)
def test_odd_queries_never_fail(api, catalogue, query):
    response = api.get("/api/v1/search", {"q": query})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_the_number_of_queries_does_not_depend_on_the_page_size(api, catalogue, settings):
    settings.SEARCH_CACHE = False  # else the sections beside come from the first request's
    for n in range(30):
        make(f"Робот {n}", technologies=["robotics"], products=[(f"Робот {n}", 5)])

    def queries(size):
        with CaptureQueriesContext(connection) as captured:
            response = api.get("/api/v1/search", {"q": "робот", "page_size": size, "region": "77"})
            assert response.status_code == 200
        return len(captured)

    assert queries(1) == queries(5) == queries(30)


def test_suggestions(api, catalogue):
    body = api.get("/api/v1/search/suggest", {"q": "робо"}).json()
    labels = [(s["kind"], s["label"]) for s in body["suggestions"]]
    assert ("technology", "Robotics") in labels  # in the language asked for
    assert ("organization", "Роботех") in labels
    for n in range(12):
        make(f"Роботы {n}")
    assert len(api.get("/api/v1/search/suggest", {"q": "робо"}).json()["suggestions"]) == 8
    assert api.get("/api/v1/search/suggest", {"q": "'\"*("}).json() == {"suggestions": []}


def test_partners_for_a_need(api, catalogue):
    body = api.get("/api/v1/partners", {"need": "3D печать металлом"}).json()
    first = body["results"][0]
    assert first["short_name"] == "Аддитив Плюс"
    assert any("3D-печать" in reason for reason in first["reasons"])


def test_partners_for_my_organization_never_include_it(api_as, catalogue):
    from tests.factories import member_of

    make(  # a copy of Роботех: the same type, industry and technologies
        "Роботех-2",
        technologies=["robotics", "ai"],
        industries=["manufacturing"],
        org_type="manufacturer",
    )
    owner = member_of(catalogue["robotech"])
    client = api_as(owner)
    body = client.get("/api/v1/partners", {"organization": catalogue["robotech"].pk}).json()
    found = [r["short_name"] for r in body["results"]]
    assert "Роботех" not in found
    assert set(found[:2]) == {"Аддитив Плюс", "Зрение Лаб"}  # they bring what Роботех lacks
    assert found[-1] == "Роботех-2"
    reasons = {r["short_name"]: r["reasons"] for r in body["results"]}
    assert any("3D" in reason for reason in reasons["Аддитив Плюс"])
    assert any("Manufacturing" in reason for reason in reasons["Аддитив Плюс"])
    only_78 = client.get(
        "/api/v1/partners", {"organization": catalogue["robotech"].pk, "region": "78"}
    ).json()
    assert {r["region"] for r in only_78["results"]} <= {"78"}


def test_partners_for_someone_elses_organization_is_404(api_as, catalogue):
    client = api_as(UserFactory())
    response = client.get("/api/v1/partners", {"organization": catalogue["robotech"].pk})
    assert response.status_code == 404
    nothing = client.get("/api/v1/partners", {})
    assert nothing.status_code == 400 and nothing.json()["error_codes"] == {"need": ["required"]}
    elsewhere = client.get("/api/v1/partners", {"need": "x", "region": "999"})
    assert elsewhere.status_code == 400
    assert elsewhere.json()["error_codes"] == {"region": ["invalid_choice"]}


def test_saved_searches(api, api_as, catalogue):
    user = UserFactory()
    client = api_as(user)
    assert api.get("/api/v1/saved-searches/").status_code == 401
    created = client.post(
        "/api/v1/saved-searches/", {"name": "Роботы", "query": "region=77&q=робот"}, format="json"
    )
    assert created.status_code == 201
    assert created.json()["query"] == "q=%D1%80%D0%BE%D0%B1%D0%BE%D1%82&region=77"
    again = client.post(
        "/api/v1/saved-searches/", {"name": "Ещё", "query": "q=робот&region=77"}, format="json"
    )
    assert again.status_code == 409
    assert again.json()["code"] == DirectoryErrorCode.SAVED_SEARCH_EXISTS
    bad = client.post(
        "/api/v1/saved-searches/", {"name": "X", "query": "region=999"}, format="json"
    )
    assert bad.status_code == 400
    assert bad.json()["error_codes"] == {"query": ["invalid_choice"]}
    other = api_as(UserFactory())
    pk = created.json()["id"]
    assert other.delete(f"/api/v1/saved-searches/{pk}/").status_code == 404
    assert client.delete(f"/api/v1/saved-searches/{pk}/").status_code == 204
    assert not SavedSearch.objects.exists()


def test_the_status_facet_counts_and_filters_active_statuses_only(api, catalogue):
    from datetime import date

    from innocluster.platform.status.models import Status

    def status(key, kind, state, number):
        Status.objects.create(
            organization=catalogue[key],
            kind=kind,
            state=state,
            register_number=number,
            granted_on=date(2025, 1, 15),
        )

    status("robotech", "participant", "active", "R-1")
    status("bank", "partner", "suspended", "R-2")

    def facets(body):
        return {f["name"]: {v["value"]: v["count"] for v in f["values"]} for f in body["facets"]}

    assert facets(api.get("/api/v1/search").json())["status"] == {"participant": 1}
    chosen = api.get("/api/v1/search", {"status": "participant", "q": "роботов"}).json()
    assert [h["short_name"] for h in chosen["results"]] == ["Роботех"]
    assert api.get("/api/v1/search", {"status": "partner"}).json()["count"] == 0


def test_a_saved_search_without_its_query_is_a_400_naming_it(api_as, catalogue):
    response = api_as(UserFactory()).post(
        "/api/v1/saved-searches/", {"name": "Без запроса"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error_codes"] == {"query": ["required"]}
    assert not SavedSearch.objects.exists()


def test_a_saved_search_of_everything_has_an_empty_query(api_as, catalogue):
    response = api_as(UserFactory()).post(
        "/api/v1/saved-searches/", {"name": "Всё", "query": ""}, format="json"
    )
    assert response.status_code == 201


def test_partners_in_more_regions_than_there_are_is_a_400(api):
    response = api.get("/api/v1/partners", {"need": "станок", "region": ["77"] * 200})
    assert response.status_code == 400
    assert response.json()["error_codes"] == {"region": ["max_length"]}
