"""From "what can I get?" to a scheduled first payment, in a real browser: a participant finds
a measure for its organization, applies with a cost and the required document and submits;
a reviewer takes the case, scores it, cuts a cost and approves; both sides accept the
agreement and the fund records the first payment of the schedule."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from innocluster.core.calendar import moscow_date
from innocluster.features.support.models import Award
from innocluster.platform.reviews import services as reviews
from tests.browser.test_accessibility import _audit, _sign_in
from tests.browser.test_status_journey import sign_in
from tests.status.helpers import fund_admin, pdf_bytes, reviewer
from tests.support.helpers import a_draft, a_measure, a_participant

pytestmark = pytest.mark.browser


def test_find_apply_review_award_accept_and_pay(new_page, live_server, transactional_db, tmp_path):
    # Given an equipment measure for participants, 25% in advance and three yearly tranches
    measure = a_measure(
        title_ru="Компенсация затрат на станки",
        title_en="Machine tools",
        documents=("Бизнес-план",),
        criteria=(("Экономический эффект", 3), ("Рабочие места", 1)),
        advance_percent=Decimal("25"),
        yearly_tranches=3,
    )
    organization, owner = a_participant(short_name="ООО Станкопром")
    invoice = tmp_path / "invoice.pdf"
    invoice.write_bytes(pdf_bytes())

    # The owner opens "measures for me" from the catalogue and applies to the measure
    page = new_page()
    sign_in(page, live_server, owner, "/en/support/")
    page.get_by_role("link", name="Measures for my organization").click()
    now = page.locator("section[aria-labelledby='now-title']")
    expect(now).to_contain_text("Machine tools")
    now.locator("article", has_text="Machine tools").get_by_role(
        "button", name="Start an application"
    ).click()
    expect(page.locator(".messages")).to_contain_text("A draft is ready")
    number = re.search(r"G-\d{6}", page.locator("h1").inner_text()).group(0)

    # fills the purpose, adds a cost with its invoice and attaches the business plan
    page.fill("#id_purpose", "Пятиосевой фрезерный станок для нового цеха")
    page.fill("#id_contact_phone", "+7 495 765-43-21")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.locator(".messages")).to_contain_text("The draft is saved.")
    page.fill("#id_description", "Фрезерный станок DMU 50")
    page.select_option("#id_category", "equipment")
    page.select_option("#id_origin", "domestic")
    page.fill("#id_amount", "1000000.01")
    page.set_input_files("#id_document", str(invoice))
    page.get_by_role("button", name="Add the cost").click()
    expect(page.locator(".messages")).to_contain_text("The cost is added.")
    page.select_option("#id_requirement", label="Бизнес-план")
    page.set_input_files("#id_file", str(invoice))
    page.get_by_role("button", name="Attach", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("The document is attached")

    # sees what the rules give (50% of the cost, down to the kopeck) and submits
    preview = page.locator("table", has_text="What you can request")
    expect(preview.locator("tfoot")).to_contain_text("500,000.00")
    page.get_by_role("button", name="Submit to the fund").click()
    expect(page.locator(".badge.status-submitted")).to_be_visible()
    expect(page.locator("main")).to_contain_text("500,000.00")

    # A reviewer takes the case from the queue, scores both criteria and cuts the cost
    staff_page = new_page()
    sign_in(staff_page, live_server, reviewer(), "/en/reviews/")
    staff_page.get_by_role("link", name=number).click()
    staff_page.get_by_role("button", name="Take into review").click()
    expect(staff_page.locator(".messages")).to_contain_text("You took the case into review.")
    for criterion, score in zip(measure.criteria.order_by("pk"), ("9", "5"), strict=True):
        staff_page.fill(f"#score-{criterion.pk}", score)
        staff_page.locator("form", has=staff_page.locator(f"#score-{criterion.pk}")).get_by_role(
            "button", name="Score"
        ).click()
        expect(staff_page.locator(".messages")).to_contain_text("The score is saved.")
    expect(staff_page.locator("main")).to_contain_text("weighted score 8.00 of 10")
    item = measure.applications.get().items.get()
    staff_page.fill(f"#accepted-{item.pk}", "600000.00")
    staff_page.fill(f"#reason-{item.pk}", "Часть станка оплачена по другой программе")
    staff_page.locator("form", has=staff_page.locator(f"#accepted-{item.pk}")).get_by_role(
        "button", name="Save"
    ).click()
    expect(staff_page.locator(".messages")).to_contain_text("The accepted amount is saved.")
    accepted = staff_page.locator("table", has_text="The amount on the costs accepted so far")
    expect(accepted.locator("tfoot")).to_contain_text("300,000.00")
    # and approves
    staff_page.get_by_label("approve").check()
    staff_page.get_by_role("button", name="Record the decision").click()
    expect(staff_page.locator(".messages")).to_contain_text("The case is approved.")

    # The applicant sees the cut with its reason and the award, and accepts the agreement
    page.reload()
    expect(page.locator(".badge.status-approved")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Часть станка оплачена по другой программе")
    page.get_by_role("link", name=re.compile(r"Awarded 300,000\.00 ₽")).click()
    expect(page.locator("h1")).to_contain_text("ООО Станкопром")
    page.get_by_role("button", name="Accept for the organization").click()
    expect(page.locator(".messages")).to_contain_text("The agreement is accepted.")
    award = Award.objects.get()
    assert award.amount == Decimal("300000.00")

    # The fund's administrator accepts too: the schedule appears, the advance first
    admin_page = new_page()
    award_path = f"/en/support/awards/{award.pk}/"
    sign_in(admin_page, live_server, fund_admin(), award_path)
    admin_page.get_by_role("button", name="Accept for the fund").click()
    expect(admin_page.locator(".messages")).to_contain_text("The agreement is accepted.")
    schedule = admin_page.locator("section[aria-labelledby='schedule-title'] table")
    first = schedule.locator("tbody tr").first
    expect(first).to_contain_text("Advance")
    expect(first).to_contain_text("75,000.00")  # 25% of 300,000
    expect(first).to_contain_text("scheduled")
    expect(schedule.locator("tbody tr")).to_have_count(4)

    # and records the first payment, which the organization then sees as paid
    admin_page.fill("#id_payment-paid_on", moscow_date().isoformat())
    admin_page.fill("#id_payment-reference", "ПП-0001")
    admin_page.get_by_role("button", name="Record the payment").click()
    expect(admin_page.locator(".messages")).to_contain_text("The payment is recorded.")
    page.reload()
    expect(page.locator("section[aria-labelledby='payments-title']")).to_contain_text("ПП-0001")
    expect(
        page.locator("section[aria-labelledby='schedule-title'] tbody tr").first
    ).to_contain_text("paid")


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_the_support_pages_pass_the_audit(new_page, live_server, transactional_db, phone):
    """The audit of tests/browser/test_accessibility.py over the pages with a measure, a draft
    with its costs and documents, and a submitted application on the reviewer's case page."""
    page = new_page(390, 844) if phone else new_page()
    measure = a_measure(criteria=(("Экономический эффект", 3), ("Рабочие места", 1)))
    organization, owner = a_participant()
    draft = a_draft(measure, organization, owner)
    waiting = a_draft(measure, organization, owner)
    reviews.case_submit(case=waiting.case, actor=owner)
    for path in ["/support/", f"/support/measures/{measure.pk}/"]:
        _audit(page, live_server.url + path, phone=phone)
    _sign_in(page, live_server, owner)
    for path in [
        "/support/for-me/",
        f"/support/measures/{measure.pk}/",
        f"/support/applications/{draft.case_id}/",
        f"/support/applications/{waiting.case_id}/",
    ]:
        _audit(page, live_server.url + path, phone=phone)
    page.context.clear_cookies()
    _sign_in(page, live_server, reviewer())
    _audit(page, f"{live_server.url}/reviews/{waiting.case_id}/", phone=phone)
