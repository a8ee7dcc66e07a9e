"""The directory narrows its results as filters change, without reloading the page (htmx), and
its results read as a compact list on a desk and a phone."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.factories import OrganizationFactory, ProductFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_results_follow_the_filters_and_the_address_keeps_them(page, live_server):
    OrganizationFactory(short_name="Ромашка", region="50")
    OrganizationFactory(short_name="Василёк", region="77")
    page.goto(f"{live_server.url}/directory/")
    page.evaluate("() => { window.notReloaded = true; }")
    expect(page.locator("#results")).to_contain_text("Василёк")

    page.check("#facet-region-50")

    expect(page.locator("#results")).not_to_contain_text("Василёк")
    expect(page.locator("#results")).to_contain_text("Ромашка")
    expect(page).to_have_url(re.compile(r"region=50"))
    assert page.evaluate("() => window.notReloaded") is True  # swapped in, not reloaded

    page.uncheck("#facet-region-50")  # no region: everything again
    expect(page.locator("#results")).to_contain_text("Василёк")
    page.fill("#id_q", "Рома")  # typing narrows too, after a short pause
    expect(page.locator("#results")).not_to_contain_text("Василёк")
    expect(page.locator("#results")).to_contain_text("Ромашка")
    assert page.evaluate("() => window.notReloaded") is True


SCREENSHOT_DIR = Path(os.environ.get("SCREENSHOT_DIR", "/tmp"))  # noqa: S108 (not a secret)
DESK, PHONE = 1366, 390
# 20 results with highlighted products: a compact list is ~150 px a result on a desk, the
# page about 3,000 px with its header and filters (it was 10,600 px when every highlighted
# word, «», and "TRL 3" of a product became a block of its own).
DESK_PAGE_MAX_PX = 3500
PHONE_RESULTS_MAX_PX = 20 * 330  # the list alone: filters are above it on a phone


def _twenty_robot_makers():
    for n in range(20):
        organization = OrganizationFactory(
            short_name=f"Роботех {n}",
            description_ru="Проектируем и выпускаем промышленных роботов для сварки, покраски "
            "и сборки кузовов; внедряем роботизированные ячейки под ключ на заводах "
            "заказчика, обучаем операторов и обслуживаем роботов по всей стране. " * 2,
        )
        for name in ("Сварочный робот «Роботех-С»", "Робот-манипулятор «Роботех-М»", "Робот"):
            ProductFactory(organization=organization, name=name, trl=3)


@pytest.mark.parametrize("width", [DESK, PHONE])
def test_twenty_results_with_matching_products_read_as_a_compact_list(new_page, live_server, width):
    _twenty_robot_makers()
    page = new_page(width=width)
    page.goto(f"{live_server.url}/directory/?q=робот")
    hits = page.locator("#results li.hit")
    expect(hits).to_have_count(20)
    expect(hits.first.locator(".hit-products mark").first).to_be_visible()
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOT_DIR / f"directory-results-{width}.png", full_page=True)

    # a product's highlighted word and its TRL stay on the line of its name
    line = hits.first.locator(".hit-products")
    mark, trl = line.locator("mark").first.bounding_box(), line.locator(".trl").first.bounding_box()
    assert mark["height"] < 30 and trl["height"] < 30
    assert line.bounding_box()["height"] < 4 * 30  # three products in a few lines, not nine
    width_px, viewport = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    assert width_px <= viewport  # no sideways scroll
    if width == DESK:
        assert page.evaluate("() => document.documentElement.scrollHeight") < DESK_PAGE_MAX_PX
    else:
        assert page.locator("#results ol.hits").bounding_box()["height"] < PHONE_RESULTS_MAX_PX
