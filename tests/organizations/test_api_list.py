"""The organizations API's list reads values(), not model instances (issue 18): the same JSON as
OrganizationSerializer writes for each organization, in a fixed number of queries."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from innocluster.platform.organizations.api.serializers import OrganizationSerializer
from innocluster.platform.organizations.models import Industry, Organization, Technology
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def _varied():
    """Organizations with and without terms, a logo, a website, English text, a headcount."""
    industries = list(Industry.objects.order_by("slug")[:3])
    technologies = list(Technology.objects.order_by("slug")[:4])
    full = OrganizationFactory(
        region="50",
        website="https://example.ru/",
        description_ru="Лазеры <b>",
        description_en="Lasers",
        headcount=None,
        year_founded=None,
        logo="logos/x.png",
    )
    full.industries.set(industries)
    full.technologies.set(technologies)
    some = OrganizationFactory(org_type="university")
    some.technologies.set(technologies[1:2])
    OrganizationFactory()  # no terms at all
    return full, some


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_list_writes_what_the_serializer_writes(api, language):
    _varied()
    response = api.get("/api/v1/organizations/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    body = response.json()
    organizations = Organization.objects.with_public_relations().order_by("short_name", "id")
    with translation.override(language):
        expected = OrganizationSerializer(organizations, many=True).data
    assert body["count"] == 3
    assert body["results"] == [dict(row) for row in expected]
    assert [list(row) for row in body["results"]] == [list(row) for row in expected]
    full = next(row for row in body["results"] if row["logo_url"])
    assert full["industries"] and full["technologies"] and full["headcount"] is None


def test_filters_and_order_still_apply(api):
    full, some = _varied()
    found = api.get("/api/v1/organizations/", {"technology": some.technologies.get().slug})
    assert {row["id"] for row in found.json()["results"]} == {full.pk, some.pk}
    newest = api.get("/api/v1/organizations/", {"ordering": "-created"}).json()["results"]
    assert [row["id"] for row in newest][:1] == [Organization.objects.latest("created_at").pk]


def test_a_page_takes_four_queries_whatever_its_size(api):
    for _ in range(25):
        organization = OrganizationFactory()
        organization.industries.set(Industry.objects.all()[:2])
    for size, expected in ((5, 5), (25, 25)):
        cache.clear()  # the total counted afresh (core/querycache.py)
        # the count, the page, its industries, its technologies
        with CaptureQueriesContext(connection) as captured:
            response = api.get("/api/v1/organizations/", {"page_size": size, "ordering": "name"})
        assert len(response.json()["results"]) == expected
        statements = [q["sql"] for q in captured.captured_queries]
        assert len(statements) == 4, statements
