import pytest
from django.utils import timezone

from tests.factories import OrganizationFactory, with_status


def members(count: int, *, region: str = "77", org_type: str = "it_company", kind=None):
    """`count` organizations with an active status in `region`."""
    return [
        with_status(OrganizationFactory(region=region, org_type=org_type), kind)
        for _ in range(count)
    ]


@pytest.fixture
def today():
    return timezone.localdate()
