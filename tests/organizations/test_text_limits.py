"""Hostile text on the organization profile and its products (issue 17): an over-long free
text is a 400 `max_length`, a name with an invisible or control character a 400
`invisible_character`, and nothing changes."""

import pytest

from innocluster.platform.organizations.models import Organization, Product
from tests.factories import ProductFactory, UserFactory

from .test_api import NEW

pytestmark = pytest.mark.django_db

RLO = "ООО «\u202eexe.pdf»"


@pytest.mark.parametrize("field", ["description_ru", "description_en"])
def test_an_over_long_description_of_a_new_organization_is_refused(api_as, field):
    response = api_as(UserFactory()).post(
        "/api/v1/organizations/", {**NEW, field: "я" * 5_001}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error_codes"] == {field: ["max_length"]}
    assert not Organization.objects.exists()


def test_an_eleven_megabyte_description_is_refused_and_changes_nothing(api_as, organization, owner):
    before = Organization.objects.filter(pk=organization.pk).values().get()
    response = api_as(owner).patch(
        f"/api/v1/organizations/{organization.pk}/",
        {"description_ru": "x" * 11_000_000},
        format="json",
    )
    assert response.status_code in (400, 413)
    if response.status_code == 400:
        assert response.json()["error_codes"] == {"description_ru": ["max_length"]}
    assert Organization.objects.filter(pk=organization.pk).values().get() == before


def test_a_description_at_the_limit_is_taken(api_as, organization, owner):
    response = api_as(owner).patch(
        f"/api/v1/organizations/{organization.pk}/", {"description_en": "a" * 5_000}, format="json"
    )
    assert response.status_code == 200, response.json()
    organization.refresh_from_db()
    assert len(organization.description_en) == 5_000


def test_the_service_refuses_an_over_long_description_too(organization, owner):
    from django.core.exceptions import ValidationError

    from innocluster.platform.organizations.services import organization_update

    with pytest.raises(ValidationError) as refused:
        organization_update(organization=organization, actor=owner, description_ru="я" * 5_001)
    assert refused.value.error_dict["description_ru"][0].code == "max_length"


@pytest.mark.parametrize("field", ["full_name", "short_name"])
@pytest.mark.parametrize("bad", [RLO, "Квант\u200d", "Квант\x1b[31m", "Квант\ufeff"])
def test_an_organization_name_with_an_invisible_character_is_refused(
    api_as, organization, owner, field, bad
):
    before = Organization.objects.filter(pk=organization.pk).values().get()
    response = api_as(owner).patch(
        f"/api/v1/organizations/{organization.pk}/", {field: bad}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error_codes"] == {field: ["invisible_character"]}
    assert Organization.objects.filter(pk=organization.pk).values().get() == before


def test_a_new_organization_named_with_a_bidi_override_is_refused(api_as):
    response = api_as(UserFactory()).post(
        "/api/v1/organizations/", {**NEW, "short_name": RLO}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error_codes"] == {"short_name": ["invisible_character"]}
    assert not Organization.objects.exists()


def test_a_products_over_long_description_and_hidden_name_are_refused(api_as, organization, owner):
    product = ProductFactory(organization=organization)
    before = Product.objects.filter(pk=product.pk).values().get()
    url = f"/api/v1/organizations/{organization.pk}/products/{product.pk}/"
    client = api_as(owner)
    long = client.patch(url, {"description": "я" * 10_001}, format="json")
    assert long.status_code == 400
    assert long.json()["error_codes"] == {"description": ["max_length"]}
    hidden = client.patch(url, {"name": "Дрон\u202e"}, format="json")
    assert hidden.status_code == 400
    assert hidden.json()["error_codes"] == {"name": ["invisible_character"]}
    created = client.post(
        f"/api/v1/organizations/{organization.pk}/products/",
        {"name": "Дрон\u2066", "category": "hardware", "trl": 5},
        format="json",
    )
    assert created.status_code == 400
    assert Product.objects.filter(pk=product.pk).values().get() == before
    assert organization.products.count() == 1


# PostgreSQL refuses a NUL in any text it is sent, so a slug with one never reaches a query:
# the fuzzer's `technologies=Ã\x00m` on sign-up was a psycopg DataError, a 500 (CI, session 7).
def test_a_slug_with_a_nul_character_is_a_400_and_creates_nothing(api_as):
    response = api_as(UserFactory()).post(
        "/api/v1/organizations/", {**NEW, "technologies": ["a\x00m"]}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error_codes"] == {"technologies": ["invalid"]}
    assert not Organization.objects.exists()


@pytest.mark.parametrize("name", ["technology", "industry"])
def test_a_slug_filter_with_a_nul_character_is_a_400(api, name):
    response = api.get("/api/v1/organizations/", {name: "a\x00m"})
    assert response.status_code == 400
    assert response.json()["error_codes"] == {name: ["invalid_choice"]}


@pytest.mark.parametrize("field", ["industries", "technologies"])
def test_more_terms_than_the_limit_are_refused_before_any_is_looked_up(
    api_as, organization, owner, field, django_assert_max_num_queries
):
    before = list(getattr(organization, field).all())
    client = api_as(owner)
    with django_assert_max_num_queries(20):  # not one per slug
        response = client.patch(
            f"/api/v1/organizations/{organization.pk}/", {field: ["ai"] * 1_000}, format="json"
        )
    assert response.status_code == 400
    assert response.json()["error_codes"] == {field: ["max_length"]}
    assert list(getattr(organization, field).all()) == before
