"""The notifications in a real browser: the header names the unread count to a screen reader,
the list works from the keyboard, passes the page audit and fits a phone."""

import pytest

from tests.browser.conftest import (  # noqa: F401 (the browser fixtures, used by name)
    _allow_orm_beside_playwright,
    browser,
    chromium_path,
    new_page,
    playwright,
)
from tests.browser.test_accessibility import _audit
from tests.factories import PASSWORD, UserFactory

from .helpers import PLAIN, send

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, live_server, user):
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type='submit']").click()
    page.wait_for_url(f"{live_server.url}/en/accounts/")


def test_from_the_header_to_the_page_it_points_to_by_keyboard(new_page, live_server):  # noqa: F811
    person = UserFactory(language="en")
    send([person], url="/accounts/")
    send([person], kind=PLAIN.code, context={})
    page = new_page()
    _sign_in(page, live_server, person)
    header_link = page.get_by_role("link", name="Notifications, 2 unread")
    header_link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/en/notifications/")
    open_button = page.get_by_role("button", name="Open")
    assert open_button.get_attribute("aria-describedby")  # names the notification it opens
    open_button.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/en/accounts/")
    assert page.get_by_role("link", name="Notifications, 1 unread").is_visible()
    page.goto(f"{live_server.url}/en/notifications/")
    page.get_by_role("button", name="Mark all as read").click()
    page.wait_for_url(f"{live_server.url}/en/notifications/")
    assert page.get_by_role("link", name="Notifications", exact=True).is_visible()
    assert page.locator(".notification.unread").count() == 0


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_the_list_passes_the_audit(new_page, live_server, phone):  # noqa: F811
    person = UserFactory()
    send([person], context={"organization": "Очень длинное название организации " * 4, "due": "x"})
    send([person], kind=PLAIN.code, context={}, url="/notifications/")
    page = new_page(390, 844) if phone else new_page()
    _sign_in(page, live_server, person)
    _audit(page, f"{live_server.url}/notifications/", phone=phone)
    _audit(page, f"{live_server.url}/en/notifications/?unread=true", phone=phone)
