"""Registering IP in a real browser: the SHA-256 is computed by the page's own script
(static/ipregistry/sha256.js, under the strict CSP) and the file stays in the browser unless
the person asks to keep it on the platform."""

import hashlib
import re

import pytest
from playwright.sync_api import expect

from innocluster.ipregistry import services, views
from innocluster.ipregistry.models import IPObject
from tests.factories import PASSWORD, OrganizationFactory, member_of

pytestmark = pytest.mark.browser

MARKER = b"SAPPHIRE-GROWTH-METHOD-"
WORK = MARKER * 20_000  # ~460 KB: big enough to notice in a request body


@pytest.fixture
def signed_in_owner(page, live_server, transactional_db):
    return _sign_in(page, live_server)


def _sign_in(page, live_server):
    organization = OrganizationFactory(short_name="ООО Кристалл")
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


def _fill_and_submit(page, *, keep: bool, script: bool = True) -> None:
    """Fill the form, wait for the hash the browser computes, and submit."""
    page.fill("#id_title", "Способ выращивания сапфира")
    page.select_option("#id_kind", "invention")
    page.set_input_files(
        "#id_file",
        files=[{"name": "work.bin", "mimeType": "application/octet-stream", "buffer": WORK}],
    )
    if script:
        expect(page.locator("#id_work_sha256")).to_have_value(hashlib.sha256(WORK).hexdigest())
        expect(page.locator("#id_work_sha256")).to_have_attribute("readonly", "")
    if keep:
        page.check("#id_keep_file")
    page.fill("#id_rightholders-0-name", "ООО Кристалл")
    page.fill("#id_rightholders-0-share", "70,5")
    page.fill("#id_rightholders-1-name", "Иванова А. П.")
    page.fill("#id_rightholders-1-share", "29,5")
    page.locator("form[data-sha256] button[type='submit']").click()
    expect(page).to_have_url(re.compile(r"/ip/\d+/$"))


def test_the_file_never_leaves_the_browser_unless_kept(page, signed_in_owner, uploads):
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    _fill_and_submit(page, keep=False)
    ip_object = IPObject.objects.get()
    assert ip_object.work_sha256 == hashlib.sha256(WORK).hexdigest() and not ip_object.file
    assert uploads == [None]  # the hash came, the file did not
    expect(page.locator("main")).to_contain_text(ip_object.work_sha256)
    expect(page.locator(".ledger-links a").first).to_have_attribute(
        "href", re.compile(r"/api/v1/ledger/entries/0$")
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
