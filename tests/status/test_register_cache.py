"""The public register read as one entry of the query cache (issue 18; core/listing.py
`ListingCache`): the entry's key holds the version of every table its rows, total and counts
are read from, whatever the filters, and a write to any of them shows on the next request."""

import pytest

from innocluster.platform.status import selectors
from innocluster.platform.status.filters import RegisterFilterSet
from innocluster.platform.status.models import Status
from innocluster.platform.status.views import PAGE_SIZE, REGISTER_CACHE
from tests.factories import OrganizationFactory, with_status
from tests.listing_cache import counts_shown, read_and_keyed

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    [
        "",
        "kind=participant",
        "state=active&region=77",
        "q=рога&org_type=startup&org_type=university",
        "q=7701",
        "page=2",
    ],
)
def test_the_key_holds_every_table_the_page_reads(query):
    with_status(OrganizationFactory(region="77", org_type="startup"), "participant")
    with_status(OrganizationFactory(region="50", short_name="Рога и копыта"), "partner")
    read, keyed, _context = read_and_keyed(
        query, RegisterFilterSet, selectors.register_list, size=PAGE_SIZE, cached=REGISTER_CACHE
    )
    assert read and read <= keyed


def regions(client) -> dict:
    return counts_shown(client.get("/en/register/"), "region")


def test_a_write_shows_on_the_next_request(client):
    organization = OrganizationFactory(region="77", short_name="Старое имя")
    with_status(organization, "participant")
    assert regions(client) == {"77": 1}
    assert regions(client) == {"77": 1}  # read from the cache

    with_status(OrganizationFactory(region="50"), "partner")  # a status: the rows and counts
    assert regions(client) == {"77": 1, "50": 1}

    organization.region, organization.short_name = "78", "Новое имя"
    organization.save()  # the organization's row: its name on the page, the region facet
    assert regions(client) == {"78": 1, "50": 1}
    assert "Новое имя" in client.get("/en/register/").content.decode()

    Status.objects.get(organization=organization).delete()
    assert client.get("/en/register/").context["page"].paginator.count == 1
