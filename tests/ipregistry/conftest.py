import pytest

from ..factories import OrganizationFactory, with_status


@pytest.fixture
def organization(db):
    """Only participants and partners register IP: the organization of these tests is one."""
    return with_status(OrganizationFactory())
