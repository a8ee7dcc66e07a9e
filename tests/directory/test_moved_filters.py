"""The filters the old organization list had and the directory lacked, moved into its facets
(issue 16: one catalogue of organizations): the legal form."""

import pytest

from tests.factories import personal_inn, proprietor_ogrnip

from .conftest import make, names
from .test_engine import postgres_only
from .test_engine import (  # not collected twice: no test_ name here
    test_estimates_from_a_full_sample_equal_the_exact_answer as estimates_equal_the_exact_answer,
)

pytestmark = pytest.mark.django_db
URL = "/en/directory/"


@pytest.fixture
def proprietor(catalogue):
    """A sole proprietor who builds robots, beside the catalogue's four legal entities."""
    make(
        "ИП Кузнецов",
        kind="sole_proprietor",
        inn=personal_inn(7),
        ogrn=proprietor_ogrnip(7),
        technologies=["robotics"],
        description_ru="Собираю роботов на заказ.",
        region="78",
    )
    return catalogue


def facet(response, name: str) -> dict[str, int]:
    (found,) = [f for f in response.context["result"].facets if f.name == name]
    return {v.value: v.count for v in found.values}


def test_the_legal_form_is_a_facet_with_counts(client, proprietor):
    response = client.get(URL)
    assert facet(response, "kind") == {"legal_entity": 4, "sole_proprietor": 1}
    page = response.content.decode()
    assert 'type="checkbox" name="kind" value="sole_proprietor"' in page
    assert "Legal form" in page and "sole proprietor" in page


def test_the_legal_form_filters_and_its_counts_follow_the_other_filters(client, proprietor):
    response = client.get(URL, {"kind": "sole_proprietor"})
    assert names(response.context["result"]) == ["ИП Кузнецов"]
    assert facet(response, "kind") == {"legal_entity": 4, "sole_proprietor": 1}  # not its own
    assert facet(response, "region") == {"78": 1}
    assert facet(client.get(URL, {"region": "78"}), "kind") == {
        "legal_entity": 1,
        "sole_proprietor": 1,
    }


def test_two_legal_forms_mean_either(client, proprietor):
    both = client.get(URL, {"kind": ["legal_entity", "sole_proprietor"]})
    assert both.context["result"].count == 5
    found = client.get(URL, {"q": "роботов", "kind": ["sole_proprietor", "legal_entity"]})
    assert set(names(found.context["result"])) == {"Роботех", "ИП Кузнецов"}


def test_an_unknown_legal_form_is_a_400_that_says_why(client, proprietor):
    response = client.get(URL, {"kind": "trust"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Legal form: Select a valid choice. trust is not one" in page


def test_the_api_and_the_export_take_the_legal_form(client, proprietor):
    found = client.get("/api/v1/search", {"kind": "sole_proprietor"}).json()
    assert found["count"] == 1
    (kind,) = [f for f in found["facets"] if f["name"] == "kind"]
    assert {v["value"]: v["count"] for v in kind["values"]} == {
        "legal_entity": 4,
        "sole_proprietor": 1,
    }
    export = client.get("/directory/export/", {"kind": "sole_proprietor", "format": "csv"})
    rows = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "ИП Кузнецов" in rows and "Роботех" not in rows


@postgres_only
@pytest.mark.parametrize(
    "params",
    [
        {"query": "роботов", "kind": "sole_proprietor"},
        {"query": "", "kind": ["legal_entity", "sole_proprietor"], "sort": "name"},
        {"query": "", "kind": "legal_entity", "region": "78"},
    ],
)
@pytest.mark.usefixtures("engine_uncached")
def test_a_broad_searchs_walk_takes_the_legal_form_as_the_exact_one(
    proprietor, monkeypatch, params
):
    estimates_equal_the_exact_answer(proprietor, monkeypatch, params)
