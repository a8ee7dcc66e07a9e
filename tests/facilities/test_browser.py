"""In a real browser: the map's markers show with no tile server reachable, a free slot of the
calendar books with the keyboard and mouse, and the pages pass the accessibility audit."""

import pytest

from innocluster.facilities.models import Booking
from tests.browser.test_accessibility import _audit, _sign_in
from tests.factories import UserFactory

from .helpers import make_facility, make_resource, slot

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
    page.locator(".facility-map path.leaflet-interactive").first.click()
    assert page.locator(".leaflet-popup-content a").count() == 1
    # A filter swaps in new results with htmx, and the map follows them.
    page.select_option("#id_kind", "coworking")
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
        "/facilities/offers/",
        "/facilities/classes/",
        "/facilities/classes/enrolments/",
    ]:
        _audit(page, live_server.url + path, phone=phone)
