"""Under-used capacity: offers, requests, answers, and both sides told."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from innocluster.core.errors import Conflict, NotFound, codes_by_field
from innocluster.features.facilities import services
from innocluster.features.facilities.errors import FacilityErrorCode as Code
from innocluster.features.facilities.models import CapacityRequest
from innocluster.platform.organizations.errors import OrganizationErrorCode
from tests.factories import OrganizationFactory, UserFactory, member_of

from .helpers import make_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(facility, operator):
    return make_offer(facility, operator)


def test_a_maker_finds_a_milling_partner(api, offer):
    found = api.get("/api/v1/capacity-offers/", {"capability": "milling"}).json()
    assert [o["id"] for o in found["results"]] == [offer.pk]
    assert found["results"][0]["capabilities"] == ["milling", "turning"]
    assert api.get("/api/v1/capacity-offers/", {"capability": "welding"}).json()["count"] == 0
    assert api.get("/api/v1/capacity-offers/", {"capability": "magic"}).status_code == 400


def test_request_accept_and_both_are_told(offer, operator, notified):
    maker = UserFactory()
    request = services.capacity_request_create(
        offer=offer, requester=maker, message="Нужно 20 корпусов из АМг6"
    )
    assert notified[-1][:2] == ("facilities.capacity_requested", [operator.email])
    services.capacity_request_decide(
        capacity_request=request, actor=operator, accept=True, response="Ждём чертежи"
    )
    request.refresh_from_db()
    assert request.status == "accepted"
    kinds = {n[0]: n[1] for n in notified}
    assert kinds["facilities.capacity_decided"] == [maker.email]
    assert kinds["facilities.capacity_decision_sent"] == [operator.email]
    with pytest.raises(Conflict) as refused:
        services.capacity_request_decide(capacity_request=request, actor=operator, accept=False)
    assert refused.value.code == Code.REQUEST_STATE


def test_one_pending_request_per_person(offer):
    maker = UserFactory()
    services.capacity_request_create(offer=offer, requester=maker, message="Первый")
    with pytest.raises(Conflict) as refused:
        services.capacity_request_create(offer=offer, requester=maker, message="Второй")
    assert refused.value.code == OrganizationErrorCode.REQUEST_PENDING  # a request waits
    assert CapacityRequest.objects.count() == 1


def test_no_request_for_your_own_offer(offer, operator):
    with pytest.raises(ValidationError) as refused:
        services.capacity_request_create(offer=offer, requester=operator, message="Себе")
    assert codes_by_field(refused.value) == {"offer": [Code.OWN_OFFER]}


def test_only_the_owner_decides(offer):
    request = services.capacity_request_create(
        offer=offer, requester=UserFactory(), message="Нужно"
    )
    with pytest.raises(NotFound):
        services.capacity_request_decide(capacity_request=request, actor=UserFactory(), accept=True)


def test_an_offer_with_another_organizations_facility_is_refused(facility):
    other = OrganizationFactory()
    owner = member_of(other, "owner")
    with pytest.raises(ValidationError) as refused:
        services.offer_create(
            organization=other,
            actor=owner,
            facility=facility,
            kind="space",
            title="Чужое",
            address="Москва",
            available_from=dt.date.today(),
            terms="—",
        )
    assert codes_by_field(refused.value) == {"facility": ["invalid_choice"]}


class TestApi:
    def test_ask_and_answer_through_the_api(self, api_as, offer, operator):
        maker = UserFactory()
        created = api_as(maker).post(
            f"/api/v1/capacity-offers/{offer.pk}/requests/",
            {"message": "Нужна токарная обработка"},
            format="json",
        )
        assert created.status_code == 201, created.json()
        request_id = created.json()["id"]
        assert (
            api_as(UserFactory())
            .get(f"/api/v1/capacity-offers/{offer.pk}/requests/")
            .json()["count"]
            == 0
        )
        stranger = api_as(UserFactory()).post(
            f"/api/v1/capacity-offers/{offer.pk}/requests/{request_id}/accept/"
        )
        assert stranger.status_code == 404
        declined = api_as(operator).post(
            f"/api/v1/capacity-offers/{offer.pk}/requests/{request_id}/decline/",
            {"response": "Загружены до марта"},
            format="json",
        )
        assert declined.status_code == 200 and declined.json()["status"] == "declined"

    def test_bad_requests_are_400(self, api_as, offer):
        client = api_as(UserFactory())
        url = f"/api/v1/capacity-offers/{offer.pk}/requests/"
        assert client.post(url, {"message": ""}, format="json").status_code == 400
        backwards = {"message": "Нужно", "needed_from": "2026-12-10", "needed_until": "2026-12-01"}
        refused = client.post(url, backwards, format="json")
        assert refused.status_code == 400
        assert refused.json()["error_codes"] == {"needed_until": [Code.RANGE_INVERTED]}
        assert CapacityRequest.objects.count() == 0

    def test_publish_an_offer(self, api_as, facility, operator):
        response = api_as(operator).post(
            "/api/v1/capacity-offers/",
            {
                "organization": facility.organization_id,
                "kind": "equipment",
                "title": "Координатно-измерительная машина",
                "capabilities": ["testing"],
                "address": "Москва",
                "available_from": "2026-12-01",
                "terms": "По договорённости",
            },
            format="json",
        )
        assert response.status_code == 201, response.json()
        outsider = api_as(UserFactory()).post(
            "/api/v1/capacity-offers/",
            {
                "organization": facility.organization_id,
                "kind": "space",
                "title": "Нет",
                "address": "Москва",
                "available_from": "2026-12-01",
                "terms": "—",
            },
            format="json",
        )
        assert outsider.status_code == 404


def test_an_offer_ending_before_it_starts_names_the_field(api_as, facility, operator):
    body = {
        "organization": facility.organization_id,
        "kind": "space",
        "title": "Склад",
        "address": "Москва",
        "available_from": "2030-06-01",
        "available_until": "2030-05-01",
        "terms": "Договорная",
    }
    response = api_as(operator).post("/api/v1/capacity-offers/", body, format="json")
    assert response.status_code == 400
    assert response.json()["error_codes"] == {"available_until": [Code.RANGE_INVERTED]}
