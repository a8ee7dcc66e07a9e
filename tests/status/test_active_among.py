"""status.selectors.active_among: of a list of organizations, those in good standing, the same
as with_active_status reads them."""

import pytest

from innocluster.platform.organizations.models import Organization
from innocluster.platform.status.models import Status
from innocluster.platform.status.selectors import (
    active_among,
    has_active_status,
    with_active_status,
)
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


@pytest.mark.parametrize("kinds", [("participant", "partner"), ("participant",), ("partner",)])
def test_every_reader_of_good_standing_agrees_on_every_state_and_kind(kinds):
    organizations = []
    for state in ("active", "suspended", "revoked"):
        for region in ("77", "50"):  # a participant, a partner
            organization = with_status(OrganizationFactory(region=region))
            Status.objects.filter(organization=organization).update(state=state)
            organizations.append(organization)
    ids = [organization.pk for organization in organizations]
    expected = set(
        Status.objects.filter(organization_id__in=ids, state="active", kind__in=kinds).values_list(
            "organization_id", flat=True
        )
    )
    assert len(expected) == len(kinds)
    assert active_among(ids, kinds=kinds) == expected
    narrowed = with_active_status(Organization.objects.filter(pk__in=ids), kinds=kinds)
    assert set(narrowed.values_list("pk", flat=True)) == expected
    asked = {o.pk for o in organizations if has_active_status(organization=o, kinds=kinds)}
    assert asked == expected
