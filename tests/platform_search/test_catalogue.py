"""The catalogue kit (platform/search/catalogue.py, core/catalogue.py) on facilities' models:
who runs a row, who sees it, and one FilterSet per list for the page and the API."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from innocluster.features.facilities import selectors
from innocluster.features.facilities.api.classes import CourseViewSet
from innocluster.features.facilities.api.offers import CapacityOfferViewSet
from innocluster.features.facilities.api.views import FacilityViewSet
from innocluster.features.facilities.models import (
    Blackout,
    CapacityOffer,
    Course,
    Facility,
    FacilityPhoto,
    Resource,
)
from innocluster.platform.search import catalogue
from tests.facilities.helpers import make_facility, make_offer, make_resource
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden():
    """An unpublished facility with an inactive room, and its owner."""
    facility, owner = make_facility(name="Закрытая лаборатория", is_published=False)
    room = make_resource(facility, owner, is_active=False)
    return facility, room, owner


@pytest.mark.parametrize("role", ["owner", "editor"])
def test_owners_and_editors_run_what_their_organization_runs(hidden, role):
    facility, room, _owner = hidden
    member = member_of(facility.organization, role)
    for queryset, row in ((Facility.objects.all(), facility), (Resource.objects.all(), room)):
        assert catalogue.get_operated(queryset, user=member, pk=row.pk) == row


def test_anybody_else_gets_404_as_if_it_did_not_exist(hidden):
    facility, room, _owner = hidden
    viewer = member_of(facility.organization, "viewer")
    stranger = member_of(OrganizationFactory(), "owner")
    staff = UserFactory(staff_role="admin")
    for user in (viewer, stranger, staff, AnonymousUser()):
        for queryset, row in ((Facility.objects.all(), facility), (Resource.objects.all(), room)):
            with pytest.raises(Http404):
                catalogue.get_operated(queryset, user=user, pk=row.pk)


def test_a_key_that_is_no_key_is_404(hidden):
    _facility, _room, owner = hidden
    with pytest.raises(Http404):
        catalogue.get_operated(Facility.objects.all(), user=owner, pk="abc")


def test_unpublished_rows_are_seen_by_their_operators_only(hidden):
    facility, room, owner = hidden
    outsider = UserFactory()
    assert not catalogue.list_published(Facility.objects.all()).filter(pk=facility.pk)
    assert not catalogue.list_published(Resource.objects.all()).filter(pk=room.pk)
    for queryset, row in ((Facility.objects.all(), facility), (Resource.objects.all(), room)):
        assert catalogue.list_visible(queryset, user=owner).get(pk=row.pk) == row
        assert not catalogue.list_visible(queryset, user=outsider).filter(pk=row.pk)


def test_a_published_row_of_an_unpublished_facility_stays_hidden(hidden):
    facility, _room, owner = hidden
    offer = make_offer(facility, owner)
    assert not catalogue.list_published(CapacityOffer.objects.all()).filter(pk=offer.pk)
    assert catalogue.list_operated(CapacityOffer.objects.all(), user=owner).get() == offer


@pytest.mark.parametrize(
    "model", [Facility, Resource, Course, CapacityOffer, Blackout, FacilityPhoto]
)
def test_every_operated_model_names_a_real_way_to_its_organization(model):
    """The ORM refuses a path that is not one (FieldError) when the filter is built."""
    assert issubclass(model, catalogue.Operated)
    assert not catalogue.list_operated(model.objects.all(), user=UserFactory()).exists()


def test_the_organizations_one_may_create_for_by_name():
    person = UserFactory()
    for name, role in (("Б", "owner"), ("А", "editor"), ("В", "viewer")):
        MembershipFactory(organization=OrganizationFactory(short_name=name), user=person, role=role)
    names = [o.short_name for o in catalogue.operated_organizations(user=person)]
    assert names == ["А", "Б"]
    assert [o.short_name for o in selectors.operated_organizations(user=person)] == names


@pytest.mark.parametrize(
    ("url", "viewset"),
    [
        ("/en/facilities/", FacilityViewSet),
        ("/en/facilities/offers/", CapacityOfferViewSet),
        ("/en/facilities/classes/", CourseViewSet),
    ],
)
def test_one_filterset_per_list_for_the_page_and_the_api(client, url, viewset):
    page = client.get(url)
    assert page.status_code == 200
    assert type(page.context["filter"]) is viewset.filterset_class
