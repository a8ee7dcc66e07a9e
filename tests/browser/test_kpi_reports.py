"""A participant's yearly KPI report in a real browser, at 1366 and 390 px: from the cabinet
to the report filled from the platform, a figure corrected with the Russian decimal comma, a
wrong one refused beside its field, then submitted; the fund's campaign page after the
deadline, the fund's dashboard and its targets' page. Each page: labelled controls, one h1,
nothing from outside, no sideways scroll on a phone; the header stays one row at 1280 px."""

import re

import pytest
from playwright.sync_api import expect

from innocluster.features.kpireports.models import KpiReport, ReportDue
from tests.browser.test_accessibility import _audit, _sign_in
from tests.browser.walking import page_problems
from tests.kpireports.helpers import a_campaign, a_participant, a_report
from tests.status.helpers import fund_admin

pytestmark = pytest.mark.browser
SUBMIT = "Подать заявку в фонд"


@pytest.mark.parametrize("width", [1366, 390])
def test_a_participant_files_its_report(new_page, live_server, transactional_db, width):
    campaign = a_campaign()
    organization, owner = a_participant()
    ReportDue.objects.create(campaign=campaign, organization=organization)
    page = new_page(width, 900)
    _sign_in(page, live_server, owner)
    page.goto(f"{live_server.url}/accounts/")
    page.locator("main").get_by_role("link", name="Отчёты о КПЭ").click()
    _audit(page, page.url, phone=width < 500)
    assert page_problems(page, page.url) == []
    page.get_by_role("button", name="Заполнить отчёт").click()
    expect(page.locator("h1")).to_contain_text("KPI-")
    page.fill("#id_figure_revenue", "1 250 000,5")
    page.fill("#id_figure_headcount", "4,5")
    page.get_by_role("button", name="Сохранить черновик").click()
    expect(page.locator("main")).to_contain_text("целое число")
    page.fill("#id_figure_headcount", "42")
    for code, value in {
        "revenue_innovative": "0", "jobs_created": "3", "exports": "0", "rnd_spending": "0",
        "ip_registered": "0", "products_to_market": "1", "cooperative_projects": "0",
        "investment_attracted": "0",
    }.items():  # fmt: skip
        page.fill(f"#id_figure_{code}", value)
    page.fill("#id_contact_phone", "+7 495 765-43-21")
    page.get_by_role("button", name="Сохранить черновик").click()
    expect(page.locator(".kpi-table")).to_contain_text(re.compile(r"1\s250\s000,50"))
    _audit(page, page.url, phone=width < 500)
    assert page_problems(page, page.url) == []
    page.get_by_role("button", name=SUBMIT).click()
    expect(page.locator(".messages")).to_contain_text("Заявка подана")
    report = KpiReport.objects.select_related("case").get()
    assert report.case.status == "submitted" and report.figures["revenue"] == "1250000.50"


def test_the_fund_sees_the_campaign_and_the_header_stays_one_row(
    new_page, live_server, transactional_db
):
    campaign = a_campaign()
    a_report(campaign)
    admin = fund_admin()
    for width in (1366, 390):
        page = new_page(width, 900)
        _sign_in(page, live_server, admin)
        for path in ("/kpi-reports/campaigns/", f"/kpi-reports/campaigns/{campaign.year}/",
                     "/kpi-reports/indicators/", "/figures/fund/",
                     "/figures/fund/targets/"):  # fmt: skip
            _audit(page, f"{live_server.url}{path}", phone=width < 500)
            assert page_problems(page, path) == []
    page = new_page(1280, 900)
    _sign_in(page, live_server, admin)
    page.goto(f"{live_server.url}/kpi-reports/campaigns/")
    tops = page.evaluate(
        "() => [...document.querySelectorAll('header nav.main-nav a')]"
        ".filter(e => e.offsetParent).map(e => Math.round(e.getBoundingClientRect().top))"
    )
    assert len(tops) > 3 and len(set(tops)) == 1, tops  # the main navigation on one row
