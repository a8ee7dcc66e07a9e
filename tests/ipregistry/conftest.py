import pytest

from ..browser.conftest import (  # noqa: F401 (the browser fixtures, for test_browser.py)
    _allow_orm_beside_playwright,
    browser,
    chromium_path,
    new_page,
    playwright,
)
from ..factories import OrganizationFactory, with_status


@pytest.fixture
def organization(db):
    """Only participants and partners register IP: the organization of these tests is one."""
    return with_status(OrganizationFactory())
