"""The rightholders' consent through the API: ip-objects/{id}/confirm/, decline/, withdraw/ and
ip-objects/waiting/; a registration that waits is a 404 for anybody not involved."""

import pytest

from innocluster.features.ipregistry.errors import IPRegistryErrorCode as Code
from innocluster.platform.ledger.selectors import ledger_size
from tests.factories import OrganizationFactory, UserFactory, member_of
from tests.ipregistry.helpers import WORK_SHA256, register, shared_with

pytestmark = pytest.mark.django_db

URL = "/api/v1/ip-objects/"


@pytest.fixture
def partner(db):
    return OrganizationFactory(short_name="ООО Партнёр")


@pytest.fixture
def partner_owner(partner):
    return member_of(partner, "owner")


@pytest.fixture
def waiting(organization, owner, partner):
    return register(organization, owner, rightholders=shared_with(partner, registrant=organization))


def test_creating_with_another_organization_answers_pending(api_as, organization, owner, partner):
    body = {
        "organization": organization.pk,
        "title": "Программа",
        "kind": "software",
        "rightholders": [{"name": "ООО Партнёр", "share": "100", "organization": partner.pk}],
        "work_sha256": WORK_SHA256,
    }
    response = api_as(owner).post(URL, body, format="json")
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["registration_state"] == "pending" and created["registered_at"] is None
    assert created["rightholders"][0]["consent"] == "awaited"
    assert created["ledger_entry"] is None
    assert created["my_actions"] == {"answer_for": [], "may_withdraw": True}
    assert ledger_size() == 0


def test_a_waiting_registration_is_a_404_for_others(api, api_as, waiting, owner, partner_owner):
    path = f"{URL}{waiting.pk}/"
    assert api.get(path).status_code == 404
    for user in (UserFactory(), UserFactory(staff_role="admin"), member_of(OrganizationFactory())):
        client = api_as(user)
        assert client.get(path).status_code == 404
        assert client.post(f"{path}confirm/", {}, format="json").status_code == 404
        assert client.post(f"{path}decline/", {"reason": "x"}, format="json").status_code == 404
        assert client.post(f"{path}withdraw/").status_code == 404
    assert api.get(URL).json()["count"] == 0  # nor in the public list
    for user in (owner, partner_owner):
        assert api_as(user).get(path).status_code == 200
    answer = api_as(partner_owner).get(path).json()["my_actions"]
    assert answer == {
        "answer_for": [waiting.rightholders.last().organization_id],
        "may_withdraw": False,
    }


def test_anonymous_actions_are_refused(api, waiting):
    response = api.post(f"{URL}{waiting.pk}/confirm/", {}, format="json")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_confirm_makes_it_final_and_public(api, api_as, waiting, partner, partner_owner):
    response = api_as(partner_owner).post(
        f"{URL}{waiting.pk}/confirm/", {"organization": partner.pk}, format="json"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["registration_state"] == "registered" and body["registered_at"]
    assert [h["consent"] for h in body["rightholders"]] == ["not_asked", "confirmed"]
    assert ledger_size() == 1
    assert api.get(f"{URL}{waiting.pk}/").status_code == 200
    again = api_as(partner_owner).post(f"{URL}{waiting.pk}/confirm/", {}, format="json")
    assert again.status_code == 409 and again.json()["code"] == Code.IP_STATE


def test_decline_needs_a_reason(api_as, waiting, partner_owner):
    path = f"{URL}{waiting.pk}/decline/"
    response = api_as(partner_owner).post(path, {}, format="json")
    assert response.status_code == 400
    assert response.json()["error_codes"] == {"reason": ["required"]}
    response = api_as(partner_owner).post(path, {"reason": "Не соавторы"}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["registration_state"] == "declined" and body["closed_at"]
    assert body["rightholders"][1]["decline_reason"] == "Не соавторы"
    assert ledger_size() == 0


def test_who_may_do_what(api_as, organization, waiting, owner, partner, partner_owner):
    path = f"{URL}{waiting.pk}/"
    viewer = member_of(partner, "viewer")
    refused = api_as(viewer).post(f"{path}confirm/", {}, format="json")
    assert refused.status_code == 403 and refused.json()["code"] == Code.NOT_A_RIGHTHOLDER
    refused = api_as(partner_owner).post(f"{path}withdraw/")
    assert refused.status_code == 403 and refused.json()["code"] == Code.NOT_THE_REGISTRANT
    bad = api_as(partner_owner).post(f"{path}confirm/", {"organization": 2**70}, format="json")
    assert bad.status_code == 400 and bad.json()["error_codes"] == {"organization": ["max_value"]}
    response = api_as(owner).post(f"{path}withdraw/")
    assert response.status_code == 200 and response.json()["registration_state"] == "withdrawn"


def test_the_waiting_lists_of_both_sides(api_as, waiting, owner, partner_owner):
    mine = api_as(partner_owner).get(f"{URL}waiting/", {"side": "rightholder"}).json()
    assert [o["id"] for o in mine["results"]] == [waiting.pk]
    assert api_as(partner_owner).get(f"{URL}waiting/", {"side": "registrant"}).json()["count"] == 0
    theirs = api_as(owner).get(f"{URL}waiting/").json()
    assert [o["id"] for o in theirs["results"]] == [waiting.pk]
    assert theirs["results"][0]["my_actions"]["may_withdraw"] is True
    assert api_as(UserFactory()).get(f"{URL}waiting/").json()["count"] == 0
    bad = api_as(owner).get(f"{URL}waiting/", {"side": "everyone"})
    assert bad.status_code == 400 and bad.json()["error_codes"] == {"side": ["invalid_choice"]}
