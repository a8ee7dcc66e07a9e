import datetime as dt
from pathlib import Path

import pytest
import yaml
from django.utils import timezone

from innocluster.features.exchange.models import Offer, Order
from innocluster.platform.accounts.choices import StaffRole
from tests.factories import UserFactory

from .helpers import a_buyer, a_supplier, an_offer, an_order, category, close

pytestmark = pytest.mark.django_db


def order_body(buyer, **values):
    now = timezone.now()
    return {
        "organization": buyer.pk, "title": "Кронштейны", "delivery_place": "Москва",
        "delivery_date": (timezone.localdate() + dt.timedelta(days=40)).isoformat(),
        "budget": "100000.00", "budget_public": False,
        "questions_until": (now + dt.timedelta(days=3)).isoformat(),
        "offers_until": (now + dt.timedelta(days=7)).isoformat(),
        "items": [{"name": "Кронштейн", "category": category("sheet-metal").pk,
                   "quantity": "500", "unit": "796", "material": "Ст3"}],
        **values,
    }  # fmt: skip


def test_lists_create_publish_and_read_an_order(api, api_as):
    buyer, owner = a_buyer()
    client = api_as(owner)
    response = client.post("/api/v1/exchange/orders/", order_body(buyer), format="json")
    assert response.status_code == 201, response.json()
    order = response.json()
    assert order["status"] == "draft" and order["budget"] == "100000.00"
    assert order["items"][0]["unit_code"] == "796"
    assert api.get(f"/api/v1/exchange/orders/{order['id']}/").status_code == 404  # a draft
    assert client.post(f"/api/v1/exchange/orders/{order['id']}/publish/").status_code == 200
    public = api.get(f"/api/v1/exchange/orders/{order['id']}/").json()
    assert public["status"] == "published" and public["budget"] is None  # hidden budget
    listed = api.get(f"/api/v1/exchange/orders/?category={category('sheet-metal').pk}").json()
    assert [o["id"] for o in listed["results"]] == [order["id"]]
    assert api.get("/api/v1/exchange/orders/?status=maybe").status_code == 400
    assert len(api.get("/api/v1/exchange/units/").json()) >= 10
    assert api.get("/api/v1/exchange/categories/").status_code == 200


def test_a_wrong_unit_is_a_problem_with_its_code(api_as):
    buyer, owner = a_buyer()
    body = order_body(buyer)
    body["items"][0]["unit"] = "112"  # litres of sheet metal
    response = api_as(owner).post("/api/v1/exchange/orders/", body, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "items" in response.json()["errors"]
    assert not Order.objects.exists()


def offer_body(order, supplier, **values):
    lines = [{"item": it.pk, "price": "1000.00", "vat_rate": "20"} for it in order.items.all()]
    return {"order": order.pk, "organization": supplier.pk, "lead_time_days": 14, "lines": lines,
            **values}  # fmt: skip


def test_offers_are_sealed_in_the_api_until_the_opening(api_as):
    buyer, owner = a_buyer()
    order = an_order(buyer, owner)
    supplier, editor = a_supplier()
    response = api_as(editor).post(
        "/api/v1/exchange/offers/", offer_body(order, supplier), format="json"
    )
    assert response.status_code == 201, response.json()
    offer_id = response.json()["id"]
    fund = UserFactory(staff_role=StaffRole.REVIEWER)
    for user in (owner, fund):
        client = api_as(user)
        assert client.get(f"/api/v1/exchange/offers/{offer_id}/").status_code == 404
        assert client.get(f"/api/v1/exchange/orders/{order.pk}/comparison/").status_code == 404
    assert api_as(owner).get(f"/api/v1/exchange/orders/{order.pk}/offers/").status_code == 404
    assert api_as(editor).get(f"/api/v1/exchange/offers/{offer_id}/").status_code == 200
    close(order)
    assert api_as(owner).get(f"/api/v1/exchange/offers/{offer_id}/").status_code == 200
    rows = api_as(owner).get(f"/api/v1/exchange/orders/{order.pk}/comparison/").json()
    assert rows[0]["offer"] == offer_id and rows[0]["total_with_vat"] == "2400.00"
    award = {"offer": offer_id, "reason": "Единственное предложение"}
    url = f"/api/v1/exchange/orders/{order.pk}/award/"
    assert api_as(owner).post(url, award, format="json").status_code == 200
    second = api_as(owner).post(url, award, format="json")
    assert second.status_code == 409 and second.json()["code"] == "exchange_already_decided"


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"currency": "USD"}, "exchange_wrong_currency"),
        ({"negative": True}, "exchange_negative_price"),
    ],
)
def test_bad_offers_in_the_api(api_as, values, code):
    order = an_order()
    supplier, editor = a_supplier()
    body = offer_body(order, supplier, **{k: v for k, v in values.items() if k != "negative"})
    if values.get("negative"):
        body["lines"][0]["price"] = "-5.00"
    response = api_as(editor).post("/api/v1/exchange/offers/", body, format="json")
    assert response.status_code == 400
    assert code in str(response.json())
    assert not Offer.objects.exists()


def test_an_offer_after_the_deadline_is_a_409(api_as):
    order = an_order()
    supplier, editor = a_supplier()
    an_offer(order, supplier, editor)
    Order.objects.filter(pk=order.pk).update(
        questions_until=timezone.now() - dt.timedelta(seconds=2),
        offers_until=timezone.now() - dt.timedelta(seconds=1),
    )
    response = api_as(editor).post(
        "/api/v1/exchange/offers/", offer_body(order, supplier), format="json"
    )
    assert response.status_code == 409 and response.json()["code"] == "exchange_offers_closed"
    withdraw = api_as(editor).post(f"/api/v1/exchange/offers/{Offer.objects.get().pk}/withdraw/")
    assert withdraw.status_code == 409


@pytest.mark.parametrize("value", ["2279107468917100773376", "-3089", "abc", "0"])
def test_a_category_that_is_none_of_the_list_is_a_400_not_a_query(api, value):
    # The fuzzer's 2279107468917100773376 overflowed SQLite's integers (a 500)
    response = api.get("/api/v1/exchange/orders/", {"category": value})
    assert response.status_code == 400
    assert response.json()["error_codes"]["category"] == ["invalid_choice"]
    assert api.get(f"/exchange/?category={value}").status_code == 400


def test_the_questions_are_a_plain_list_as_the_schema_says(api):
    # The fuzzer read `[]` where the schema promised a paginated object
    order = an_order()
    questions = api.get(f"/api/v1/exchange/orders/{order.pk}/questions/")
    assert questions.status_code == 200 and questions.json() == []
    schema = yaml.safe_load((Path(__file__).parents[2] / "schema" / "openapi.yaml").read_text())
    answer = schema["paths"]["/api/v1/exchange/orders/{id}/questions/"]["get"]["responses"]["200"]
    assert answer["content"]["application/json"]["schema"]["type"] == "array"
