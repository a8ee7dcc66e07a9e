"""Every page address of the community and the chains ends in "/", like the rest of the site."""

import pytest
from django.urls import reverse

from innocluster.features.chains import urls as chain_urls
from innocluster.features.community import urls as community_urls


@pytest.mark.parametrize("module", [chain_urls, community_urls], ids=["chains", "community"])
def test_every_page_address_ends_in_a_slash(module):
    routes = [str(pattern.pattern) for pattern in module.urlpatterns]
    assert routes and all(route == "" or route.endswith("/") for route in routes)


def test_the_addresses_people_follow_end_in_a_slash():
    addresses = [
        reverse("community:list", kwargs={"cluster_pk": 1}),
        reverse("community:thread", kwargs={"cluster_pk": 1, "pk": 2}),
        reverse("community:remove", kwargs={"cluster_pk": 1, "pk": 2, "post_pk": 3}),
        reverse("chains:cluster_chain", kwargs={"pk": 1}),
        reverse("chains:links"),
        reverse("chains:record"),
        reverse("chains:link", kwargs={"pk": 1}),
    ]
    assert all(address.endswith("/") for address in addresses), addresses
