"""A person's first visit, in a real browser: sign up, confirm the e-mail, register an
organization and find it on its public page, in Russian and in English.

Assertions rest on data (names, INN, region and taxonomy names, which are data kept in both
languages) rather than on translated UI words, so they hold whether or not the Russian message
catalogue is compiled. English UI words are safe: English is the source language.
"""

import os
import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation
from playwright.sync_api import expect

from innocluster.core.identifiers import validate_identifiers
from innocluster.platform.organizations.models import Industry, Organization, Technology
from innocluster.platform.organizations.taxonomy import INDUSTRIES, TECHNOLOGIES
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser

# Sberbank: a real legal entity, so both check digits are right.
INN = "7707083893"
OGRN = "1027700132195"
WRONG_INN = "7707083894"  # the same number with its check digit changed

SHORT_NAME = "ПАО Сбербанк"
FULL_NAME = "Публичное акционерное общество «Сбербанк России»"
ADDRESS = "117312, г. Москва, ул. Вавилова, д. 19"

# Screenshots for a person to look at after a run; SCREENSHOT_DIR moves them (CI artefacts).
SCREENSHOT_DIR = Path(os.environ.get("SCREENSHOT_DIR", "/tmp"))  # noqa: S108 (not a secret)


def _term(model, terms, slug):
    """The taxonomy term `slug` as the seeding migration made it. Transactional tests flush
    the tables after each test, migration data included, so each test seeds what it uses."""
    _slug, name_ru, name_en = next(term for term in terms if term[0] == slug)
    term, _created = model.objects.update_or_create(
        slug=slug, defaults={"name_ru": name_ru, "name_en": name_en}
    )
    return term


@pytest.fixture
def industry(transactional_db):
    return _term(Industry, INDUSTRIES, "it")


@pytest.fixture
def technology(transactional_db):
    return _term(Technology, TECHNOLOGIES, "ai")


def _fill_registration(page, *, inn, industry, technology):
    page.select_option("#id_kind", "legal_entity")
    page.fill("#id_inn", inn)
    page.fill("#id_ogrn", OGRN)
    page.fill("#id_full_name", FULL_NAME)
    page.fill("#id_short_name", SHORT_NAME)
    page.select_option("#id_region", "77")
    page.fill("#id_legal_address", ADDRESS)
    page.select_option("#id_org_type", "large_corporation")
    page.check(f"input[name='industries'][value='{industry.pk}']")
    page.check(f"input[name='technologies'][value='{technology.pk}']")
    page.fill("#id_headcount", "210000")
    page.fill("#id_year_founded", "1991")
    page.fill("#id_description_ru", "Крупнейший банк страны: финансы, облака и ИИ.")
    page.locator("form.wide-form button[type='submit']").click()


PASSWORD_TYPED = "Bright-Lantern-Orbit-42"


def _sign_up_and_confirm(page, live_server, *, email, full_name):
    page.goto(f"{live_server.url}/accounts/sign-up/")
    page.fill("#id_full_name", full_name)
    page.fill("#id_email", email)
    page.fill("#id_password", PASSWORD_TYPED)
    page.select_option("#id_language", "ru")
    page.locator("main form button[type='submit']").click()
    expect(page).to_have_url(re.compile(r"/accounts/sign-up/check-email/$"))

    assert len(mail.outbox) == 1, [message.subject for message in mail.outbox]
    letter = mail.outbox[0]
    assert letter.to == [email]
    match = re.search(r"https?://\S+/accounts/confirm/\S+/", letter.body)
    assert match, letter.body
    link = match.group(0)
    assert link.startswith(live_server.url), link
    page.goto(link)
    # Confirming signs nobody in: the login form waits, with the address already filled in.
    expect(page).to_have_url(re.compile(r"/accounts/login/\?email="))
    expect(page.locator("#id_username")).to_have_value(email)
    page.fill("#id_password", PASSWORD_TYPED)
    page.locator("main form button[type='submit']").click()


def test_sign_up_register_organization_and_see_public_page(
    page, new_page, live_server, settings, industry, technology
):
    # Given: confirmation links point at the live server.
    settings.SITE_URL = live_server.url
    email = "anna.petrova@example.ru"

    # When a person signs up and follows the link from the e-mail...
    _sign_up_and_confirm(page, live_server, email=email, full_name="Анна Петрова")

    # ...and signs in, then she is on her dashboard.
    expect(page).to_have_url(f"{live_server.url}/accounts/")
    expect(page.locator("main")).to_contain_text(email)
    expect(page.locator("form[action='/accounts/logout/']")).to_have_count(1)

    # When she registers an organization...
    page.goto(f"{live_server.url}/organizations/register/")
    _fill_registration(page, inn=INN, industry=industry, technology=technology)

    # ...then she lands on its public page, as its owner.
    expect(page).to_have_url(re.compile(r"/organizations/\d+/$"))
    organization = Organization.objects.get(inn=INN)
    detail_path = f"/organizations/{organization.pk}/"
    assert page.url == f"{live_server.url}{detail_path}"
    expect(page.get_by_role("heading", level=1)).to_have_text(SHORT_NAME)
    profile = page.locator("article.profile")
    expect(profile).to_contain_text(FULL_NAME)
    expect(profile.locator("dl.facts")).to_contain_text(INN)
    expect(profile.locator("dl.facts")).to_contain_text(OGRN)
    expect(profile).to_contain_text("Москва")
    expect(profile.locator("ul.tags").first).to_contain_text(industry.name_ru)
    expect(profile).to_contain_text(technology.name_ru)
    expect(page.locator(f"a[href='{detail_path}edit/']")).to_have_count(1)
    page.screenshot(path=SCREENSHOT_DIR / "org-page.png", full_page=True)

    # When someone who is not signed in opens the same page in a fresh browser...
    visitor = new_page()
    visitor.goto(f"{live_server.url}{detail_path}")

    # ...they see the profile, without the owner's actions.
    expect(visitor.get_by_role("heading", level=1)).to_have_text(SHORT_NAME)
    expect(visitor.locator("dl.facts")).to_contain_text(INN)
    expect(visitor.locator(f"a[href='{detail_path}edit/']")).to_have_count(0)
    expect(visitor.locator("form[action='/accounts/logout/']")).to_have_count(0)
    expect(visitor.locator("html")).to_have_attribute("lang", "ru")

    # When they switch to English with the button in the header...
    visitor.locator(".language-switch a", has_text="EN").click()

    # ...the same page comes back in English, data names included.
    expect(visitor).to_have_url(f"{live_server.url}/en{detail_path}")
    expect(visitor.locator("html")).to_have_attribute("lang", "en")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(SHORT_NAME)
    expect(visitor.locator("article.profile")).to_contain_text("Moscow")
    expect(visitor.locator("article.profile")).to_contain_text(industry.name_en)
    visitor.screenshot(path=SCREENSHOT_DIR / "org-page-en.png", full_page=True)

    # ...and the directory, reached from the header, is in English and lists it.
    visitor.locator(".main-nav a[href='/en/directory/']").click()
    expect(visitor).to_have_url(f"{live_server.url}/en/directory/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Directory of organizations")
    expect(visitor.locator("ol.hits .hit h2")).to_have_text([SHORT_NAME])


def test_language_switch_back_to_russian(page, live_server):
    page.goto(f"{live_server.url}/en/directory/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.locator(".language-switch a", has_text="RU").click()

    expect(page).to_have_url(f"{live_server.url}/directory/", timeout=3_000)
    expect(page.locator("html")).to_have_attribute("lang", "ru")


def test_wrong_inn_checksum_is_shown_next_to_the_field(page, live_server, industry, technology):
    # Given a person with a confirmed e-mail, signed in through the form.
    user = UserFactory(email="ivan.sidorov@example.ru")
    page.goto(f"{live_server.url}/organizations/register/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type='submit']").click()
    expect(page).to_have_url(f"{live_server.url}/organizations/register/")

    # When she submits the registration with an INN whose check digit is wrong...
    _fill_registration(page, inn=WRONG_INN, industry=industry, technology=technology)

    # ...the form comes back with the service's own message next to the INN field only.
    expect(page).to_have_url(f"{live_server.url}/organizations/register/")
    inn_field = page.locator(".field", has=page.locator("#id_inn"))
    expect(inn_field).to_have_class(re.compile(r"\bhas-error\b"))
    expect(inn_field.locator(".errors")).to_have_text(_expected_inn_error())
    expect(page.locator("#id_inn")).to_have_value(WRONG_INN)
    expect(page.locator("#id_inn")).to_have_attribute("aria-invalid", "true")
    # Screen readers read the error out with the field: it is among the field's descriptions.
    expect(page.locator("#id_inn")).to_have_attribute(
        "aria-describedby", re.compile(r"(^|\s)id_inn_error(\s|$)")
    )
    expect(page.locator("#id_inn_error")).to_be_visible()
    expect(page.locator(".field.has-error")).to_have_count(1)
    expect(page.locator("#id_short_name")).to_have_value(SHORT_NAME)
    page.screenshot(path=SCREENSHOT_DIR / "register-errors.png", full_page=True)

    # ...and nothing was written.
    assert Organization.objects.count() == 0


def _expected_inn_error() -> str:
    """The message the service gives for this INN, in the page's language (Russian)."""
    with translation.override("ru"), pytest.raises(ValidationError) as caught:
        validate_identifiers(kind="legal_entity", inn=WRONG_INN, ogrn=OGRN)
    with translation.override("ru"):
        return caught.value.message_dict["inn"][0]


def test_page_assets_load_and_style_the_page(page, live_server):
    """Every asset a page asks for is served (the stylesheet was once a 404: innocluster/static/
    is not an app's static folder and needs STATICFILES_DIRS)."""
    failed = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(f"{live_server.url}/")
    page.wait_for_load_state("load")

    assert failed == []
    # The stylesheet is applied: the search label is visually hidden, not printed in the header.
    search_label = page.locator("label[for='site-search']")
    assert search_label.evaluate("label => getComputedStyle(label).position") == "absolute"
