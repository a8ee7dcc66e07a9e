import pytest

from .helpers import seeded


@pytest.fixture(autouse=True)
def _metro_and_roles(db):
    seeded()
