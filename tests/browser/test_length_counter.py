"""A limited text field shows a live count of what is typed against its limit, in the page's
language (issue 16), on a desk and on a phone: the organization's profile form and a grant
application's form. The field's `maxlength` stays, so the browser holds the limit without
the script too."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import _sign_in
from tests.factories import OrganizationFactory, member_of
from tests.support.helpers import a_draft, a_measure, a_participant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT_DIR = Path(os.environ.get("SCREENSHOT_DIR", "/tmp"))  # noqa: S108 (not a secret)
WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}
SPACE = r"[\s\u00a0\u202f]"  # the group separator of Russian numbers is a no-break space


def _no_sideways_scroll(page):
    widths = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    assert widths[0] <= widths[1], f"wider than the window: {widths}"


@pytest.mark.parametrize("width", WIDTHS, ids=WIDTHS)
def test_the_profile_form_counts_the_description_as_it_is_typed(new_page, live_server, width):
    organization = OrganizationFactory(description_ru="")
    page = new_page(*WIDTHS[width])
    _sign_in(page, live_server, member_of(organization, "owner"))
    page.goto(f"{live_server.url}/organizations/{organization.pk}/edit/")
    description = page.locator("#id_description_ru")
    counter = page.locator("#id_description_ru_counter")
    expect(description).to_have_attribute("maxlength", "5000")
    expect(counter).to_have_text(re.compile(rf"^0 / 5{SPACE}000$"))
    description.fill("я" * 1_234)
    expect(counter).to_have_text(re.compile(rf"^1{SPACE}234 / 5{SPACE}000$"))
    description.press_sequentially("ещё")
    expect(counter).to_have_text(re.compile(rf"^1{SPACE}237 / 5{SPACE}000$"))
    assert "counter" in description.get_attribute("aria-describedby")
    _no_sideways_scroll(page)
    page.screenshot(path=str(SCREENSHOT_DIR / f"counter-profile-{width}.png"), full_page=True)


@pytest.mark.parametrize("width", WIDTHS, ids=WIDTHS)
def test_a_grant_applications_purpose_is_counted_in_english_too(new_page, live_server, width):
    organization, owner = a_participant()
    draft = a_draft(a_measure(), organization, owner)
    page = new_page(*WIDTHS[width])
    _sign_in(page, live_server, owner)
    page.goto(f"{live_server.url}/en/support/applications/{draft.case_id}/")
    purpose = page.locator("#id_purpose")
    counter = page.locator("#id_purpose_counter")
    purpose.fill("x" * 3_999)
    expect(counter).to_have_text("3,999 / 4,000")
    expect(counter).to_have_class(re.compile(r"\bnear\b"))
    purpose.press_sequentially("yz")  # the second key is past the limit: the browser stops it
    expect(counter).to_have_text("4,000 / 4,000")
    expect(counter).to_have_class(re.compile(r"\bfull\b"))
    assert len(purpose.input_value()) == 4_000
    _no_sideways_scroll(page)
    page.screenshot(path=str(SCREENSHOT_DIR / f"counter-application-{width}.png"), full_page=True)


def test_line_breaks_count_as_the_server_counts_them_so_a_full_text_is_saved(new_page, live_server):
    """A form sends a line break as CR LF, two characters the server counts: the counter
    counts them so, and the browser stops where the server's limit is."""
    organization = OrganizationFactory(description_ru="")
    page = new_page(*WIDTHS["desktop"])
    _sign_in(page, live_server, member_of(organization, "owner"))
    page.goto(f"{live_server.url}/organizations/{organization.pk}/edit/")
    description = page.locator("#id_description_ru")
    counter = page.locator("#id_description_ru_counter")
    description.fill("я" * 4_996)
    description.press("End")
    description.press("Enter")
    expect(counter).to_have_text(re.compile(rf"^4{SPACE}998 / 5{SPACE}000$"))
    description.press_sequentially("абв")  # room for two more, not three
    expect(counter).to_have_text(re.compile(rf"^5{SPACE}000 / 5{SPACE}000$"))
    page.locator("main form button[type='submit']").last.click()
    expect(page.locator(".messages")).to_be_visible()
    organization.refresh_from_db()
    assert (
        organization.description_ru.endswith("\r\nаб") and len(organization.description_ru) == 5_000
    )
