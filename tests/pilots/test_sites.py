"""The register of pilot sites: who may publish one, the people who answer for it, the
catalogue page and its filters, a site's page, the create and edit pages."""

import pytest
from django.core.exceptions import ValidationError

from innocluster.core.errors import NotFound
from innocluster.features.pilots import services
from innocluster.features.pilots.errors import PilotErrorCode as Code
from innocluster.features.pilots.models import PilotSite
from tests.factories import OrganizationFactory, UserFactory, member_of

from .helpers import make_site, site_owner, site_values

pytestmark = pytest.mark.django_db


def codes(error: ValidationError) -> dict:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


class TestPublishing:
    @pytest.mark.parametrize(
        "org_type", ["city_organization", "technology_park", "large_corporation"]
    )
    def test_the_city_parks_and_corporations_publish_sites(self, org_type):
        organization, owner = site_owner(org_type)
        site, _ = make_site(organization, owner)
        assert site.organization == organization
        assert list(site.people.all()) == [owner]  # who publishes answers, unless others are named

    @pytest.mark.parametrize("org_type", ["it_company", "startup", "university"])
    def test_other_organizations_are_refused(self, org_type):
        organization, owner = site_owner(org_type)
        with pytest.raises(ValidationError) as refused:
            make_site(organization, owner)
        assert codes(refused.value) == {"organization": [Code.SITE_OWNER_TYPE]}
        assert PilotSite.objects.count() == 0

    def test_a_viewer_or_an_outsider_is_told_nothing(self):
        organization, _ = site_owner()
        for person in (member_of(organization, "viewer"), UserFactory()):
            with pytest.raises(NotFound):
                services.site_create(organization=organization, actor=person, **site_values())
        assert PilotSite.objects.count() == 0

    def test_the_responsible_people_are_members(self, site, operator):
        colleague = member_of(site.organization, "viewer")
        services.site_update(site=site, actor=operator, people=[colleague, operator])
        assert set(site.people.all()) == {colleague, operator}
        with pytest.raises(ValidationError) as refused:
            services.site_update(site=site, actor=operator, people=[UserFactory()])
        assert codes(refused.value) == {"people": [Code.NOT_A_MEMBER]}
        assert set(site.people.all()) == {colleague, operator}  # nothing half-written

    @pytest.mark.parametrize(
        ("field", "value"),
        [("capacity", 0), ("capacity", 51), ("latitude", 91), ("name", "   "), ("testable", "")],
    )
    def test_bad_values_are_refused_on_their_field(self, field, value):
        organization, owner = site_owner()
        with pytest.raises(ValidationError) as refused:
            make_site(organization, owner, **{field: value})
        assert field in refused.value.error_dict
        assert PilotSite.objects.count() == 0

    def test_a_field_that_is_not_the_sites_is_refused(self, site, operator):
        with pytest.raises(ValidationError) as refused:
            services.site_update(site=site, actor=operator, organization=OrganizationFactory())
        assert codes(refused.value) == {"organization": ["not_editable"]}


class TestPages:
    def test_the_catalogue_filters_and_searches(self, client):
        clinic, _ = make_site()
        library, _ = make_site(category="culture", name="Библиотека № 45", insurance_required=True)
        hidden, _ = make_site(name="Скрытая поликлиника", is_published=False)
        page = client.get("/en/pilots/sites/")
        assert page.status_code == 200
        text = page.content.decode()
        assert clinic.name in text and library.name in text and hidden.name not in text
        page = client.get("/en/pilots/sites/", {"category": "culture"})
        assert library.name in page.content.decode()
        assert clinic.name not in page.content.decode()
        page = client.get("/en/pilots/sites/", {"insurance_required": "true"})
        assert [s.pk for s in page.context["page"]] == [library.pk]
        page = client.get("/en/pilots/sites/", {"q": "библиотек"})
        assert [s.pk for s in page.context["page"]] == [library.pk]

    @pytest.mark.parametrize(
        "query", [{"category": "moon"}, {"insurance_required": "maybe"}, {"region": "1000"}]
    )
    def test_a_bad_filter_is_400(self, client, query):
        assert client.get("/en/pilots/sites/", query).status_code == 400

    def test_a_site_page_shows_the_conditions_and_the_map(self, client, site):
        page = client.get(f"/pilots/sites/{site.pk}/")
        assert page.status_code == 200
        text = page.content.decode()
        assert "Телемедицина" in text and "site-marker" in text
        assert page.context["markers"][0]["lat"] == pytest.approx(55.6491)

    def test_an_unpublished_site_is_its_operators_only(self, client):
        site, operator = make_site(is_published=False)
        assert client.get(f"/pilots/sites/{site.pk}/").status_code == 404
        client.force_login(operator)
        assert client.get(f"/pilots/sites/{site.pk}/").status_code == 200

    def test_publishing_through_the_page(self, client):
        organization, owner = site_owner("technology_park")
        client.force_login(owner)
        form = client.get("/en/pilots/sites/new/")
        assert list(form.context["form"].fields["organization"].queryset) == [organization]
        data = {**site_values(), "region": "77", "organization": organization.pk}
        response = client.post("/en/pilots/sites/new/", {**data, "is_published": "on"})
        assert response.status_code == 302, response.context["form"].errors
        site = PilotSite.objects.get()
        assert response.status_code == 302 and response.url.endswith(f"/pilots/sites/{site.pk}/")

    def test_a_company_is_offered_no_organization(self, client):
        organization = OrganizationFactory(org_type="it_company")
        client.force_login(member_of(organization, "owner"))
        page = client.get("/en/pilots/sites/new/")
        assert page.context["can_create"] is False
        assert "Register your organization" in page.content.decode()

    def test_editing_through_the_page(self, client, site, operator):
        colleague = member_of(site.organization, "editor")
        client.force_login(operator)
        data = {**site_values(capacity=5), "region": "77", "people": [colleague.pk]}
        data["is_published"] = "on"
        response = client.post(f"/en/pilots/sites/{site.pk}/edit/", data)
        assert response.status_code == 302
        site.refresh_from_db()
        assert site.capacity == 5 and list(site.people.all()) == [colleague]

    def test_editing_anothers_site_is_404(self, client, site):
        client.force_login(member_of(OrganizationFactory(org_type="city_organization")))
        assert client.get(f"/en/pilots/sites/{site.pk}/edit/").status_code == 404

    def test_my_sites(self, client, site, operator):
        client.force_login(operator)
        page = client.get("/en/pilots/sites/mine/")
        assert site.name in page.content.decode()
