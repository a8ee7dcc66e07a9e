"""The home page's newest organizations, read from the query cache (issue 18;
organizations/selectors.py `organization_home_figures`): what the page shows of them, their
technologies among it, follows every write on the next request."""

import pytest
from django.test import Client

from innocluster.platform.organizations.models import Technology
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def newest(client) -> list[str]:
    return [organization.short_name for organization in client.get("/en/").context["latest"]]


def test_the_newest_follow_every_write():
    client = Client()
    first = OrganizationFactory(short_name="Первая")
    assert newest(client) == ["Первая"]
    assert newest(client) == ["Первая"]  # read from the cache

    OrganizationFactory(short_name="Вторая")
    assert newest(client) == ["Вторая", "Первая"]

    first.short_name = "Переименованная"
    first.save()
    assert "Переименованная" in client.get("/en/").content.decode()

    robots, _created = Technology.objects.get_or_create(
        slug="robotics", defaults={"name_ru": "Робототехника", "name_en": "Robotics"}
    )
    first.technologies.add(robots)  # a many-to-many write: its table's version moves
    assert "Robotics" in client.get("/en/").content.decode()
    robots.name_en = "Robots"
    robots.save()  # the term's own row
    assert "Robots<" in client.get("/en/").content.decode()

    first.delete()
    assert newest(client) == ["Вторая"]
