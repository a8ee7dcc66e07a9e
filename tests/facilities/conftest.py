import pytest

from .helpers import make_facility, make_resource


@pytest.fixture
def facility_and_operator(db):
    return make_facility()


@pytest.fixture
def facility(facility_and_operator):
    return facility_and_operator[0]


@pytest.fixture
def operator(facility_and_operator):
    return facility_and_operator[1]


@pytest.fixture
def room(facility, operator):
    return make_resource(facility, operator, name="Зал 1", seats=40)


@pytest.fixture
def notified(monkeypatch):
    """Every notification sent, as (kind code, recipient e-mails, context)."""
    from innocluster.features.facilities import notifications

    sent = []
    original = notifications.send

    def record(*, recipients, kind, context, url=""):
        sent.append((kind.code, sorted(r.email for r in recipients if r), context))
        original(recipients=recipients, kind=kind, context=context, url=url)

    monkeypatch.setattr(notifications, "send", record)
    return sent


# The browser tests (test_browser.py) drive Chromium with the fixtures of tests/browser.
from tests.browser.conftest import (  # noqa: E402, F401
    _allow_orm_beside_playwright,
    browser,
    chromium_path,
    new_page,
    page,
    playwright,
)
