"""Cached counts (core/querycache.py): a write shows at once, and a count made for one caller is
never shown to another who may see less."""

import pytest

from innocluster.core.querycache import cached_count
from innocluster.platform.organizations.models import Membership, Organization
from tests.factories import OrganizationFactory, member_of, with_status

pytestmark = pytest.mark.django_db


def register_counts(client) -> tuple[int, dict[str, int]]:
    page = client.get("/en/register/")
    assert page.status_code == 200
    kinds = next(f for f in page.context["panel"].facets if f.name == "kind")
    return page.context["page"].paginator.count, {v.value: v.count for v in kinds.values}


def test_a_new_register_entry_is_counted_at_once(client):
    with_status(OrganizationFactory(region="77"), "participant")
    assert register_counts(client) == (1, {"participant": 1})
    assert register_counts(client) == (1, {"participant": 1})  # from the cache now
    with_status(OrganizationFactory(region="50"), "partner")
    assert register_counts(client) == (2, {"participant": 1, "partner": 1})


def test_a_deletion_is_uncounted_at_once():
    organization = OrganizationFactory()
    member_of(organization), member_of(organization)
    assert cached_count(organization.memberships.all()) == 2
    organization.memberships.first().delete()
    assert cached_count(organization.memberships.all()) == 1


def test_a_count_is_cached_per_query_so_per_caller():
    """Selectors cut a list to the caller with the caller in the query: another caller's
    count is another entry, even when the first one was cached."""
    organization = OrganizationFactory()
    owner, stranger = member_of(organization), member_of(OrganizationFactory())
    Membership.objects.filter(user=stranger).delete()
    assert cached_count(Membership.objects.filter(user=owner)) == 1
    assert cached_count(Membership.objects.filter(user=stranger)) == 0
    assert cached_count(Organization.objects.filter(memberships__user=stranger)) == 0
