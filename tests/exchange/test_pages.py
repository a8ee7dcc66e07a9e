import pytest
from django.test import Client

from innocluster.features.exchange.models import Award, Offer

from .helpers import a_buyer, a_supplier, an_offer, an_order, close

pytestmark = pytest.mark.django_db


def _client(user=None):
    client = Client(HTTP_ACCEPT_LANGUAGE="ru")
    if user:
        client.force_login(user)
    return client


def test_the_catalogue_and_the_order_page_for_each_person():
    buyer, owner = a_buyer()
    order = an_order(buyer, owner)
    draft = an_order(buyer, owner, title="Черновик заказа", publish=False)
    supplier, editor = a_supplier()
    page = _client().get("/exchange/?q=корпуса").content.decode()
    assert "Корпуса датчиков давления" in page and "Черновик заказа" not in page
    assert _client().get("/exchange/?status=published&access=open").status_code == 200
    assert _client().get("/exchange/?status=nonsense").status_code == 400
    public = _client().get(f"/exchange/orders/{order.pk}/").content.decode()
    assert "Фрезерная обработка с ЧПУ" in public and "шт" in public
    assert "500" not in public.replace(str(order.pk), "")  # the hidden budget
    assert "500" in _client(owner).get(f"/exchange/orders/{order.pk}/").content.decode()
    assert _client().get(f"/exchange/orders/{draft.pk}/").status_code == 404
    assert _client(owner).get(f"/exchange/orders/{draft.pk}/").status_code == 200
    assert _client(owner).get(f"/exchange/orders/{order.pk}/offer/").status_code == 404
    assert _client(editor).get(f"/exchange/orders/{order.pk}/offer/").status_code == 200


def test_a_supplier_seals_an_offer_on_the_page_and_the_buyer_awards_after_the_opening():
    buyer, owner = a_buyer()
    order = an_order(buyer, owner)
    supplier, editor = a_supplier()
    items = list(order.items.all())
    data = {"organization": supplier.pk, "lead_time_days": "12", "comment": "",
            **{f"vat_{it.pk}": "20" for it in items},
            **{f"price_{it.pk}": "1500.00" for it in items}}  # fmt: skip
    response = _client(editor).post(f"/exchange/orders/{order.pk}/offer/", data)
    assert response.status_code == 302
    offer = Offer.objects.get()
    bad = _client(editor).post(
        f"/exchange/orders/{order.pk}/offer/", {**data, f"price_{items[0].pk}": "-1"}
    )
    assert bad.status_code == 400 and Offer.objects.get().version == 1
    before = _client(owner).get(f"/exchange/orders/{order.pk}/").content.decode()
    assert "1 500" not in before and "1500" not in before  # sealed
    an_offer(order, *a_supplier())
    close(order)
    page = _client(owner).get(f"/exchange/orders/{order.pk}/").content.decode()
    page = page.replace("\xa0", " ").replace("\u202f", " ")
    assert "3 600,00" in page
    response = _client(owner).post(
        f"/exchange/orders/{order.pk}/award/", {"offer": offer.pk, "reason": "Лучше по цене"}
    )
    assert response.status_code == 302 and Award.objects.get().offer == offer
    loser_page = Client(HTTP_ACCEPT_LANGUAGE="ru")
    assert _client(editor).get(f"/exchange/orders/{order.pk}/").status_code == 200
    assert loser_page.get(f"/exchange/orders/{order.pk}/").status_code == 200
