"""Pilot sites for the tests, made through the services."""

from decimal import Decimal

from innocluster.features.pilots import services
from tests.factories import OrganizationFactory, member_of


def site_owner(org_type="city_organization", role="owner"):
    organization = OrganizationFactory(org_type=org_type)
    return organization, member_of(organization, role)


def site_values(**fields) -> dict:
    return {
        "category": "health",
        "name": "Городская поликлиника № 12",
        "address": "Москва, ул. Бутлерова, 7",
        "latitude": Decimal("55.649100"),
        "longitude": Decimal("37.534200"),
        "testable": "Телемедицина, системы поддержки решений врача",
        "capacity": 2,
        **fields,
    }


def make_site(organization=None, operator=None, people=(), **fields):
    if organization is None:
        organization, operator = site_owner()
    operator = operator or member_of(organization, "owner")
    site = services.site_create(
        organization=organization, actor=operator, people=people, **site_values(**fields)
    )
    return site, operator
