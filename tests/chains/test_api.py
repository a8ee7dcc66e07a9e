"""The chains' API: supply-links/ and clusters/{id}/chain/, problem+json with stable codes,
each object checked against the caller."""

import pytest

from innocluster.features.chains.errors import ChainErrorCode as Code
from innocluster.features.chains.models import SupplyLink

from .conftest import make_cluster

pytestmark = pytest.mark.django_db

URL = "/api/v1/supply-links/"


def body(supplier, customer, extra=None):
    data = {"supplier": supplier.pk, "customer": customer.pk}
    return {**data, "subject": "Монтаж оборудования", "starts_on": "2025-03-01", **(extra or {})}


def test_recording_and_confirming(api, api_as, supplier, supplier_owner, customer, customer_editor):
    response = api_as(supplier_owner).post(URL, body(supplier, customer), format="json")
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["link_state"] == "pending"
    assert created["my_actions"] == {"may_answer": False, "may_withdraw": True, "may_end": False}
    path = f"{URL}{created['id']}/"
    assert api.get(path).status_code == 404  # not public before it is confirmed
    assert api_as(customer_editor).get(URL).json()["count"] == 1
    answer = api_as(customer_editor).post(f"{path}confirm/")
    assert answer.status_code == 200 and answer.json()["link_state"] == "confirmed"
    assert api.get(path).status_code == 200


@pytest.mark.parametrize(
    ("extra", "field", "code"),
    [
        ({"customer": 999999}, "customer", Code.UNKNOWN_ORGANIZATION),
        ({"customer": "self"}, "customer", Code.SELF_LINK),
        ({"subject": "я" * 301}, "subject", "max_length"),
        ({"subject": ""}, "subject", Code.SUBJECT_REQUIRED),
        ({"ends_on": "2025-02-28"}, "ends_on", Code.PERIOD),
        ({"starts_on": "вчера"}, "starts_on", "invalid"),
        ({"customer": 2**64}, "customer", "max_value"),
    ],
)
def test_bad_input_is_problem_json_with_a_stable_code(
    api_as, supplier, supplier_owner, customer, extra, field, code
):
    if extra.get("customer") == "self":
        extra = {"customer": supplier.pk}
    response = api_as(supplier_owner).post(URL, body(supplier, customer, extra), format="json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["error_codes"] == {field: [code]}
    assert not SupplyLink.objects.exists()


def test_a_duplicate_is_409(api_as, pending, supplier, supplier_owner, customer):
    response = api_as(supplier_owner).post(URL, body(supplier, customer), format="json")
    assert response.status_code == 409 and response.json()["code"] == Code.DUPLICATE


def test_recording_for_an_organization_not_mine_is_404(api_as, supplier, customer, customer_editor):
    response = api_as(customer_editor).post(URL, body(supplier, customer), format="json")
    assert response.status_code == 404


def test_answering_is_the_customers(api_as, pending, supplier_owner, outsider, customer_viewer):
    path = f"{URL}{pending.pk}/"
    for user in (outsider, supplier_owner, customer_viewer):
        assert api_as(user).post(f"{path}confirm/").status_code == 404
        assert api_as(user).post(f"{path}decline/", {}, format="json").status_code == 404
    assert api_as(outsider).post(f"{path}withdraw/").status_code == 404


def test_confirming_twice_and_ending(api_as, pending, customer_editor, supplier_owner):
    path = f"{URL}{pending.pk}/"
    assert api_as(customer_editor).post(f"{path}confirm/").status_code == 200
    again = api_as(customer_editor).post(f"{path}confirm/")
    assert again.status_code == 409 and again.json()["code"] == Code.LINK_STATE
    early = api_as(supplier_owner).post(f"{path}end/", {"ends_on": "2020-01-01"}, format="json")
    assert early.status_code == 400 and early.json()["error_codes"] == {"ends_on": [Code.PERIOD]}
    ended = api_as(supplier_owner).post(f"{path}end/", {}, format="json")
    assert ended.status_code == 200 and ended.json()["link_state"] == "ended"


def test_declining_with_an_over_long_reason(api_as, pending, customer_editor):
    path = f"{URL}{pending.pk}/decline/"
    response = api_as(customer_editor).post(path, {"reason": "x" * 2001}, format="json")
    assert response.status_code == 400 and response.json()["error_codes"] == {
        "reason": ["max_length"]
    }
    assert api_as(customer_editor).post(path, {"reason": "нет"}, format="json").status_code == 200


def test_the_list_filters_by_state(api_as, pending, customer_editor):
    client = api_as(customer_editor)
    assert client.get(URL, {"link_state": "confirmed"}).json()["count"] == 0
    assert client.get(URL, {"link_state": "pending"}).json()["count"] == 1
    bad = client.get(URL, {"link_state": "nope"})
    assert bad.status_code == 400 and bad.json()["error_codes"] == {
        "link_state": ["invalid_choice"]
    }


def test_the_list_needs_a_sign_in(api):
    assert api.get(URL).status_code == 401


def test_the_chain_of_a_cluster(api, cluster, confirmed, supplier, customer):
    response = api.get(f"/api/v1/clusters/{cluster.pk}/chain/")
    assert response.status_code == 200
    data = response.json()
    assert {m["id"] for m in data["members"]} == {supplier.pk, customer.pk}
    assert [link["id"] for link in data["links"]] == [confirmed.pk]
    assert data["gaps"] == []


def test_a_private_clusters_chain_is_404_to_others(api, api_as, supplier, outsider, supplier_owner):
    private = make_cluster(supplier, is_public=False)
    assert api.get(f"/api/v1/clusters/{private.pk}/chain/").status_code == 404
    assert api_as(outsider).get(f"/api/v1/clusters/{private.pk}/chain/").status_code == 404
    assert api_as(supplier_owner).get(f"/api/v1/clusters/{private.pk}/chain/").status_code == 200
