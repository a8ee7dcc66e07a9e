"""The end of a pilot in Chromium, at 1366 and 390 px: the site's report form on the pilot's
page, the published result, the catalogue of results and the company's profile; Russian
numbers with a decimal comma («12,5»), never a sideways scroll. Screenshots go to
SCREENSHOT_DIR (a temporary folder unless it is set), to be looked at."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from innocluster.features.pilots import results
from tests.pilots.test_results import MEASURED, REPORT, finished_pilot

from .test_accessibility import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"1366": (1366, 900), "390": (390, 844)}


def _with_password(user):
    user.set_password("correct-horse-battery-9")
    user.save()
    return user


def no_horizontal_scroll(page, path):
    widths = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    assert widths[0] <= widths[1], f"{path} scrolls sideways: {widths}"


@pytest.mark.parametrize("size", SIZES)
def test_the_report_form_and_the_published_result_read_right(new_page, live_server, size, tmp_path):
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    pilot, owner, person, fund = finished_pilot()
    page = new_page(*SIZES[size])
    _sign_in(page, live_server, _with_password(person))
    page.goto(f"{live_server.url}/pilots/{pilot.pk}/")
    expect(page.locator("#report-title")).to_be_visible()
    expect(page.locator("main")).to_contain_text("12,5")
    page.screenshot(path=folder / f"pilot-report-form-{size}.png", full_page=True)
    no_horizontal_scroll(page, "the pilot's page")
    page.fill("#id_kpi_1", "140")
    page.fill("#id_kpi_2", "14,5")
    page.fill("#id_users_opinion", REPORT["users_opinion"])
    page.locator("input[name=would_buy][value=yes]").check()
    page.locator("#report-title ~ form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("лежит в пределах от 0 до 100")
    no_horizontal_scroll(page, "the refused report")
    report = results.report_file(pilot=pilot, actor=person, measured=MEASURED, **REPORT)
    results.result_publish(pilot=pilot, actor=fund)
    for path in (
        f"/pilots/results/{report.pk}/",
        "/pilots/results/",
        f"/organizations/{pilot.organization_id}/",
    ):
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("main")).to_contain_text(report.title)
        name = path.strip("/").replace("/", "-")
        page.screenshot(path=folder / f"{name}-{size}.png", full_page=True)
        no_horizontal_scroll(page, path)
    page.goto(f"{live_server.url}/pilots/results/{report.pk}/")
    main = page.locator("main").inner_text()
    assert "96,4" in main and "12,5" in main and "12.5" not in main
    assert REPORT["confidential"] not in main
