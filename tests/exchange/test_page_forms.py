"""The exchange's page forms: posting and editing an order with its items, files and
publishing; the NDA and the confidential files; questions and answers; the offer with a VAT
rate per item, and withdrawing it. Bad input is a form message and writes nothing."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from innocluster.features.exchange.models import (
    Download,
    Item,
    NdaAcceptance,
    Offer,
    Order,
    OrderFile,
    Question,
)
from tests.pdfs import pdf_file

from .helpers import a_buyer, a_supplier, an_offer, an_order, category, unit

pytestmark = pytest.mark.django_db


def _client(user=None, language="ru"):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if user:
        client.force_login(user)
    return client


def _local(days: int) -> str:
    moment = timezone.localtime() + dt.timedelta(days=days)
    return moment.strftime("%Y-%m-%dT%H:%M")


def _order_data(buyer, **values) -> dict:
    data = {
        "organization": buyer.pk, "title": "Валы редуктора", "description": "По чертежу.",
        "delivery_place": "Москва",
        "delivery_date": (timezone.localdate() + dt.timedelta(60)).isoformat(),
        "budget": "250 000,50", "access": "open", "invited": "",
        "questions_until": _local(3), "offers_until": _local(7), "criteria": "lowest_price",
        "weight_price": "100", "weight_lead_time": "0", "weight_rating": "0",
        "items-TOTAL_FORMS": "3", "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0", "items-MAX_NUM_FORMS": "50",
        "items-0-name": "Вал", "items-0-category": category("cnc-turning").pk,
        "items-0-quantity": "12,5", "items-0-unit": unit("796").pk,
        "items-0-material": "40Х", "items-0-tolerances": "h7",
    }  # fmt: skip
    return data | values


def test_a_buyer_posts_edits_and_publishes_an_order_on_the_pages():
    buyer, owner = a_buyer()
    client = _client(owner)
    assert client.get("/exchange/orders/new/").status_code == 200
    response = client.post("/exchange/orders/new/", _order_data(buyer))
    assert response.status_code == 302, (
        response.context["form"].errors,
        response.context["items"].errors,
        response.context["items"].non_form_errors(),
    )
    order = Order.objects.get()
    assert order.status == "draft" and str(order.budget) == "250000.50"
    assert [(i.name, str(i.quantity), i.unit.code) for i in order.items.all()] == [
        ("Вал", "12.500", "796")
    ]
    assert timezone.localtime(order.offers_until).strftime("%Y-%m-%dT%H:%M") == _local(7)
    edit = client.get(f"/exchange/orders/{order.pk}/edit/")
    assert edit.status_code == 200 and "12,5" in edit.content.decode()
    changed = _order_data(
        buyer, title="Валы и втулки", **{"items-1-name": "Втулка",
        "items-1-category": category("cnc-turning").pk, "items-1-quantity": "4",
        "items-1-unit": unit("839").pk},
    )  # fmt: skip
    changed.pop("organization")
    assert client.post(f"/exchange/orders/{order.pk}/edit/", changed).status_code == 302
    order.refresh_from_db()
    assert order.title == "Валы и втулки" and order.items.count() == 2
    upload = {"upload": pdf_file("чертёж.pdf"), "confidential": "on"}
    assert client.post(f"/exchange/orders/{order.pk}/files/", upload).status_code == 302
    assert OrderFile.objects.get().confidential
    assert client.post(f"/exchange/orders/{order.pk}/publish/").status_code == 302
    order.refresh_from_db()
    assert order.status == "published"
    again = client.post(f"/exchange/orders/{order.pk}/edit/", changed | {"title": "Другое"})
    assert again.status_code == 409
    assert again.context["form"].has_error("__all__", "exchange_not_a_draft")
    order.refresh_from_db()
    assert order.title == "Валы и втулки"


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"items-0-unit": "UNIT_KG"}, "exchange_wrong_unit"),  # a kilogram of CNC turning
        (
            {
                "items-0-name": "",
                "items-0-category": "",
                "items-0-quantity": "",
                "items-0-unit": "",
                "items-0-material": "",
                "items-0-tolerances": "",
            },
            "exchange_no_items",
        ),  # fmt: skip
        ({"questions_until": "OFFERS_PLUS"}, "exchange_periods_out_of_order"),
        ({"criteria": "weighted", "weight_price": "50"}, "exchange_weights_invalid"),
        ({"items-0-quantity": "-1"}, "min_value"),
        ({"invited": "7700000000", "access": "invited"}, "unknown_inn"),
        ({"budget": "-5"}, None),  # the model's constraint: the message, no code of its own
    ],
)
def test_bad_input_of_an_order_is_a_form_message_and_writes_nothing(values, code):
    buyer, owner = a_buyer()
    values = dict(values)
    if values.get("items-0-unit") == "UNIT_KG":
        values["items-0-unit"] = unit("166").pk
    if values.get("questions_until") == "OFFERS_PLUS":
        values["questions_until"] = _local(9)
    response = _client(owner).post("/exchange/orders/new/", _order_data(buyer, **values))
    assert response.status_code == 400
    items = response.context["items"]
    errors = {
        *(e.code for field in response.context["form"].errors.as_data().values() for e in field),
        *(e.code for form in items.forms for f in form.errors.as_data().values() for e in f),
        *(e.code for e in items.non_form_errors().as_data()),
    }
    assert code in errors and errors != {None} or code is None and errors, errors
    assert not Order.objects.exists() and not Item.objects.exists()


def test_the_nda_opens_the_confidential_files_and_downloads_are_logged():
    buyer, owner = a_buyer()
    order = an_order(buyer, owner)
    client = _client(owner)
    client.post(f"/exchange/orders/{order.pk}/files/", {"upload": pdf_file("open.pdf")})
    client.post(
        f"/exchange/orders/{order.pk}/files/",
        {"upload": pdf_file("secret.pdf"), "confidential": "on"},
    )
    open_file, secret = OrderFile.objects.order_by("pk")
    supplier, editor = a_supplier()
    reader = _client(editor)
    page = reader.get(f"/exchange/orders/{order.pk}/").content.decode()
    assert f"/files/{open_file.pk}/" in page and f"/files/{secret.pk}/" not in page
    assert reader.get(f"/exchange/orders/{order.pk}/files/{secret.pk}/").status_code == 404
    assert reader.get(f"/exchange/orders/{order.pk}/files/{open_file.pk}/").status_code == 200
    refused = reader.post(f"/exchange/orders/{order.pk}/nda/", {"organization": supplier.pk})
    assert refused.status_code == 400 and not NdaAcceptance.objects.exists()
    accepted = reader.post(
        f"/exchange/orders/{order.pk}/nda/", {"organization": supplier.pk, "accept": "on"}
    )
    assert accepted.status_code == 302
    assert NdaAcceptance.objects.get().accepted_by == editor
    assert reader.get(f"/exchange/orders/{order.pk}/files/{secret.pk}/").status_code == 200
    assert Download.objects.filter(file=secret, user=editor).count() == 1
    outsider, stranger = a_supplier()
    other = _client(stranger).post(
        f"/exchange/orders/{order.pk}/nda/", {"organization": supplier.pk, "accept": "on"}
    )
    assert other.status_code == 400 and NdaAcceptance.objects.count() == 1


def test_questions_in_their_period_and_the_buyers_answers():
    buyer, owner = a_buyer()
    order = an_order(buyer, owner)
    supplier, editor = a_supplier()
    asker = _client(editor)
    assert asker.post(f"/exchange/orders/{order.pk}/questions/", {"text": " "}).status_code == 400
    response = asker.post(
        f"/exchange/orders/{order.pk}/questions/", {"text": "Допустима ли замена стали?"}
    )
    assert response.status_code == 302
    question = Question.objects.get()
    buyer_page = _client(owner).get(f"/exchange/orders/{order.pk}/").content.decode()
    assert "Допустима ли замена стали?" in buyer_page and editor.full_name not in buyer_page
    answer_url = f"/exchange/orders/{order.pk}/questions/{question.pk}/answer/"
    assert asker.post(answer_url, {"answer": "Нет"}).status_code == 404  # not the buyer
    assert _client(owner).post(answer_url, {"answer": ""}).status_code == 400
    assert _client(owner).post(answer_url, {"answer": "Только 40Х."}).status_code == 302
    public = _client().get(f"/exchange/orders/{order.pk}/").content.decode()
    assert "Только 40Х." in public and editor.full_name not in public
    Order.objects.filter(pk=order.pk).update(questions_until=timezone.now())
    late = asker.post(f"/exchange/orders/{order.pk}/questions/", {"text": "Ещё вопрос"})
    assert late.status_code == 409 and Question.objects.count() == 1


def test_the_offer_form_takes_a_vat_rate_per_item_and_the_offer_is_withdrawn():
    order = an_order()
    supplier, editor = a_supplier()
    first, second = order.items.all()
    data = {
        "organization": supplier.pk, "lead_time_days": "20", "comment": "",
        f"price_{first.pk}": "1 000,50", f"vat_{first.pk}": "20",
        f"price_{second.pk}": "300", f"vat_{second.pk}": "0",
    }  # fmt: skip
    client = _client(editor)
    bad = client.post(f"/exchange/orders/{order.pk}/offer/", data | {f"vat_{second.pk}": "15"})
    assert bad.status_code == 400 and not Offer.objects.exists()
    assert client.post(f"/exchange/orders/{order.pk}/offer/", data).status_code == 302
    lines = {line.item_id: line for line in Offer.objects.get().lines.all()}
    assert str(lines[first.pk].price) == "1000.50" and lines[second.pk].vat_rate == 0
    form = client.get(f"/exchange/orders/{order.pk}/offer/").context["form"]
    assert form.initial[f"vat_{second.pk}"] == "0"
    assert client.post(f"/exchange/orders/{order.pk}/offer/withdraw/").status_code == 302
    assert Offer.objects.get().status == "withdrawn"
    again = client.post(f"/exchange/orders/{order.pk}/offer/withdraw/", follow=True)
    assert "уже отозвано" in again.content.decode()


def test_withdrawing_after_the_deadline_is_refused_and_changes_nothing():
    order = an_order()
    supplier, editor = a_supplier()
    an_offer(order, supplier, editor)
    Order.objects.filter(pk=order.pk).update(
        questions_until=timezone.now() - dt.timedelta(minutes=2), offers_until=timezone.now()
    )
    response = _client(editor).post(f"/exchange/orders/{order.pk}/offer/withdraw/", follow=True)
    assert response.status_code == 200 and Offer.objects.get().status == "submitted"
    assert _client().post(f"/exchange/orders/{order.pk}/offer/withdraw/").status_code == 302
    assert (
        _client(a_buyer()[1]).post(f"/exchange/orders/{order.pk}/offer/withdraw/").status_code
        == 404
    )
