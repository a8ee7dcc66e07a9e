import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innocluster.platform.organizations.models import Membership, Organization
from tests.factories import (
    OrganizationFactory,
    ProductFactory,
    UserFactory,
    company_inn,
    company_ogrn,
    member_of,
)

pytestmark = pytest.mark.django_db

NEW = {
    "kind": "legal_entity",
    "inn": company_inn(555),
    "ogrn": company_ogrn(555),
    "full_name": 'Акционерное общество "Фотон"',
    "short_name": 'АО "Фотон"',
    "region": "77",
    "legal_address": "Москва, Зеленоград, корп. 100",
    "org_type": "manufacturer",
    "industries": ["electronics"],
    "technologies": ["photonics", "microelectronics"],
    "headcount": 120,
    "year_founded": 1999,
    "description_ru": "<script>alert(1)</script> Лазеры",
}


def test_create_read_update_through_the_api(api_as):
    user = UserFactory()
    client = api_as(user)
    response = client.post("/api/v1/organizations/", NEW, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["technologies"] == ["microelectronics", "photonics"] or set(
        body["technologies"]
    ) == {"photonics", "microelectronics"}
    assert body["region_name"] == "Moscow"
    pk = body["id"]
    russian = client.get(f"/api/v1/organizations/{pk}/", HTTP_ACCEPT_LANGUAGE="ru")
    assert russian.json()["region_name"] == "Москва" and russian["Content-Language"] == "ru"
    response = client.patch(f"/api/v1/organizations/{pk}/", {"headcount": 130}, format="json")
    assert response.status_code == 200 and response.json()["headcount"] == 130
    assert client.get(f"/api/v1/organizations/{pk}/audit/").json()["count"] == 2


def test_a_duplicate_inn_is_409_with_the_existing_organization(api_as):
    existing = OrganizationFactory(inn=NEW["inn"])
    response = api_as(UserFactory()).post("/api/v1/organizations/", NEW, format="json")
    assert response.status_code == 409
    problem = response.json()
    assert response["Content-Type"] == "application/problem+json"
    assert problem["code"] == "organization_exists"
    assert problem["existing_organization"] == existing.pk
    assert problem["membership_request_url"].endswith(f"/organizations/{existing.pk}/join/")
    assert Organization.objects.count() == 1


def test_validation_errors_are_problem_json_per_field(api_as):
    response = api_as(UserFactory()).post(
        "/api/v1/organizations/", {**NEW, "inn": "7707083894", "region": "99"}, format="json"
    )
    assert response.status_code == 400
    problem = response.json()
    assert problem["type"].endswith("/validation-error") and problem["status"] == 400
    assert "region" in problem["errors"]
    assert Organization.objects.count() == 0


def test_a_wrong_checksum_is_reported_on_the_inn_field(api_as):
    response = api_as(UserFactory()).post(
        "/api/v1/organizations/", {**NEW, "inn": "7707083894"}, format="json"
    )
    assert response.status_code == 400
    assert "check digit" in response.json()["errors"]["inn"][0]


def test_anonymous_cannot_create(api):
    assert api.post("/api/v1/organizations/", NEW, format="json").status_code == 401


def test_editing_another_organization_is_404(api_as):
    target = OrganizationFactory()
    stranger = member_of(OrganizationFactory())
    response = api_as(stranger).patch(
        f"/api/v1/organizations/{target.pk}/", {"headcount": 1}, format="json"
    )
    assert response.status_code == 404
    assert response.json()["status"] == 404
    target.refresh_from_db()
    assert target.headcount == 25


def test_members_are_visible_to_members_only(api_as, organization, owner):
    assert (
        api_as(owner).get(f"/api/v1/organizations/{organization.pk}/members/").json()["count"] == 1
    )
    stranger = api_as(UserFactory())
    assert stranger.get(f"/api/v1/organizations/{organization.pk}/members/").status_code == 404
    assert stranger.get(f"/api/v1/organizations/{organization.pk}/audit/").status_code == 404


def test_last_owner_conflict_over_the_api(api_as, organization, owner):
    membership = Membership.objects.get(user=owner)
    client = api_as(owner)
    url = f"/api/v1/organizations/{organization.pk}/members/{membership.pk}/"
    response = client.patch(url, {"role": "viewer"}, format="json")
    assert response.status_code == 409 and response.json()["code"] == "last_owner"
    assert client.delete(url).status_code == 409


def test_membership_request_flow_over_the_api(api_as, organization, owner):
    person = UserFactory()
    response = api_as(person).post(
        f"/api/v1/organizations/{organization.pk}/membership-requests/",
        {"message": "Я CTO"},
        format="json",
    )
    assert response.status_code == 201
    request_id = response.json()["id"]
    again = api_as(person).post(f"/api/v1/organizations/{organization.pk}/membership-requests/", {})
    assert again.status_code == 409
    approve = api_as(owner).post(
        f"/api/v1/organizations/{organization.pk}/membership-requests/{request_id}/approve/",
        {"role": "editor"},
        format="json",
    )
    assert approve.status_code == 200 and approve.json()["status"] == "approved"
    assert Membership.objects.get(user=person).role == "editor"


def test_invitation_flow_over_the_api(
    api_as, organization, owner, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(owner).post(
            f"/api/v1/organizations/{organization.pk}/invitations/",
            {"email": "hire@example.ru", "role": "viewer"},
            format="json",
        )
    assert response.status_code == 201
    secret = mailoutbox[0].body.split("/invitations/")[1].split("/")[0]
    invitee = api_as(UserFactory(email="hire@example.ru"))
    assert (
        invitee.post("/api/v1/invitations/accept", {"token": secret}, format="json").status_code
        == 201
    )
    assert (
        invitee.post("/api/v1/invitations/accept", {"token": "nope"}, format="json").status_code
        == 404
    )


def test_products_are_public_and_written_by_editors(api, api_as, organization, owner):
    ProductFactory(organization=organization)
    assert api.get(f"/api/v1/organizations/{organization.pk}/products/").json()["count"] == 1
    url = f"/api/v1/organizations/{organization.pk}/products/"
    created = api_as(owner).post(
        url, {"name": "Дрон", "category": "hardware", "trl": 5}, format="json"
    )
    assert created.status_code == 201
    bad = api_as(owner).post(
        url, {"name": "Дрон", "category": "hardware", "trl": 11}, format="json"
    )
    assert bad.status_code == 400 and "trl" in bad.json()["errors"]
    outsider = api_as(UserFactory()).post(
        url, {"name": "X", "category": "hardware", "trl": 5}, format="json"
    )
    assert outsider.status_code == 404
    assert organization.products.count() == 2


def test_list_filters(api):
    OrganizationFactory(region="77", org_type="it_company")
    OrganizationFactory(region="50", org_type="university")
    assert api.get("/api/v1/organizations/?region=50").json()["count"] == 1
    assert (
        api.get("/api/v1/organizations/?org_type=it_company&org_type=university").json()["count"]
        == 2
    )
    unknown = api.get("/api/v1/organizations/?region=99")
    assert unknown.status_code == 400 and "region" in unknown.json()["errors"]


def test_the_list_runs_the_same_number_of_queries_whatever_the_page_size(api):
    for _ in range(30):
        ProductFactory()

    def queries(size):
        cache.clear()  # the total counted afresh each time (core/querycache.py)
        with CaptureQueriesContext(connection) as captured:
            assert api.get(f"/api/v1/organizations/?page_size={size}").status_code == 200
        return len(captured)

    assert queries(5) == queries(25)


def test_the_name_filter_also_finds_technologies_products_and_inn_prefixes(api):
    from innocluster.platform.organizations.models import Technology

    robots = OrganizationFactory(short_name="Alpha")
    robots.technologies.add(Technology.objects.get(slug="robotics"))
    ProductFactory(organization=OrganizationFactory(short_name="Beta"), name="Drone Kit")
    other = OrganizationFactory(short_name="Gamma")

    def names(q):
        return {
            o["short_name"] for o in api.get("/api/v1/organizations/", {"q": q}).json()["results"]
        }

    assert names("robotics") == {"Alpha"}
    assert names("drone") == {"Beta"}
    assert names(other.inn[:7]) >= {"Gamma"}


def test_the_name_filter_ignores_the_case_of_russian_letters(api):
    OrganizationFactory(short_name='ООО "Роботех"')
    OrganizationFactory(short_name="Василёк")
    found = api.get("/api/v1/organizations/", {"q": "роботех"}).json()["results"]
    assert [o["short_name"] for o in found] == ['ООО "Роботех"']
    found = api.get("/api/v1/organizations/", {"q": "РОБОТ"}).json()["results"]
    assert [o["short_name"] for o in found] == ['ООО "Роботех"']


def test_the_api_takes_a_bare_domain_and_the_region_from_the_inn(api_as):
    body = {**NEW, "website": "kaspersky.ru", "inn": company_inn(9, region="78")}
    del body["region"]

    response = api_as(UserFactory()).post("/api/v1/organizations/", body, format="json")

    assert response.status_code == 201, response.json()
    assert response.json()["website"] == "https://kaspersky.ru"
    assert response.json()["region"] == "78"


def test_the_api_refuses_a_website_that_is_no_address(api_as):
    body = {**NEW, "website": "not a site"}

    response = api_as(UserFactory()).post("/api/v1/organizations/", body, format="json")

    assert response.status_code == 400
    assert "website" in response.json()["errors"]
