"""The organization form in a real browser: typing the INN selects the region (still
editable), and a bare domain in the website field is accepted and saved with https://."""

import re

import pytest
from playwright.sync_api import expect

from innocluster.platform.organizations.models import Organization
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser

LENENERGO_INN = "7803002209"  # Saint Petersburg
LENENERGO_OGRN = "1027809170300"


@pytest.fixture
def register_page(page, live_server, transactional_db):
    user = UserFactory()
    page.goto(f"{live_server.url}/organizations/register/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type='submit']").click()
    expect(page).to_have_url(re.compile(r"/organizations/register/$"))
    return page


def test_typing_the_inn_selects_the_region_which_stays_editable(register_page):
    page = register_page
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    page.fill("#id_inn", "50")
    expect(page.locator("#id_region")).to_have_value("50")
    page.fill("#id_inn", LENENERGO_INN)
    expect(page.locator("#id_region")).to_have_value("78")

    # A region picked by hand stays, whatever the INN says next.
    page.select_option("#id_region", "47")
    page.fill("#id_inn", "7707083893")
    expect(page.locator("#id_region")).to_have_value("47")
    assert not errors, errors


def test_a_bare_domain_is_accepted_and_saved_with_https(register_page):
    page = register_page
    page.select_option("#id_kind", "legal_entity")
    page.fill("#id_inn", LENENERGO_INN)
    page.fill("#id_ogrn", LENENERGO_OGRN)
    page.fill("#id_full_name", "Публичное акционерное общество «Ленэнерго»")
    page.fill("#id_short_name", "ПАО «Ленэнерго»")
    page.fill("#id_legal_address", "196247, Санкт-Петербург, пл. Конституции, д. 1")
    page.select_option("#id_org_type", index=1)
    page.fill("#id_website", "rosseti-lenenergo.ru")
    page.locator("form.wide-form button[type='submit']").click()

    expect(page).to_have_url(re.compile(r"/organizations/\d+/$"))
    organization = Organization.objects.get(inn=LENENERGO_INN)
    assert organization.website == "https://rosseti-lenenergo.ru"
    assert organization.region == "78"  # taken from the INN by the page's script
