"""Fixtures for the browser tests: one headless Chromium per session, a fresh context per test.

The tests drive Debian's Chromium (``/usr/bin/chromium``, or ``CHROMIUM_PATH``) through
Playwright's sync API; ``make browser`` installs it. A missing browser fails the tests loudly
rather than skipping them, so a CI run without Chromium is never mistaken for a green one.

Playwright and the browser are module-scoped rather than session-scoped on purpose: while
Playwright runs, its event loop counts as "running" in the main thread, and Django then refuses
ORM calls (SynchronousOnlyOperation). Stopping Playwright at the end of the module clears that
loop, so the test modules that run after this folder are untouched and keep Django's guard.
"""

import os
from pathlib import Path

import pytest
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread


class _OneRequestAtATime(WSGIServer):
    """The live server answering one request at a time, in its own thread. On SQLite the test
    database lives in memory and every request thread shares its one connection: two requests
    at once (a page and its htmx call) blocked each other inside SQLite for good, and the suite
    stalled near its end with idle workers. Django closes each connection of a server that is
    not threaded, so the browser's parallel requests queue instead of waiting on a keep-alive."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)  # the server thread itself holds the connections


LiveServerThread.server_class = _OneRequestAtATime

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def _allow_orm_beside_playwright():
    """Playwright's sync API keeps an event loop in this thread, so Django would refuse ORM
    calls from the test body (SynchronousOnlyOperation). The test thread never shares a
    connection with the live server's thread, so the guard only gets in the way here."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not (Path(path).is_file() and os.access(path, os.X_OK)):
        pytest.fail(
            f"Chromium is not installed at {path}. Run `make browser` (installs Debian's "
            "chromium package) or point CHROMIUM_PATH at a Chromium binary.",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="module")
def playwright(_allow_orm_beside_playwright, django_db_setup):
    # The test database is created before Playwright's loop starts, and the ORM is allowed
    # beside the loop for exactly as long as it runs.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(chromium_path, playwright):
    browser = playwright.chromium.launch(
        executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def new_page(browser):
    """Open pages in fresh contexts (no shared cookies); all are closed after the test."""
    contexts = []

    def open_page(width: int = 1280, height: int = 900):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="ru-RU")
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()
