"""The API of what follows the award: a third party is told there is no such order."""

import pytest
from django.utils import timezone

from innocluster.features.exchange.models import Contract, Rating
from innocluster.platform.accounts.choices import StaffRole
from tests.factories import UserFactory

from .after import an_awarded_order
from .helpers import a_buyer, a_supplier, an_order

pytestmark = pytest.mark.django_db

CONTRACT = {"amount": "144000.00", "number": "Д-1"}


def contract_body():
    today = timezone.localdate().isoformat()
    return {**CONTRACT, "signed_on": today, "starts_on": today, "ends_on": today}


def test_contract_delivery_ratings_through_the_api(api, api_as):
    order, buyer, owner, supplier, editor = an_awarded_order()
    base = f"/api/v1/exchange/orders/{order.pk}"
    as_buyer, as_supplier = api_as(owner), api_as(editor)
    assert as_buyer.get(f"{base}/contract/").status_code == 404  # none yet
    response = as_buyer.post(f"{base}/contract/", contract_body(), format="json")
    assert response.status_code == 201, response.json()
    assert as_supplier.get(f"{base}/contract/").json()["amount"] == "144000.00"
    fund = UserFactory(staff_role=StaffRole.REVIEWER)
    assert api_as(fund).get(f"{base}/contract/").status_code == 200
    again = as_buyer.post(f"{base}/contract/", contract_body(), format="json")
    assert again.status_code == 409 and again.json()["code"] == "exchange_contract_exists"
    early = as_buyer.post(f"{base}/ratings/", {"score": 5}, format="json")
    assert early.status_code == 409 and early.json()["code"] == "exchange_not_delivered"
    today = timezone.localdate().isoformat()
    delivered = as_buyer.post(f"{base}/delivery/", {"delivered_on": today}, format="json")
    assert delivered.status_code == 200 and delivered.json()["delivered_on"] == today
    rated = as_buyer.post(f"{base}/ratings/", {"score": 5, "comment": "Отлично"}, format="json")
    assert rated.status_code == 201 and rated.json()["rated"] == supplier.pk
    twice = as_buyer.post(f"{base}/ratings/", {"score": 1}, format="json")
    assert twice.status_code == 409 and twice.json()["code"] == "exchange_already_rated"
    bad = as_supplier.post(f"{base}/ratings/", {"score": 9}, format="json")
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"
    assert as_supplier.post(f"{base}/ratings/", {"score": 4}, format="json").status_code == 201
    assert len(as_supplier.get(f"{base}/ratings/").json()) == 2
    summary = api.get(
        f"/api/v1/exchange/ratings/?organization={supplier.pk}&organization={buyer.pk}"
    )
    assert summary.json() == sorted(
        [
            {"organization": supplier.pk, "average": "5.0", "count": 1},
            {"organization": buyer.pk, "average": "4.0", "count": 1},
        ],
        key=lambda row: row["organization"],
    )
    assert api.get("/api/v1/exchange/ratings/").status_code == 400


def test_a_third_party_gets_404_and_changes_nothing(api, api_as):
    order, _, owner, _, _ = an_awarded_order()
    _, stranger = a_supplier()
    base = f"/api/v1/exchange/orders/{order.pk}"
    client = api_as(stranger)
    assert client.post(f"{base}/contract/", contract_body(), format="json").status_code == 404
    assert client.get(f"{base}/contract/").status_code == 404
    assert client.post(f"{base}/delivery/", {"delivered_on": "2026-01-01"}).status_code == 404
    assert client.post(f"{base}/ratings/", {"score": 5}, format="json").status_code == 404
    assert client.get(f"{base}/ratings/").json() == []
    assert api.post(f"{base}/ratings/", {"score": 5}, format="json").status_code in (401, 403)
    assert not Contract.objects.exists() and not Rating.objects.exists()


def test_a_contract_on_an_order_not_awarded_is_a_conflict(api_as):
    buyer, owner = a_buyer()
    order = an_order(buyer, owner)
    body = contract_body()
    response = api_as(owner).post(f"/api/v1/exchange/orders/{order.pk}/contract/", body)
    assert response.status_code == 409 and response.json()["code"] == "exchange_not_awarded"
    assert not Contract.objects.exists()
