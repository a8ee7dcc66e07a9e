"""status.selectors.active_among: of a list of organizations, those in good standing, the same
as with_active_status reads them."""

import pytest

from innocluster.platform.organizations.models import Organization
from innocluster.platform.status.models import Status
from innocluster.platform.status.selectors import active_among, with_active_status
from tests.factories import OrganizationFactory, with_status

pytestmark = pytest.mark.django_db


def test_the_active_of_a_list_as_with_active_status_reads_them():
    participant = with_status(OrganizationFactory(region="77"))
    partner = with_status(OrganizationFactory(region="50"))
    suspended = with_status(OrganizationFactory())
    Status.objects.filter(organization=suspended).update(state="suspended")
    nobody = OrganizationFactory()
    ids = [o.pk for o in (participant, partner, suspended, nobody)] + [10**9]
    assert active_among(ids) == {participant.pk, partner.pk}
    assert active_among(ids) == set(
        with_active_status(Organization.objects.filter(pk__in=ids)).values_list("pk", flat=True)
    )
    assert active_among(ids, kinds=("partner",)) == {partner.pk}
    assert active_among([]) == set()
