"""In a real browser: the map's markers show with no tile server reachable, a free slot of the
calendar books with the keyboard and mouse, and the pages pass the accessibility audit."""

import pytest

from innocluster.features.facilities.models import Booking, CapacityRequest
from tests.browser.test_accessibility import _audit, _sign_in
from tests.factories import UserFactory

from .helpers import make_facility, make_offer, make_resource, slot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_markers_show_when_the_tile_server_cannot_be_reached(page, live_server, settings):
    # A tile server on a closed port: every tile fails, as on a closed network.
    settings.MAP_TILES_URL = "http://127.0.0.1:9/{z}/{x}/{y}.png"
    make_facility(name="Технопарк «Альфа»")
    make_facility(name="Коворкинг «Бета»", kind="coworking", latitude="55.80", longitude="37.50")
    page.goto(f"{live_server.url}/facilities/")
    page.wait_for_selector(".facility-map path.leaflet-interactive")
    assert page.locator(".facility-map path.leaflet-interactive").count() == 2
    assert page.locator(".facility-map").get_attribute("data-marker-count") == "2"
    # The corner credits the platform, not Leaflet with its flag; the list shows the places too.
    credit = page.locator(".facility-map .leaflet-control-attribution")
    assert credit.inner_text() == "Карта innocluster"
    assert credit.locator("svg, img").count() == 0
    assert page.locator("#results .cards li").count() == 2
    page.locator(".facility-map path.leaflet-interactive").first.click()
    assert page.locator(".leaflet-popup-content a").count() == 1
    # A filter swaps in new results with htmx, and the map follows them.
    page.check("#facet-kind-coworking")
    page.wait_for_selector(".facility-map[data-marker-count='1']")
    assert page.locator(".facility-map path.leaflet-interactive").count() == 1
    assert "Коворкинг «Бета»" in page.locator("#results .cards").inner_text()


def test_a_free_slot_of_the_calendar_books(page, live_server):
    facility, operator = make_facility()
    room = make_resource(facility, operator, name="Переговорная «Сириус»")
    person = UserFactory()
    _sign_in(page, live_server, person)
    starts_at, _ends = slot(days_ahead=2, start=15, end=16)
    page.goto(f"{live_server.url}/facilities/resources/{room.pk}/")
    page.locator(
        f"button[data-slot-day='{starts_at.date().isoformat()}'][data-slot-start='15:00']"
    ).click()
    assert page.locator("#id_start").input_value() == "15:00"
    page.locator("#booking-form button[type='submit']").click()
    page.wait_for_url(f"{live_server.url}/facilities/bookings/")
    assert "Переговорная «Сириус»" in page.locator("main table").inner_text()
    assert Booking.objects.get().starts_at == starts_at


def test_an_idle_machine_finds_a_user_through_the_search(page, live_server):
    """A maker types what they need in the search box on any page, finds the workshop's
    offer beside the organizations, and asks for it; the owner sees the request."""
    facility, operator = make_facility(name="Центр прототипирования «Формат»")
    offer = make_offer(facility, operator, title="Свободные часы участка механообработки")
    maker = UserFactory()
    _sign_in(page, live_server, maker)
    page.fill("#site-search", "фрезерная обработка")
    page.locator(".header-search button").click()
    section = page.locator("#also-capacity_offers")
    section.wait_for()
    section.get_by_role("link", name="Свободные часы участка механообработки").click()
    page.wait_for_url(f"{live_server.url}/facilities/offers/{offer.pk}/")
    page.fill("#id_message", "Нужно 40 часов фрезеровки алюминиевых корпусов")
    page.get_by_role("button", name="Отправить заявку").click()
    page.wait_for_selector(".message.success")
    request = CapacityRequest.objects.get(offer=offer)
    assert (request.requester, request.status) == (maker, "pending")


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_the_search_page_with_facilities_passes_the_audit(new_page, live_server, phone):
    facility, operator = make_facility(name="Лаборатория композитов")
    make_resource(facility, operator, kind="equipment", name="Лабораторный пресс")
    page = new_page(390, 844) if phone else new_page()
    _audit(page, f"{live_server.url}/directory/?q=лаборатория", phone=phone)
    assert page.locator("#also-facilities, #also-equipment").count() == 2


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_facilities_pages_pass_the_audit(new_page, live_server, phone):
    page = new_page(390, 844) if phone else new_page()
    facility, operator = make_facility()
    room = make_resource(facility, operator)
    _sign_in(page, live_server, operator)
    for path in [
        "/facilities/",
        f"/facilities/{facility.pk}/",
        f"/facilities/resources/{room.pk}/",
        "/facilities/bookings/",
        f"/facilities/{facility.pk}/schedule/",
        "/facilities/equipment/",
        "/facilities/offers/",
        "/facilities/classes/",
        "/facilities/classes/enrolments/",
    ]:
        _audit(page, live_server.url + path, phone=phone)
