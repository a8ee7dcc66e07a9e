"""From a registered company to a listed participant through the pages, in a real browser:
apply, attach, submit; a reviewer approves from the queue; the register lists it."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, OrganizationFactory, member_of
from tests.status.helpers import an_industry, pdf_bytes, reviewer

pytestmark = pytest.mark.browser


def sign_in(page, live_server, user, next_path):
    page.goto(f"{live_server.url}/en/accounts/login/?next={next_path}")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type='submit']").click()
    expect(page).to_have_url(re.compile(re.escape(next_path)))


def test_apply_review_approve_and_appear_in_the_register(
    new_page, live_server, transactional_db, tmp_path
):
    organization = OrganizationFactory(short_name="ООО Квантовые сенсоры")
    organization.industries.add(an_industry())
    owner = member_of(organization, "owner")
    extract = tmp_path / "extract.pdf"
    extract.write_bytes(pdf_bytes())

    # The owner opens a draft, fills it, attaches the two documents and submits
    page = new_page()
    sign_in(page, live_server, owner, "/en/status/")
    page.get_by_role("button", name="Apply for participant status").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("ООО Квантовые сенсоры")
    page.fill("#id_contact_phone", "+7 495 765-43-21")
    for name in ("confirm_data_true", "confirm_rules", "confirm_personal_data"):
        page.check(f"#id_{name}")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.locator(".messages")).to_contain_text("The draft is saved.")
    for doc_type in ("registry_extract", "rules_consent"):
        page.select_option("#id_doc_type", doc_type)
        page.set_input_files("#id_file", str(extract))
        page.get_by_role("button", name="Attach", exact=True).click()
        expect(page.locator(".messages")).to_contain_text("The document is attached.")
    page.get_by_role("button", name="Submit to the fund").click()
    expect(page.locator(".badge.status-submitted")).to_be_visible()
    number = re.search(r"S-\d{6}", page.locator("h1").inner_text()).group(0)

    # A reviewer finds it at the top of the queue and approves it
    staff_page = new_page()
    sign_in(staff_page, live_server, reviewer(), "/en/reviews/")
    staff_page.get_by_role("link", name=number).click()
    expect(staff_page.locator("main")).to_contain_text(organization.inn)
    staff_page.get_by_label("approve").check()
    staff_page.get_by_role("button", name="Record the decision").click()
    expect(staff_page.locator(".messages")).to_contain_text("The case is approved.")

    # The owner sees the decision, and anyone sees the company in the public register
    page.reload()
    expect(page.locator(".badge.status-approved")).to_be_visible()
    page.goto(f"{live_server.url}/en/register/?q=Квантовые")
    expect(page.locator("main table")).to_contain_text("ООО Квантовые сенсоры")
    expect(page.locator("main table")).to_contain_text("Participant")
