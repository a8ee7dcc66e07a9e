"""The marketplace's pages in the walk (test_walk.py's checks: 200, no sideways scroll, no raw
codes, no English, a screenshot each), at 1366 and 390 px, as the public, a buyer, the vendor
and a stranger (who gets a 404 for the inquiry and for the vendor's edit page)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from innocluster.features.marketplace import services
from tests.browser.test_accessibility import _sign_in
from tests.browser.walking import SCREENSHOT_DIR, WIDTHS, walk
from tests.factories import ProductFactory, member_of, with_status
from tests.marketplace.helpers import a_buyer, a_listing, a_vendor, an_inquiry
from tests.pdfs import pdf_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _photo():
    picture = io.BytesIO()
    Image.new("RGB", (640, 480), "steelblue").save(picture, "PNG")
    return SimpleUploadedFile("photo.png", picture.getvalue(), content_type="image/png")


def _world():
    vendor, editor = a_vendor()
    listing = a_listing(vendor, editor, terms="Поставка за 10 рабочих дней, гарантия 12 месяцев.")
    services.photo_add(listing=listing, actor=editor, image=_photo(), caption="Общий вид")
    services.certificate_add(
        listing=listing, actor=editor, title="Декларация о соответствии ЕАЭС",
        number="ЕАЭС N RU Д-RU.РА01.В.12345/26", issued_by="ООО «Сертификация»",
        file=pdf_file("Декларация.pdf"),
    )  # fmt: skip
    partner_vendor, partner_editor = a_vendor("partner")
    a_listing(
        partner_vendor, partner_editor, name="Платформа мониторинга энергопотребления",
        description="Облачный сервис учёта энергии", price=None, delivers_everywhere=True,
        regions=[],
    )  # fmt: skip
    unlisted = ProductFactory(organization=vendor, name="Контроллер уровня жидкости")
    buyer, owner = a_buyer()
    with_status(buyer)
    inquiry = an_inquiry(listing, buyer, owner)
    services.message_post(
        inquiry=inquiry, actor=editor, text="Партия из 100 штук — 118 000 ₽ за штуку, 3 недели."
    )
    stranger = member_of(a_buyer()[0], "owner")
    pages = {
        "anonymous": [
            "/marketplace/",
            "/marketplace/?q=датчик&vendor=verified&price_max=200000",
            "/marketplace/?region=16&sort=price",
            f"/marketplace/{listing.pk}/",
        ],
        "buyer": [
            f"/marketplace/{listing.pk}/",
            "/marketplace/inquiries/",
            f"/marketplace/inquiries/{inquiry.pk}/",
        ],
        "vendor": [
            "/marketplace/mine/",
            f"/marketplace/{listing.pk}/edit/",
            f"/marketplace/new/{unlisted.pk}/",
            f"/marketplace/inquiries/{inquiry.pk}/",
            f"/organizations/{vendor.pk}/",
        ],
        "stranger": [f"/marketplace/{listing.pk}/"],
    }
    hidden = {
        "stranger": [f"/marketplace/inquiries/{inquiry.pk}/", f"/marketplace/{listing.pk}/edit/"]
    }
    return pages, hidden, {"buyer": owner, "vendor": editor, "stranger": stranger}


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
@pytest.mark.parametrize("person", ["anonymous", "buyer", "vendor", "stranger"])
def test_marketplace_pages_read_right(new_page, live_server, person, width):
    pages, hidden, people = _world()
    page = new_page(*WIDTHS[width])
    if person != "anonymous":
        _sign_in(page, live_server, people[person])
    problems = walk(
        page, live_server, shots=SCREENSHOT_DIR / f"marketplace-{person}-{width}",
        seen=pages[person], hidden=hidden.get(person, []),
    )  # fmt: skip
    assert problems == [], "\n".join(problems)
