"""The operators' pages: add and edit a facility (hours, photos), its resources and their closed
periods, and "My facilities". Bad input is a 400 showing why, with nothing changed; another
organization's facility or resource is a 404."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from innocluster.core.errors import CoreErrorCode
from innocluster.features.facilities import services
from innocluster.features.facilities.errors import FacilityErrorCode as Code
from innocluster.features.facilities.models import Blackout, Facility, FacilityPhoto, Resource
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory, member_of
from tests.organizations.test_services import png

from .helpers import make_facility, make_resource, refusal_shown, slot
from .test_views import client_for

pytestmark = pytest.mark.django_db

# Open Monday to Friday, 09:00–18:00: the hours form's fields opens_0, closes_0 … closes_4.
WEEKDAYS_9_TO_18 = {
    **{f"opens_{day}": "09:00" for day in range(5)},
    **{f"closes_{day}": "18:00" for day in range(5)},
}


def facility_form(organization=None, **overrides) -> dict:
    data = {
        "kind": "prototyping_centre",
        "name": "Центр прототипирования «Зеленоград»",
        "description_ru": "Станки с ЧПУ и 3D-печать.",
        "region": "77",
        "address": "Москва, Зеленоград, ул. Юности, 8",
        "latitude": "55.982300",
        "longitude": "37.181400",
        "phone": "+7 495 000-00-00",
        "email": "info@proto.example.ru",
        "website": "proto.example.ru",
        "is_published": "on",
        **WEEKDAYS_9_TO_18,
        **overrides,
    }
    if organization is not None:
        data["organization"] = organization.pk
    return data


def resource_form(**overrides) -> dict:
    return {
        "kind": "equipment",
        "name": "Фрезерный станок DMG Mori",
        "equipment_model": "DMU 50",
        "specifications": "5 осей, 500×450×400 мм",
        "qualification": "Допуск к работе на станках с ЧПУ",
        "capacity": "1",
        "booking_mode": "approval",
        "price_unit": "hour",
        "price": "2500.00",
        "vat_rate": "20",
        "min_minutes": "60",
        "max_minutes": "480",
        "horizon_days": "30",
        "cancel_hours": "24",
        "is_active": "on",
        **overrides,
    }


@pytest.fixture
def stranger_facility():
    """A facility of another organization, with a resource, a photo and a blackout."""
    facility, operator = make_facility(name="Чужой технопарк")
    resource = make_resource(facility, operator, name="Чужая переговорная")
    services.facility_photo_add(facility=facility, actor=operator, image=png(), caption="Фасад")
    start = dt.datetime(2030, 1, 1, 10, tzinfo=dt.UTC)
    services.blackout_create(
        facility=facility,
        actor=operator,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        reason="Ремонт",
    )
    return facility, resource


class TestFacilityPages:
    def test_an_operator_adds_a_facility_with_its_hours(self):
        organization = OrganizationFactory()
        editor = member_of(organization, "editor")
        client = client_for(editor)
        page = client.get("/en/facilities/new/")
        assert page.status_code == 200 and "Opening hours (Moscow time)" in page.content.decode()
        response = client.post("/en/facilities/new/", facility_form(organization))
        facility = Facility.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"/en/facilities/{facility.pk}/"
        assert (facility.organization, facility.website) == (
            organization,
            "https://proto.example.ru",
        )
        hours = [(h.weekday, f"{h.opens:%H:%M}", f"{h.closes:%H:%M}") for h in facility.hours.all()]
        assert hours == [(day, "09:00", "18:00") for day in range(5)]

    @pytest.mark.parametrize(
        "overrides, form, field, code",
        [
            ({"name": ""}, "form", "name", "required"),
            ({"latitude": "95"}, "form", "latitude", "max_value"),
            ({"email": "not-an-address"}, "form", "email", "invalid"),
            ({"closes_2": ""}, "hours_form", "closes_2", "required"),
            ({"closes_3": "08:00"}, "hours_form", "closes_3", Code.RANGE_INVERTED),
        ],
        ids=["no-name", "latitude", "email", "half-a-day", "closes-before-opening"],
    )
    def test_bad_input_shows_why_and_adds_nothing(self, overrides, form, field, code):
        organization = OrganizationFactory()
        client = client_for(member_of(organization, "owner"))
        response = client.post("/en/facilities/new/", facility_form(organization, **overrides))
        assert response.status_code == 400
        assert refusal_shown(response, field, code, form=form)
        assert not Facility.objects.exists()

    def test_no_facility_for_an_organization_one_does_not_run(self):
        mine, theirs = OrganizationFactory(), OrganizationFactory()
        viewer_there = UserFactory()
        member_of(theirs, "owner")
        MembershipFactory(organization=theirs, user=viewer_there, role="viewer")
        client = client_for(member_of(mine, "owner", email="owner@mine.example.ru"))
        response = client.post("/en/facilities/new/", facility_form(theirs))
        assert response.status_code == 400 and "organization" in response.context["form"].errors
        # A viewer runs nothing: the page says who can add facilities, and a POST adds nothing.
        viewer = client_for(viewer_there)
        assert "owners and editors" in viewer.get("/en/facilities/new/").content.decode()
        assert viewer.post("/en/facilities/new/", facility_form(theirs)).status_code == 400
        assert not Facility.objects.exists()

    def test_signing_in_comes_first(self):
        response = client_for().get("/en/facilities/new/")
        assert response.status_code == 302 and "/login/" in response["Location"]

    def test_the_operator_edits_details_and_hours(self, facility, operator):
        data = facility_form(name="Лаборатория композитов МГТУ", **{"opens_6": "10:00"})
        data["closes_6"] = "14:00"
        response = client_for(operator).post(f"/en/facilities/{facility.pk}/edit/", data)
        assert response.status_code == 302
        facility.refresh_from_db()
        assert facility.name == "Лаборатория композитов МГТУ"
        assert sorted(h.weekday for h in facility.hours.all()) == [0, 1, 2, 3, 4, 6]

    def test_a_bad_edit_changes_nothing(self, facility, operator):
        data = facility_form(name="Новое имя", longitude="200", closes_3="08:00")
        response = client_for(operator).post(f"/en/facilities/{facility.pk}/edit/", data)
        assert response.status_code == 400
        # Every mistake at once, each beside its field.
        assert refusal_shown(response, "longitude", "max_value")
        assert refusal_shown(response, "closes_3", Code.RANGE_INVERTED, form="hours_form")
        facility.refresh_from_db()
        assert facility.name == "Лаборатория композитов" and facility.hours.count() == 7

    def test_another_organizations_facility_is_404(self, stranger_facility, operator):
        facility, _resource = stranger_facility
        client = client_for(operator)
        photo = facility.photos.get()
        assert client.get(f"/en/facilities/{facility.pk}/edit/").status_code == 404
        assert (
            client.post(f"/en/facilities/{facility.pk}/edit/", facility_form()).status_code == 404
        )
        assert client.post(f"/en/facilities/{facility.pk}/photos/", {}).status_code == 404
        delete = f"/en/facilities/{facility.pk}/photos/{photo.pk}/delete/"
        assert client.post(delete).status_code == 404
        facility.refresh_from_db()
        assert facility.name == "Чужой технопарк" and facility.photos.count() == 1

    def test_photos_are_added_checked_and_removed(self, facility, operator):
        client = client_for(operator)
        url = f"/en/facilities/{facility.pk}/photos/"
        added = client.post(url, {"image": png(), "caption": "Зал с ЧПУ"})
        assert added.status_code == 302 and added["Location"].endswith("/edit/#photos")
        fake = SimpleUploadedFile("photo.png", b"%PDF-1.4 not a picture", "image/png")
        refused = client.post(url, {"image": fake, "caption": "Не фото"})
        assert refused.status_code == 400
        assert refusal_shown(refused, "image", CoreErrorCode.NOT_AN_IMAGE, form="photo_form")
        photo = FacilityPhoto.objects.get()
        assert photo.caption == "Зал с ЧПУ"
        page = client.get(f"/en/facilities/{facility.pk}/edit/").content.decode()
        assert f"/facilities/{facility.pk}/photos/{photo.pk}/" in page
        client.post(f"/en/facilities/{facility.pk}/photos/{photo.pk}/delete/")
        assert not FacilityPhoto.objects.exists()


class TestResourcePages:
    def test_an_operator_adds_a_machine_with_its_terms(self, facility, operator):
        client = client_for(operator)
        assert client.get(f"/en/facilities/{facility.pk}/resources/new/").status_code == 200
        response = client.post(f"/en/facilities/{facility.pk}/resources/new/", resource_form())
        machine = Resource.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"/en/facilities/resources/{machine.pk}/"
        assert (machine.kind, machine.capacity, machine.booking_mode) == (
            "equipment",
            1,
            "approval",
        )
        assert (machine.price, machine.vat_rate, machine.qualification) == (
            Decimal("2500.00"),
            "20",
            "Допуск к работе на станках с ЧПУ",
        )
        page = client.get(f"/en/facilities/resources/{machine.pk}/").content.decode()
        assert "3000.00 ₽ with VAT" in page and f"/resources/{machine.pk}/edit/" in page

    def test_a_desk_pool_of_n(self, facility, operator):
        form = resource_form(kind="desk_pool", name="Открытое пространство", capacity="12")
        client_for(operator).post(f"/en/facilities/{facility.pk}/resources/new/", form)
        assert Resource.objects.get().capacity == 12

    @pytest.mark.parametrize(
        "overrides, field, code",
        [
            ({"max_minutes": "30"}, "max_minutes", Code.RANGE_INVERTED),
            ({"price": "-1"}, "price", "min_value"),
            ({"kind": "class_seats"}, "kind", "invalid_choice"),
            ({"min_minutes": "1"}, "min_minutes", "min_value"),
            ({"horizon_days": "1000"}, "horizon_days", "max_value"),
            ({"name": ""}, "name", "required"),
        ],
        ids=["max-below-min", "negative-price", "class-seats", "too-short", "horizon", "no-name"],
    )
    def test_bad_terms_show_why_and_add_nothing(self, facility, operator, overrides, field, code):
        response = client_for(operator).post(
            f"/en/facilities/{facility.pk}/resources/new/", resource_form(**overrides)
        )
        assert response.status_code == 400 and refusal_shown(response, field, code)
        assert not Resource.objects.exists()

    def test_the_operator_changes_the_terms_but_not_the_kind(self, room, operator):
        client = client_for(operator)
        page = client.get(f"/en/facilities/resources/{room.pk}/edit/")
        assert "kind" not in page.context["form"].fields
        assert "capacity" not in page.context["form"].fields  # a room is one place
        form = resource_form(kind="desk_pool", name="Зал 1", price_unit="day", price="9000")
        response = client.post(f"/en/facilities/resources/{room.pk}/edit/", form)
        assert response.status_code == 302
        room.refresh_from_db()
        assert (room.kind, room.capacity, room.price_unit, room.price) == (
            "room",
            1,
            "day",
            Decimal("9000.00"),
        )

    def test_a_bad_edit_changes_nothing(self, room, operator):
        form = resource_form(name="Зал 2", min_minutes="600", max_minutes="60")
        response = client_for(operator).post(f"/en/facilities/resources/{room.pk}/edit/", form)
        assert response.status_code == 400
        refusals = response.context["form"].errors.as_data()["max_minutes"]
        assert [refusal.code for refusal in refusals] == [Code.RANGE_INVERTED]
        room.refresh_from_db()
        assert (room.name, room.max_minutes) == ("Зал 1", 240)

    def test_another_organizations_resource_is_404(self, stranger_facility, operator, room):
        facility, resource = stranger_facility
        client = client_for(operator)
        blackout = Blackout.objects.get(facility=facility)
        for url in (
            f"/en/facilities/resources/{resource.pk}/edit/",
            f"/en/facilities/{facility.pk}/resources/new/",
        ):
            assert client.get(url).status_code == 404
            assert client.post(url, resource_form()).status_code == 404
        assert (
            client.post(f"/en/facilities/resources/{resource.pk}/blackouts/", {}).status_code == 404
        )
        # Their blackout through my own resource's address is not found either.
        mine = f"/en/facilities/resources/{room.pk}/blackouts/{blackout.pk}/delete/"
        assert client.post(mine).status_code == 404
        resource.refresh_from_db()
        assert resource.name == "Чужая переговорная" and Blackout.objects.count() == 1
        assert Resource.objects.filter(facility=facility).count() == 1


class TestBlackoutPages:
    def url(self, resource) -> str:
        return f"/en/facilities/resources/{resource.pk}/blackouts/"

    def test_close_a_resource_then_reopen_it(self, room, operator):
        client = client_for(operator)
        response = client.post(
            self.url(room),
            {"starts_at": "2030-03-01T09:00", "ends_at": "2030-03-02T18:00", "reason": "Учения"},
        )
        assert response.status_code == 302 and response["Location"].endswith("#blackouts")
        blackout = Blackout.objects.get()
        assert blackout.resource == room
        assert blackout.starts_at == dt.datetime(2030, 3, 1, 6, tzinfo=dt.UTC)  # 09:00 Moscow
        assert "Учения" in client.get(f"/en/facilities/resources/{room.pk}/edit/").content.decode()
        client.post(f"{self.url(room)}{blackout.pk}/delete/")
        assert not Blackout.objects.exists()

    def test_the_whole_facility(self, room, operator):
        client_for(operator).post(
            self.url(room),
            {
                "starts_at": "2030-03-01T09:00",
                "ends_at": "2030-03-01T18:00",
                "reason": "Санитарный день",
                "whole_facility": "on",
            },
        )
        assert Blackout.objects.get().resource is None

    def test_an_end_before_the_start_changes_nothing(self, room, operator):
        response = client_for(operator).post(
            self.url(room),
            {"starts_at": "2030-03-02T09:00", "ends_at": "2030-03-01T18:00", "reason": "Учения"},
        )
        assert response.status_code == 400
        refusals = response.context["blackout_form"].errors.as_data()["ends_at"]
        assert [refusal.code for refusal in refusals] == [Code.RANGE_INVERTED]
        assert not Blackout.objects.exists()


class TestMyFacilities:
    def test_everything_one_runs_with_what_awaits(self, facility, operator):
        machine = make_resource(facility, operator, kind="equipment", booking_mode="approval")
        services.booking_create(
            resource=machine, user=UserFactory(), starts_at=slot()[0], ends_at=slot()[1]
        )
        offer = services.offer_create(
            organization=facility.organization,
            actor=operator,
            kind="equipment",
            title="Простаивающий 3D-принтер",
            address="Москва",
            available_from=dt.date(2030, 1, 1),
            terms="Договорная",
        )
        services.capacity_request_create(offer=offer, requester=UserFactory(), message="Нужно")
        make_facility(name="Чужая площадка")
        response = client_for(operator).get("/en/facilities/mine/")
        html = response.content.decode()
        [row] = response.context["facilities"]
        assert (row.resource_count, row.pending_count, row.course_count) == (1, 1, 0)
        assert [o.pending_count for o in response.context["offers"]] == [1]
        assert f"/en/facilities/{facility.pk}/edit/" in html and "Чужая площадка" not in html
        assert "Requests awaiting your answer" in html

    def test_someone_who_runs_nothing_is_told_how(self):
        response = client_for(UserFactory()).get("/en/facilities/mine/")
        assert response.status_code == 200
        assert "You run no facilities yet." in response.content.decode()
        assert not response.context["can_create"]

    def test_the_facility_page_links_the_operators_pages(self, facility, operator, room):
        html = client_for(operator).get(f"/en/facilities/{facility.pk}/").content.decode()
        for path in ("edit/", "resources/new/", "classes/new/", "schedule/"):
            assert f"/en/facilities/{facility.pk}/{path}" in html
        assert f"/en/facilities/resources/{room.pk}/edit/" in html
        visitor = client_for(UserFactory()).get(f"/en/facilities/{facility.pk}/").content.decode()
        assert "/edit/" not in visitor
