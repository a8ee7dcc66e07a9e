"""On a 390 px phone: the header is one row (the navigation behind a menu button, the signed-in
links in an account menu), the booking page shows a day at a time with its form right after, and
the register's rows are cards. On a desk the navigation is always in sight."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import _sign_in
from tests.facilities.helpers import make_facility, make_resource
from tests.factories import OrganizationFactory, UserFactory, with_status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = (390, 844)
HEADER_HEIGHT = "() => document.querySelector('.site-header').getBoundingClientRect().height"


def test_the_phone_header_folds_its_menus(new_page, live_server):
    page = new_page(*PHONE)
    _sign_in(page, live_server, UserFactory())
    page.goto(f"{live_server.url}/")
    # The logo, the tools and the search: two short rows, where the links took five.
    assert page.evaluate(HEADER_HEIGHT) < 130
    nav = page.locator("#site-menu")
    expect(nav).to_be_hidden()
    page.get_by_role("button", name="Меню").click()
    expect(nav.get_by_role("link", name="Инфраструктура")).to_be_visible()
    page.get_by_role("button", name="Меню").click()
    expect(nav).to_be_hidden()

    account = page.get_by_role("button", name="Кабинет")
    expect(page.get_by_role("link", name="Личный кабинет")).to_be_hidden()
    account.click()
    expect(account).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("link", name="Личный кабинет")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("link", name="Личный кабинет")).to_be_hidden()
    expect(account).to_be_focused()
    # A click elsewhere closes the menu, and a link in it leads on.
    account.click()
    page.mouse.click(5, 600)  # beside the open panel
    expect(page.get_by_role("link", name="Личный кабинет")).to_be_hidden()
    account.click()
    page.get_by_role("link", name="Личный кабинет").click()
    page.wait_for_url(f"{live_server.url}/accounts/")


def test_the_desk_header_shows_the_navigation(page, live_server):
    page.goto(f"{live_server.url}/")
    expect(page.locator(".main-nav").get_by_role("link", name="Каталог")).to_be_visible()
    expect(page.get_by_role("button", name="Меню")).to_be_hidden()
    assert page.evaluate(HEADER_HEIGHT) < 100  # two rows: the tools, then the navigation


def test_the_booking_page_shows_a_day_at_a_time_on_a_phone(new_page, live_server):
    facility, operator = make_facility()
    room = make_resource(facility, operator, name="Переговорная «Сириус»")
    page = new_page(*PHONE)
    _sign_in(page, live_server, UserFactory())
    page.goto(f"{live_server.url}/facilities/resources/{room.pk}/")
    days = page.locator(".calendar .day")
    assert days.count() == 7
    expect(days.locator("visible=true")).to_have_count(1)
    tabs = page.locator("[data-day-tab]")
    tabs.nth(3).click()
    expect(tabs.nth(3)).to_have_attribute("aria-pressed", "true")
    expect(days.nth(3)).to_be_visible()
    expect(days.locator("visible=true")).to_have_count(1)
    # A free slot of that day fills the form, which follows the day within about a screen.
    free = days.nth(3).locator("button.slot.free").first
    free.click()
    assert page.locator("#id_start").input_value() == free.get_attribute("data-slot-start")
    gap = page.evaluate(
        "() => document.getElementById('booking-form').getBoundingClientRect().top"
        " - document.querySelector('.day-tabs').getBoundingClientRect().top"
    )
    assert gap < 900


def test_the_register_is_a_card_per_organization_on_a_phone(new_page, live_server):
    with_status(OrganizationFactory(short_name='ООО "Ромашка"'))
    page = new_page(*PHONE)
    page.goto(f"{live_server.url}/register/")
    row = page.locator("table.table tbody tr").first
    assert row.evaluate("row => getComputedStyle(row).display") == "block"
    region = row.locator("td[data-label='Регион']")
    assert region.evaluate("td => getComputedStyle(td, '::before').content") == '"Регион: "'
    widths = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    assert widths[0] <= widths[1]
