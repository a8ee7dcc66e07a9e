"""An organization's public page reads the organization, its industries, technologies and
products from the query cache (issue 18; organizations/selectors.py `organization_shown`):
every write to them shows on the next request, and what the caller may do is never cached."""

import pytest
from django.test import Client

from innocluster.platform.organizations.models import Industry
from tests.factories import OrganizationFactory, ProductFactory, member_of

pytestmark = pytest.mark.django_db


def page(client, organization) -> str:
    response = client.get(f"/en/organizations/{organization.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_every_write_shows_on_the_next_request():
    client = Client()
    organization = OrganizationFactory(short_name="Старое имя")
    assert "Старое имя" in page(client, organization)
    assert "No products yet." in page(client, organization)  # the second read: the cache

    organization.short_name = "Новое имя"
    organization.save()
    assert "Новое имя" in page(client, organization)

    product = ProductFactory(organization=organization, name="Датчик")
    assert "Датчик" in page(client, organization)
    product.name = "Датчик давления"
    product.save()
    assert "Датчик давления" in page(client, organization)

    energy, _created = Industry.objects.get_or_create(
        slug="energy", defaults={"name_ru": "Энергетика", "name_en": "Energy"}
    )
    organization.industries.add(energy)
    assert "Energy" in page(client, organization)
    organization.industries.remove(energy)
    assert "Energy" not in page(client, organization)

    product.delete()
    assert "Датчик" not in page(client, organization)
    organization.delete()
    assert client.get(f"/en/organizations/{organization.pk}/").status_code == 404


def test_what_the_caller_may_do_is_their_own():
    organization = OrganizationFactory()
    owner = member_of(organization)
    anonymous = page(Client(), organization)  # cached now
    signed_in = Client()
    signed_in.force_login(owner)
    assert "Edit the profile" in page(signed_in, organization)
    assert "Edit the profile" not in anonymous
    assert "Edit the profile" not in page(Client(), organization)
