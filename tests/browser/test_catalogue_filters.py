"""Every catalogue page (the directory, the register, facilities, support measures) draws its
filters with the one panel (templates/includes/filter_panel.html): beside the results on a
desk; on a 390 px phone behind a «Фильтры» button that says how many are chosen, so that the
first result is on the first screen; never a horizontal scroll. Screenshots of each page at
both widths go to SCREENSHOT_DIR (a temporary folder unless it is set), to be looked at."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from innocluster.core.regions import region_choices
from innocluster.platform.organizations.models import Technology
from tests.facilities.helpers import make_facility, make_resource
from tests.factories import OrganizationFactory, UserFactory, with_status
from tests.support.helpers import a_measure

from .test_accessibility import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE, DESK = (390, 844), (1366, 900)
# page -> the first result on it
PAGES = {
    "/directory/": "#results .hit",
    "/register/": "#results tbody tr",
    "/facilities/": "#results .card",
    "/support/": "#results .card",
}


@pytest.fixture
def screenshots(tmp_path) -> Path:
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def catalogues(db):
    """Enough of everything for long filters: organizations in 40 regions with 20 technologies
    and statuses, facilities of four kinds, two measures."""
    regions = [code for code, _name in region_choices()][:40]
    technologies = list(Technology.objects.all()[:20])
    for n, region in enumerate(regions):
        organization = OrganizationFactory(short_name=f"Компания {n:02d}", region=region)
        organization.technologies.set(technologies[n % 7 : n % 7 + 6])
        with_status(organization, "participant" if n % 3 else "partner")
    for kind in ("laboratory", "coworking", "technology_park", "prototyping_centre"):
        facility, operator = make_facility(kind=kind, name=f"Площадка: {kind}")
        make_resource(facility, operator, kind="equipment", name="Станок")
    # (a transactional test empties the tables: the measures the migrations seed are gone)
    a_measure(title_ru="Станки для цеха")
    a_measure(title_ru="Патенты", level="federal", rules=[("patent_ru", "", "fixed", None, 75000)])
    user = UserFactory()
    user.set_password("correct-horse-battery-9")
    user.save()
    return user


def no_horizontal_scroll(page, path):
    widths = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    assert widths[0] <= widths[1], f"{path} scrolls sideways: {widths}"


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_on_a_phone_the_first_result_is_on_the_first_screen(
    new_page, live_server, catalogues, screenshots, signed_in
):
    page = new_page(*PHONE)
    if signed_in:
        _sign_in(page, live_server, catalogues)
    for path, first in PAGES.items():
        page.goto(f"{live_server.url}{path}")
        button = page.locator("#filter-panel > summary")
        expect(button).to_be_visible()
        expect(button).to_contain_text("Фильтры")
        expect(page.locator("#filter-panel .facet").first).to_be_hidden()
        name = path.strip("/") + ("-member" if signed_in else "")
        page.screenshot(path=screenshots / f"{name}-390.png", full_page=True)
        top = page.locator(first).first.bounding_box()["y"]
        assert top < PHONE[1], f"{path}: the first result is {top} px down"
        no_horizontal_scroll(page, path)


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_on_a_desk_the_filters_are_beside_the_results(
    new_page, live_server, catalogues, screenshots, signed_in
):
    page = new_page(*DESK)
    if signed_in:
        _sign_in(page, live_server, catalogues)
    for path, first in PAGES.items():
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("#filter-panel > summary")).to_be_hidden()
        expect(page.locator("#filter-panel .facet input[type=checkbox]").first).to_be_visible()
        expect(page.locator("#filter-panel .facet .count").first).to_be_visible()
        panel = page.locator("#filter-panel").bounding_box()
        result = page.locator(first).first.bounding_box()
        assert panel["x"] + panel["width"] <= result["x"], f"{path}: the panel is not beside"
        name = path.strip("/") + ("-member" if signed_in else "")
        page.screenshot(path=screenshots / f"{name}-1366.png", full_page=True)
        no_horizontal_scroll(page, path)


def test_on_a_phone_the_button_opens_the_filters_and_counts_the_chosen(
    new_page, live_server, catalogues
):
    page = new_page(*PHONE)
    page.goto(f"{live_server.url}/register/")
    page.evaluate("() => { window.notReloaded = true; }")
    page.locator("#filter-panel > summary").click()
    partner = page.locator("#facet-kind-partner")
    expect(partner).to_be_visible()
    partner.check()  # htmx swaps in new counts and results: the panel stays open
    expect(page).to_have_url(re.compile(r"kind=partner"))
    expect(page.locator("#filter-panel > summary .badge")).to_contain_text("1")
    expect(page.locator("#facet-kind-partner")).to_be_visible()
    expect(page.locator("#facet-kind-partner")).to_be_checked()
    assert page.evaluate("() => window.notReloaded") is True
    expect(page.locator("#results tbody tr")).to_have_count(14)  # 40 organizations, each third


def test_without_script_the_filters_still_work(browser, live_server, catalogues):
    context = browser.new_context(
        viewport={"width": PHONE[0], "height": PHONE[1]}, locale="ru-RU", java_script_enabled=False
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/support/")
    page.locator("#filter-panel > summary").click()  # <details>: no script needed
    page.locator("#filter-panel input[type=checkbox]").first.check()
    page.locator("#filter-panel button[type=submit]").click()
    page.wait_for_url(re.compile(r"/support/\?"))
    expect(page.locator("#filter-panel > summary .badge")).to_contain_text("1")
    context.close()
