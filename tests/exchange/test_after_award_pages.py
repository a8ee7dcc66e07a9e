"""The order's page after the award: the buyer records the contract and confirms the
delivery, each side rates the other; a refusal shows the form again and writes nothing; the
organization's page shows its rating."""

import pytest
from django.test import Client
from django.utils import timezone

from innocluster.features.exchange.models import Contract, Rating

from .after import an_awarded_order
from .helpers import a_supplier

pytestmark = pytest.mark.django_db


def _client(user=None):
    client = Client(HTTP_ACCEPT_LANGUAGE="ru")
    if user:
        client.force_login(user)
    return client


def test_contract_delivery_and_ratings_on_the_order_page():
    order, buyer, owner, supplier, editor = an_awarded_order()
    page = f"/exchange/orders/{order.pk}/"
    as_buyer, as_supplier = _client(owner), _client(editor)
    assert "Внести договор" in as_buyer.get(page).content.decode()
    assert "Внести договор" not in as_supplier.get(page).content.decode()
    assert "Договор и поставка" not in _client().get(page).content.decode()
    today = timezone.localdate().isoformat()
    bad = as_buyer.post(
        f"{page}contract/",
        {"amount": "0", "signed_on": today, "starts_on": today, "ends_on": today},
    )
    assert bad.status_code == 400 and "больше нуля" in bad.content.decode()
    assert not Contract.objects.exists()
    body = {"amount": "144000,50", "signed_on": today, "starts_on": today, "ends_on": today}
    assert as_buyer.post(f"{page}contract/", body).status_code == 302
    shown = as_supplier.get(page).content.decode()
    assert "144 000,50" in shown.replace("\xa0", " ") and "Подтвердить поставку" not in shown
    assert "Подтвердить поставку" in as_buyer.get(page).content.decode()
    assert as_buyer.post(f"{page}delivery/", {"delivered_on": today}).status_code == 302
    assert "Оценить другую сторону" in as_supplier.get(page).content.decode()
    assert as_supplier.post(f"{page}rating/", {"score": "4", "comment": "Чётко"}).status_code == 302
    assert as_buyer.post(f"{page}rating/", {"score": "5"}).status_code == 302
    twice = as_buyer.post(f"{page}rating/", {"score": "1"})
    assert twice.status_code == 409
    assert sorted(Rating.objects.values_list("score", flat=True)) == [4, 5]
    _, stranger = a_supplier()
    assert _client(stranger).post(f"{page}rating/", {"score": "1"}).status_code == 404
    assert _client(stranger).post(f"{page}contract/", body).status_code == 404
    profile = _client().get(f"/organizations/{supplier.pk}/").content.decode()
    assert "5,0 из 5 (1 выполненный заказ)" in profile
