"""The pilot sites API: reads with the catalogue's filters, writes, bad input."""

import pytest

from innocluster.features.pilots.errors import PilotErrorCode as Code
from innocluster.features.pilots.models import PilotSite
from tests.factories import UserFactory, member_of

from .helpers import make_site, site_owner, site_values

pytestmark = pytest.mark.django_db

URL = "/api/v1/pilot-sites/"


def body(**fields):
    values = site_values(**fields)
    return {k: str(v) if k in ("latitude", "longitude") else v for k, v in values.items()}


def test_the_list_filters_like_the_page(api):
    make_site()
    library, _ = make_site(category="culture", name="Библиотека № 45")
    assert api.get(URL).json()["count"] == 2
    culture = api.get(URL, {"category": "culture"}).json()
    assert [s["id"] for s in culture["results"]] == [library.pk]
    assert api.get(URL, {"category": "moon"}).status_code == 400


def test_publish_and_change(api_as):
    organization, owner = site_owner("large_corporation")
    client = api_as(owner)
    created = client.post(URL, {**body(), "organization": organization.pk}, format="json")
    assert created.status_code == 201, created.json()
    site = created.json()
    assert site["people"] == [{"id": owner.pk, "full_name": owner.full_name}]
    colleague = member_of(organization, "viewer")
    changed = client.patch(
        f"{URL}{site['id']}/", {"capacity": 4, "people": [colleague.pk]}, format="json"
    )
    assert changed.status_code == 200
    assert changed.json()["capacity"] == 4
    assert [p["id"] for p in changed.json()["people"]] == [colleague.pk]


def test_a_company_cannot_publish_a_site(api_as):
    organization, owner = site_owner("it_company")
    response = api_as(owner).post(URL, {**body(), "organization": organization.pk}, format="json")
    assert response.status_code == 400
    assert response.json()["error_codes"] == {"organization": [Code.SITE_OWNER_TYPE]}
    assert PilotSite.objects.count() == 0


def test_an_outsider_is_told_nothing(api_as, site):
    response = api_as(UserFactory()).patch(f"{URL}{site.pk}/", {"capacity": 9}, format="json")
    assert response.status_code == 404


def test_a_person_of_another_organization_is_refused(api_as, site, operator):
    response = api_as(operator).patch(
        f"{URL}{site.pk}/", {"people": [UserFactory().pk]}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error_codes"] == {"people": [Code.NOT_A_MEMBER]}


def test_too_long_and_out_of_range_are_400(api_as):
    organization, owner = site_owner()
    response = api_as(owner).post(
        URL, {**body(name="я" * 201, capacity=0), "organization": organization.pk}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"name", "capacity"}
