"""Registering IP in a real browser: the SHA-256 is computed by the page's own script
(static/ipregistry/sha256.js, under the strict CSP) and the file stays in the browser unless
the person asks to keep it on the platform."""

import hashlib
import re
import time

import pytest
from playwright.sync_api import expect

from innocluster.features.ipregistry import services, views
from innocluster.features.ipregistry.models import IPObject
from tests.factories import PASSWORD, OrganizationFactory, member_of, with_status

pytestmark = pytest.mark.browser

MARKER = b"SAPPHIRE-GROWTH-METHOD-"
WORK = MARKER * 20_000  # ~460 KB: big enough to notice in a request body


@pytest.fixture
def signed_in_owner(page, live_server, transactional_db):
    return _sign_in(page, live_server)


def _sign_in(page, live_server):
    organization = with_status(OrganizationFactory(short_name="ООО Кристалл"))
    owner = member_of(organization, "owner")
    page.goto(f"{live_server.url}/ip/new/?organization={organization.pk}")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    page.fill("#id_username", owner.email)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type='submit']").click()
    expect(page).to_have_url(re.compile(r"/ip/new/"))
    return organization


@pytest.fixture
def uploads(monkeypatch) -> list:
    """What reached the server as a file: the `upload` of each call to the service (the live
    server runs in a thread of this process, so the wrapper sees its calls)."""
    seen = []
    register = services.ip_object_register

    def spy(**kwargs):
        upload = kwargs["upload"]
        seen.append(upload.read() if upload else None)
        if upload:
            upload.seek(0)
        return register(**kwargs)

    monkeypatch.setattr(views.services, "ip_object_register", spy)
    return seen


REGISTER = "form[data-sha256] button[type='submit']:not([name])"
MORE_ROWS = "form[data-sha256] button[name='more_rows']"


def _fill_and_submit(page, *, keep: bool, script: bool = True) -> None:
    """Fill the form, wait for the hash the browser computes, and submit."""
    _fill(page, keep=keep, script=script)
    page.locator(REGISTER).click()
    expect(page).to_have_url(re.compile(r"/ip/\d+/$"))


def _fill(page, *, keep: bool = False, script: bool = True, work: bytes = WORK) -> None:
    page.fill("#id_title", "Способ выращивания сапфира")
    page.select_option("#id_kind", "invention")
    page.set_input_files(
        "#id_file",
        files=[{"name": "work.bin", "mimeType": "application/octet-stream", "buffer": work}],
    )
    if script:
        expect(page.locator("#id_work_sha256")).to_have_value(hashlib.sha256(work).hexdigest())
        expect(page.locator("#id_work_sha256")).to_have_attribute("readonly", "")
    if keep:
        page.check("#id_keep_file")
    page.fill("#id_rightholders-0-name", "ООО Кристалл")
    page.fill("#id_rightholders-0-share", "70,5")
    page.fill("#id_rightholders-1-name", "Иванова А. П.")
    page.fill("#id_rightholders-1-share", "29,5")


def test_the_file_never_leaves_the_browser_unless_kept(page, signed_in_owner, uploads):
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    _fill_and_submit(page, keep=False)
    ip_object = IPObject.objects.get()
    assert ip_object.work_sha256 == hashlib.sha256(WORK).hexdigest() and not ip_object.file
    assert uploads == [None]  # the hash came, the file did not
    expect(page.locator("main")).to_contain_text(ip_object.work_sha256)
    expect(page.locator(".ledger-links a").first).to_have_attribute(
        "href", re.compile(r"/ledger/entries/0/$")
    )
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_a_kept_file_is_sent_and_can_be_downloaded(page, signed_in_owner, uploads):
    _fill_and_submit(page, keep=True)
    ip_object = IPObject.objects.get()
    assert uploads == [WORK]
    with ip_object.file.open("rb") as stored:
        assert stored.read() == WORK
    with page.expect_download() as download:
        page.locator(f"a[href$='/ip/{ip_object.pk}/file/']").click()
    assert download.value.suggested_filename == "work.bin"


def test_without_javascript_the_server_hashes_the_file_and_forgets_it(
    browser, live_server, transactional_db, uploads
):
    context = browser.new_context(java_script_enabled=False, locale="ru-RU")
    try:
        page = context.new_page()
        _sign_in(page, live_server)
        _fill_and_submit(page, keep=False, script=False)
    finally:
        context.close()
    ip_object = IPObject.objects.get()
    assert uploads == [WORK]  # sent, since no script could hash it…
    assert ip_object.work_sha256 == hashlib.sha256(WORK).hexdigest() and not ip_object.file


def _posts(page) -> list[str]:
    sent = []
    page.on("request", lambda r: sent.append(r.url) if r.method == "POST" else None)
    return sent


def test_more_rows_keep_what_was_typed_and_the_hash(page, signed_in_owner, uploads):
    # Given a form filled in, with the hash computed in the browser
    _fill(page)
    digest = hashlib.sha256(WORK).hexdigest()
    posts = _posts(page)
    # When the person asks for more rows
    page.locator(MORE_ROWS).click()
    expect(page.locator("#id_rightholders-9-name")).to_be_visible()
    # Then nothing is registered or sent but the hash, everything typed is there, no error
    # shows, and the keyboard is on the first new row
    assert len(posts) == 1 and uploads == [] and not IPObject.objects.exists()
    expect(page).to_have_url(re.compile(r"/ip/new/"))
    expect(page.locator("#id_title")).to_have_value("Способ выращивания сапфира")
    expect(page.locator("#id_work_sha256")).to_have_value(digest)
    expect(page.locator("#id_rightholders-1-name")).to_have_value("Иванова А. П.")
    expect(page.locator("#id_rightholders-1-share")).to_have_value("29,5")
    expect(page.locator("#id_rightholders-5-name")).to_be_focused()
    expect(page.locator(".errors, .form-errors")).to_have_count(0)
    # And a third rightholder can be added and the whole registered
    page.keyboard.type("Петров П. П.")
    page.fill("#id_rightholders-5-share", "10")
    page.fill("#id_rightholders-1-share", "19,5")
    page.locator(REGISTER).click()
    expect(page).to_have_url(re.compile(r"/ip/\d+/$"))
    ip_object = IPObject.objects.get()
    assert ip_object.work_sha256 == digest and ip_object.rightholders.count() == 3


@pytest.fixture
def slow_server(monkeypatch):
    """Registration takes a second, as on a busy day: time for a second click to arrive."""
    register = services.ip_object_register

    def slow(**kwargs):
        time.sleep(1)
        return register(**kwargs)

    monkeypatch.setattr(views.services, "ip_object_register", slow)


def test_enter_registers_and_a_double_click_sends_the_form_once(page, signed_in_owner, slow_server):
    start = page.url
    _fill(page)
    posts = _posts(page)
    # Enter in a field presses "Register", the first button, not "Add rows"
    page.locator("#id_title").press("Enter")
    expect(page).to_have_url(re.compile(r"/ip/\d+/$"))
    assert len(posts) == 1 and IPObject.objects.count() == 1
    # A double click on "Register" of a second work sends it once: no conflict page
    page.goto(start)
    _fill(page, work=WORK + b"v2")
    # (clicked from the page: Playwright's own click would wait for the first navigation)
    page.locator(REGISTER).evaluate(
        "button => { button.click(); setTimeout(() => button.click(), 300); }"
    )
    expect(page).to_have_url(re.compile(r"/ip/\d+/$"))
    assert len(posts) == 2 and IPObject.objects.count() == 2
