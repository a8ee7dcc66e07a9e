"""The operators' pages for children's classes and capacity offers: add and edit, bad input a
400 with nothing changed, another organization's class or offer a 404."""

import datetime as dt

import pytest

from innocluster.features.facilities import services
from innocluster.features.facilities.errors import FacilityErrorCode as Code
from innocluster.features.facilities.models import CapacityOffer, Course
from tests.factories import UserFactory

from .helpers import make_facility, refusal_shown
from .test_classes import born, enrol
from .test_views import client_for

pytestmark = pytest.mark.django_db

START = dt.date.today() + dt.timedelta(days=30)


def class_form(**overrides) -> dict:
    return {
        "title": "Робототехника: первые шаги",
        "subject": "robotics",
        "description": "Собираем и программируем роботов.",
        "age_min": "9",
        "age_max": "12",
        "schedule": "Вт и чт, 16:00–17:30",
        "starts_on": START.isoformat(),
        "ends_on": (START + dt.timedelta(days=90)).isoformat(),
        "seats": "2",
        "is_published": "on",
        **overrides,
    }


def offer_form(organization=None, **overrides) -> dict:
    data = {
        "kind": "production",
        "title": "Фрезерная обработка на 5-осевом станке",
        "description": "Алюминий, сталь, титан.",
        "capabilities": ["milling", "turning"],
        "region": "77",
        "address": "Москва, ул. Электродная, 2",
        "available_from": "2030-01-01",
        "available_until": "2030-06-30",
        "terms": "От 5000 ₽ за час, материал заказчика",
        "is_active": "on",
        **overrides,
    }
    if organization is not None:
        data["organization"] = organization.pk
    return data


class TestClassPages:
    def test_an_operator_publishes_a_class(self, facility, operator):
        client = client_for(operator)
        assert client.get(f"/en/facilities/{facility.pk}/classes/new/").status_code == 200
        response = client.post(f"/en/facilities/{facility.pk}/classes/new/", class_form())
        course = Course.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"/en/facilities/classes/{course.pk}/"
        assert (course.age_min, course.age_max, course.seats, course.resource.capacity) == (
            9,
            12,
            2,
            2,
        )
        assert f"/classes/{course.pk}/edit/" in client.get(response["Location"]).content.decode()

    @pytest.mark.parametrize(
        "overrides, field, code",
        [
            ({"age_min": "6"}, "age_min", "min_value"),
            ({"age_max": "19"}, "age_max", "max_value"),
            ({"age_min": "14"}, "age_max", Code.RANGE_INVERTED),
            (
                {"ends_on": (START - dt.timedelta(days=1)).isoformat()},
                "ends_on",
                Code.RANGE_INVERTED,
            ),
            ({"seats": "0"}, "seats", "min_value"),
            ({"subject": "astrology"}, "subject", "invalid_choice"),
        ],
        ids=["too-young", "too-old", "ages-swapped", "ends-first", "no-seats", "subject"],
    )
    def test_bad_input_shows_why_and_adds_nothing(self, facility, operator, overrides, field, code):
        response = client_for(operator).post(
            f"/en/facilities/{facility.pk}/classes/new/", class_form(**overrides)
        )
        assert response.status_code == 400
        assert response.context["form"].has_error(field, code)
        assert not Course.objects.exists()

    def test_more_seats_seat_the_waiting_and_fewer_than_seated_is_refused(self, facility, operator):
        client = client_for(operator)
        client.post(f"/en/facilities/{facility.pk}/classes/new/", class_form(seats="1"))
        course = Course.objects.get()
        enrol(course, name="Первый")
        waiting = enrol(course, name="Второй")
        url = f"/en/facilities/classes/{course.pk}/edit/"
        assert client.post(url, class_form(seats="2")).status_code == 302
        waiting.refresh_from_db()
        assert waiting.status == "enrolled"
        refused = client.post(url, class_form(seats="1", title="Новое название"))
        assert refused.status_code == 400
        assert refusal_shown(refused, "seats", Code.SEATS_TAKEN)
        [fewer] = refused.context["form"].errors.as_data()["seats"]
        assert fewer.params == {"count": 2}
        course.refresh_from_db()
        assert (course.seats, course.title) == (2, "Робототехника: первые шаги")

    def test_another_organizations_class_is_404(self, operator):
        facility, their_operator = make_facility(name="Чужой центр")
        course = services.course_create(
            facility=facility,
            actor=their_operator,
            seats=5,
            title="Их класс",
            subject="drones",
            age_min=10,
            age_max=16,
            schedule="сб 12:00",
            starts_on=START,
            ends_on=START,
        )
        client = client_for(operator)
        for url in (
            f"/en/facilities/classes/{course.pk}/edit/",
            f"/en/facilities/{facility.pk}/classes/new/",
        ):
            assert client.get(url).status_code == 404
            assert client.post(url, class_form(seats="50")).status_code == 404
        course.refresh_from_db()
        assert course.seats == 5 and Course.objects.count() == 1

    def test_the_operator_sees_an_unpublished_class_on_the_facility_page(self, facility, operator):
        client_for(operator).post(
            f"/en/facilities/{facility.pk}/classes/new/", class_form(is_published="")
        )
        course = Course.objects.get()
        mine = client_for(operator).get(f"/en/facilities/{facility.pk}/").content.decode()
        assert course.title in mine and "not published" in mine
        theirs = client_for(UserFactory()).get(f"/en/facilities/{facility.pk}/").content.decode()
        assert course.title not in theirs


class TestOfferPages:
    def test_an_operator_publishes_and_edits_an_offer(self, facility, operator):
        client = client_for(operator)
        assert client.get("/en/facilities/offers/new/").status_code == 200
        data = offer_form(facility.organization, facility=facility.pk)
        response = client.post("/en/facilities/offers/new/", data)
        offer = CapacityOffer.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"/en/facilities/offers/{offer.pk}/"
        assert (offer.facility, sorted(offer.capability_codes)) == (
            facility,
            ["milling", "turning"],
        )
        found = client_for().get("/en/facilities/offers/", {"capability": "turning"})
        assert offer.title in found.content.decode()
        edited = offer_form(capabilities=["3d_printing"], is_active="", title="3D-печать")
        assert client.post(f"/en/facilities/offers/{offer.pk}/edit/", edited).status_code == 302
        offer.refresh_from_db()
        assert (offer.title, offer.capability_codes, offer.is_active) == (
            "3D-печать",
            ["3d_printing"],
            False,
        )

    @pytest.mark.parametrize(
        "overrides, field, code",
        [
            ({"available_until": "2029-12-31"}, "available_until", Code.RANGE_INVERTED),
            ({"capabilities": ["teleportation"]}, "capabilities", "invalid_choice"),
            ({"terms": ""}, "terms", "required"),
        ],
        ids=["until-before-from", "capability", "no-terms"],
    )
    def test_bad_input_shows_why_and_adds_nothing(self, facility, operator, overrides, field, code):
        data = offer_form(facility.organization, **overrides)
        response = client_for(operator).post("/en/facilities/offers/new/", data)
        assert response.status_code == 400
        assert response.context["form"].has_error(field, code)
        assert not CapacityOffer.objects.exists()

    def test_no_offer_with_another_organizations_facility_or_name(self, facility, operator):
        theirs, _their_operator = make_facility(name="Чужой цех")
        client = client_for(operator)
        with_their_facility = offer_form(facility.organization, facility=theirs.pk)
        assert client.post("/en/facilities/offers/new/", with_their_facility).status_code == 400
        in_their_name = offer_form(theirs.organization)
        response = client.post("/en/facilities/offers/new/", in_their_name)
        assert response.status_code == 400 and "organization" in response.context["form"].errors
        assert not CapacityOffer.objects.exists()

    def test_another_organizations_offer_is_404_to_edit(self, operator):
        theirs, their_operator = make_facility(name="Чужой цех")
        offer = services.offer_create(
            organization=theirs.organization,
            actor=their_operator,
            kind="space",
            title="Склад",
            address="Москва",
            available_from=dt.date(2030, 1, 1),
            terms="Договорная",
        )
        client = client_for(operator)
        url = f"/en/facilities/offers/{offer.pk}/edit/"
        assert client.get(url).status_code == 404
        assert client.post(url, offer_form(title="Моё")).status_code == 404
        offer.refresh_from_db()
        assert offer.title == "Склад"
        assert "/edit/" not in client.get(f"/en/facilities/offers/{offer.pk}/").content.decode()


def test_a_parent_enrols_on_the_page_the_operator_published(facility, operator):
    """From the operator's form to a parent's enrolment: one class, two seats, then a line."""
    client_for(operator).post(f"/en/facilities/{facility.pk}/classes/new/", class_form(seats="1"))
    course = Course.objects.get()
    url = f"/en/facilities/classes/{course.pk}/"
    child = {
        "child_name": "Петя",
        "child_birth_date": born(10).isoformat(),
        "guardian_consent": "on",
    }
    assert client_for(UserFactory()).post(url, child).status_code == 302
    second = {**child, "child_name": "Вася"}
    assert client_for(UserFactory()).post(url, second).status_code == 302
    assert sorted(course.enrolments.values_list("status", flat=True)) == ["enrolled", "waiting"]
