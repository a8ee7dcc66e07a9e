"""In a real browser, at 1366 and at 390 px: a buyer posts an order on its form (a slip with a
unit its category is not measured in first), attaches a confidential drawing and publishes
it; a supplier accepts the NDA, asks a question and opens the offer form; the buyer reads the
suppliers that fit. Every page passes the accessibility audit and never scrolls sideways."""

import datetime as dt

import pytest
from django.utils import timezone

from innocluster.features.exchange.models import NdaAcceptance, Order, Question
from tests.exchange.helpers import a_buyer, a_supplier, category, unit
from tests.pdfs import pdf_bytes

from .test_accessibility import _audit, _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _local(days: int) -> str:
    return (timezone.localtime() + dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


@pytest.mark.parametrize("width", [1366, 390])
def test_posting_an_order_and_answering_it_on_the_pages(new_page, live_server, width):
    phone = width < 500
    base = live_server.url
    buyer, owner = a_buyer()
    turning, pieces, kilograms = category("cnc-turning"), unit("796"), unit("166")  # the lists
    page = new_page(width, 900)
    _sign_in(page, live_server, owner)
    _audit(page, f"{base}/en/exchange/orders/new/", phone=phone)
    page.fill("#id_title", "Shafts")
    page.fill("#id_delivery_place", "Moscow")
    page.fill("#id_delivery_date", (timezone.localdate() + dt.timedelta(days=60)).isoformat())
    page.fill("#id_budget", "250 000.50")
    page.fill("#id_questions_until", _local(3))
    page.fill("#id_offers_until", _local(7))
    page.fill("#id_items-0-name", "Shaft")
    page.select_option("#id_items-0-category", str(turning.pk))
    page.fill("#id_items-0-quantity", "12.5")
    page.select_option("#id_items-0-unit", str(kilograms.pk))  # kilograms of turning
    page.locator("main form.wide-form button[type='submit']").click()
    assert "is not a unit for" in page.locator(".form-errors").inner_text()
    assert not Order.objects.exists()
    if phone:
        widths = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
        assert widths[0] <= widths[1]
    page.select_option("#id_items-0-unit", str(pieces.pk))
    page.locator("main form.wide-form button[type='submit']").click()
    page.wait_for_url(f"{base}/en/exchange/orders/*/")
    order = Order.objects.get()
    page.set_input_files(
        "#id_upload", files=[{"name": "drawing.pdf", "mimeType": "application/pdf",
                              "buffer": pdf_bytes()}],
    )  # fmt: skip
    page.check("#id_confidential")
    page.get_by_role("button", name="Attach the file").click()
    page.wait_for_url(f"{base}/en/exchange/orders/{order.pk}/")
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(f"{base}/en/exchange/orders/{order.pk}/")
    order.refresh_from_db()
    assert order.status == "published"
    _audit(page, f"{base}/en/exchange/orders/{order.pk}/", phone=phone)
    _audit(page, f"{base}/en/exchange/orders/{order.pk}/matches/", phone=phone)
    _audit(page, f"{base}/en/exchange/mine/", phone=phone)

    supplier, editor = a_supplier()
    other = new_page(width, 900)
    _sign_in(other, live_server, editor)
    _audit(other, f"{base}/en/exchange/orders/{order.pk}/", phone=phone)
    assert other.get_by_role("link", name="drawing.pdf").count() == 0
    other.check("#id_accept")
    other.get_by_role("button", name="Accept the terms").click()
    other.wait_for_url(f"{base}/en/exchange/orders/{order.pk}/")
    assert NdaAcceptance.objects.filter(organization=supplier).exists()
    assert other.get_by_role("link", name="drawing.pdf").count() == 1
    other.fill("#id_text", "May we use steel 45?")
    other.get_by_role("button", name="Ask").click()
    other.wait_for_url(f"{base}/en/exchange/orders/{order.pk}/")
    assert Question.objects.get().text == "May we use steel 45?"
    _audit(other, f"{base}/en/exchange/orders/{order.pk}/offer/", phone=phone)
    _audit(other, f"{base}/en/exchange/interests/", phone=phone)
    _audit(page, f"{base}/en/exchange/orders/{order.pk}/", phone=phone)
    page.fill(".questions textarea", "Only 40Kh.")
    page.get_by_role("button", name="Answer").click()
    page.wait_for_url(f"{base}/en/exchange/orders/{order.pk}/")
    assert Question.objects.get().answer == "Only 40Kh."
