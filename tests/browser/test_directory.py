"""The directory narrows its results as filters change, without reloading the page (htmx)."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import OrganizationFactory

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
