import pytest

from tests.factories import member_of

from .helpers import found, participant


@pytest.fixture
def founded(db):
    """(cluster, its founder): a public cluster with one member, the founding administrator."""
    return found()


@pytest.fixture
def cluster(founded):
    return founded[0]


@pytest.fixture
def admin(founded):
    return founded[1]


@pytest.fixture
def outsider_org(db):
    return participant()


@pytest.fixture
def outsider(outsider_org):
    return member_of(outsider_org, "owner")
