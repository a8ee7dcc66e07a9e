import pytest

from .helpers import make_site


@pytest.fixture
def site_and_operator(db):
    return make_site()


@pytest.fixture
def site(site_and_operator):
    return site_and_operator[0]


@pytest.fixture
def operator(site_and_operator):
    return site_and_operator[1]
