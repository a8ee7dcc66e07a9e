"""Pilot sites are a source of the one search, and the demo makes them fast."""

import pytest

from innocluster.features.pilots import demo
from innocluster.features.pilots.models import PilotSite
from innocluster.platform.search import sources
from tests.factories import OrganizationFactory, member_of

from .helpers import make_site

pytestmark = pytest.mark.django_db


def test_sites_are_found_by_the_one_search(client):
    site, _ = make_site(name="Библиотека имени Чехова")
    make_site(name="Скрытая библиотека", is_published=False)
    assert "pilot_sites" in [source.code for source in sources.registered()]
    (section,) = sources.sections(query="библиотека")
    assert section.source.code == "pilot_sites"
    assert [item["url"] for item in section.items] == [f"/en/pilots/sites/{site.pk}/"]
    page = client.get("/en/directory/", {"q": "библиотека"})
    assert page.status_code == 200
    assert f"/en/pilots/sites/{site.pk}/" in page.content.decode()


def test_the_demo_makes_sites_of_the_right_organizations():
    city = OrganizationFactory(org_type="city_organization")
    owner = member_of(city, "owner")
    member_of(OrganizationFactory(org_type="it_company"), "owner")
    report = demo.build(seed=1, sites=30)
    assert report.sites == 30 == PilotSite.objects.filter(organization=city).count()
    assert {tuple(s.people.all()) for s in PilotSite.objects.all()} == {(owner,)}
