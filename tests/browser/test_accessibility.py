"""Every page a person works with: each form control has a label, every image a text
alternative, one h1, a main landmark, the page's language set, and nothing loads from outside."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from innocluster.platform.organizations import services
from tests.factories import OrganizationFactory, ProductFactory, UserFactory, member_of
from tests.organizations.test_services import png

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Controls without a label, images without alt, h1 count, landmarks, the document's language.
AUDIT = """() => {
  const controls = [...document.querySelectorAll('input, select, textarea')]
    .filter(el => el.type !== 'hidden' && el.offsetParent !== null);
  const unlabeled = controls.filter(el =>
    !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
    && !el.getAttribute('aria-labelledby')).map(el => el.name || el.id);
  const noAlt = [...document.images].filter(img => !img.hasAttribute('alt')).map(img => img.src);
  return {
    unlabeled, noAlt,
    h1: document.querySelectorAll('h1').length,
    main: document.querySelectorAll('main').length,
    lang: document.documentElement.lang,
  };
}"""


def _audit(page, url, *, phone: bool = False):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url)
    result = page.evaluate(AUDIT)
    assert result["unlabeled"] == [], f"{url}: controls without a label {result['unlabeled']}"
    assert result["noAlt"] == [], f"{url}: images without alt {result['noAlt']}"
    assert result["h1"] == 1 and result["main"] == 1, f"{url}: {result}"
    assert result["lang"] in ("ru", "en")
    base = url.split("/", 3)[:3]
    outside = [r for r in requests if r.split("/", 3)[:3] != base and not r.startswith("data:")]
    assert outside == [], f"{url} loaded from outside: {outside}"
    if phone:  # nothing sticks out sideways: the page never scrolls horizontally
        widths = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
        assert widths[0] <= widths[1], f"{url} is wider than the phone: {widths}"


def _sign_in(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", "correct-horse-battery-9")
    page.locator("main form button[type='submit']").click()
    page.wait_for_url(f"{live_server.url}/accounts/")


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_public_pages(new_page, live_server, phone):
    page = new_page(390, 844) if phone else new_page()
    organization = OrganizationFactory()
    ProductFactory(organization=organization)
    for path in [
        "/",
        "/en/",
        "/directory/",
        "/register/",
        "/facilities/",
        f"/organizations/{organization.pk}/",
        "/accounts/sign-up/",
        "/accounts/login/",
        "/accounts/password/reset/",
        "/ip/",
        "/support/",
    ]:
        _audit(page, live_server.url + path, phone=phone)


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_member_pages(new_page, live_server, phone):
    page = new_page(390, 844) if phone else new_page()
    organization = OrganizationFactory()
    owner = member_of(organization, "owner")
    services.organization_update(
        organization=organization,
        actor=owner,
        logo=SimpleUploadedFile("logo.png", png().read(), content_type="image/png"),
    )
    _sign_in(page, live_server, owner)
    base = f"{live_server.url}/organizations/{organization.pk}"
    for url in [
        f"{live_server.url}/accounts/",
        f"{live_server.url}/accounts/profile/",
        f"{base}/",
        f"{base}/edit/",
        f"{base}/members/",
        f"{base}/audit/",
        f"{base}/products/new/",
        f"{live_server.url}/organizations/register/",
        f"{live_server.url}/ip/new/",
        f"{live_server.url}/support/for-me/",
    ]:
        _audit(page, url, phone=phone)


def test_the_keyboard_reaches_the_content_first(page, live_server):
    UserFactory()
    page.goto(f"{live_server.url}/directory/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert focused == "#main"  # the skip link, so keyboard users can jump past the header
