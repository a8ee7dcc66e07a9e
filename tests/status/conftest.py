import pytest

from .helpers import an_industry, fund_admin, reviewer


@pytest.fixture
def organization(organization):
    """A Moscow company whose profile has what a status application needs."""
    organization.industries.add(an_industry())
    return organization


@pytest.fixture
def a_reviewer(db):
    return reviewer()


@pytest.fixture
def an_admin(db):
    return fund_admin()
