"""The facilities, resources and bookings API: reads, writes, bad input, other people's things."""

import datetime as dt

import pytest

from innocluster.features.facilities import services
from innocluster.features.facilities.errors import FacilityErrorCode as Code
from innocluster.features.facilities.models import Booking, Facility, Resource
from tests.factories import OrganizationFactory, UserFactory, member_of

from .helpers import make_facility, make_resource, slot

pytestmark = pytest.mark.django_db


def booking_body(resource, when=None, **extra):
    starts_at, ends_at = when or slot()
    return {
        "resource": resource.pk,
        "starts_at": starts_at.isoformat(),
        "ends_at": ends_at.isoformat(),
        **extra,
    }


class TestFacilities:
    def test_the_catalogue_filters_by_kind_and_equipment(self, api, facility, operator):
        make_resource(
            facility,
            operator,
            kind="equipment",
            name="Фрезерный станок",
            equipment_model="DMG Mori CMX 600V",
        )
        make_facility(kind="coworking", name="Коворкинг на Тверской")
        assert api.get("/api/v1/facilities/").json()["count"] == 2
        labs = api.get("/api/v1/facilities/", {"kind": "laboratory"}).json()
        assert [f["name"] for f in labs["results"]] == [facility.name]
        machines = api.get("/api/v1/facilities/", {"equipment": "dmg mori"}).json()
        assert [f["id"] for f in machines["results"]] == [facility.pk]
        assert api.get("/api/v1/facilities/", {"equipment": "ФРЕЗЕР"}).json()["count"] == 1

    def test_an_unknown_filter_value_is_a_400(self, api, facility):
        response = api.get("/api/v1/facilities/", {"kind": "castle"})
        assert response.status_code == 400
        assert response["Content-Type"] == "application/problem+json"

    def test_a_facility_reads_with_its_hours(self, api, facility):
        body = api.get(f"/api/v1/facilities/{facility.pk}/").json()
        assert body["latitude"] == "55.706100" and len(body["hours"]) == 7
        assert body["hours"][0] == {"weekday": 0, "opens": "08:00:00", "closes": "22:00:00"}

    def test_an_operator_publishes_a_facility(self, api_as):
        organization = OrganizationFactory()
        owner = member_of(organization, "owner")
        response = api_as(owner).post(
            "/api/v1/facilities/",
            {
                "organization": organization.pk,
                "kind": "coworking",
                "name": "Точка кипения",
                "address": "Москва, ул. Ильинка, 4",
                "latitude": "55.755",
                "longitude": "37.625",
                "hours": [{"weekday": 0, "opens": "09:00", "closes": "21:00"}],
            },
            format="json",
        )
        assert response.status_code == 201, response.json()
        assert response.json()["organization"]["id"] == organization.pk

    def test_others_cannot_publish_for_an_organization(self, api_as):
        organization = OrganizationFactory()
        for person in (UserFactory(), member_of(organization, "viewer")):
            response = api_as(person).post(
                "/api/v1/facilities/",
                {
                    "organization": organization.pk,
                    "kind": "coworking",
                    "name": "Чужой",
                    "address": "Москва",
                    "latitude": "55.7",
                    "longitude": "37.6",
                },
                format="json",
            )
            assert response.status_code == 404
        assert not Facility.objects.filter(name="Чужой").exists()

    def test_bad_coordinates_and_hours_are_400(self, api_as, operator, facility):
        client = api_as(operator)
        url = f"/api/v1/facilities/{facility.pk}/"
        assert client.patch(url, {"latitude": "91"}, format="json").status_code == 400
        response = client.patch(
            url, {"hours": [{"weekday": 1, "opens": "18:00", "closes": "09:00"}]}, format="json"
        )
        assert response.status_code == 400
        assert "closing time" in str(response.json()["errors"])
        monday_twice = [{"weekday": 0, "opens": "09:00", "closes": "18:00"}] * 2
        response = client.patch(url, {"hours": monday_twice}, format="json")
        assert response.status_code == 400
        assert response.json()["errors"] == {"hours": ["Each day of the week at most once."]}
        assert facility.hours.count() == 7

    def test_an_unpublished_facility_is_404_for_others(self, api, api_as, operator, facility):
        services.facility_update(facility=facility, actor=operator, is_published=False)
        assert api.get(f"/api/v1/facilities/{facility.pk}/").status_code == 404
        assert api_as(UserFactory()).get(f"/api/v1/facilities/{facility.pk}/").status_code == 404
        assert api_as(operator).get(f"/api/v1/facilities/{facility.pk}/").status_code == 200


class TestResources:
    def test_an_operator_adds_a_machine_and_it_is_one_unit(self, api_as, operator, facility):
        response = api_as(operator).post(
            "/api/v1/resources/",
            {
                "facility": facility.pk,
                "kind": "equipment",
                "name": "3D-принтер",
                "capacity": 5,
                "price_unit": "hour",
                "price": "800.00",
                "vat_rate": "22",
                "qualification": "Инструктаж по ТБ",
            },
            format="json",
        )
        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["capacity"] == 1 and body["price_with_vat"] == "976.00"

    def test_a_stranger_cannot_add_resources(self, api_as, facility):
        response = api_as(UserFactory()).post(
            "/api/v1/resources/",
            {"facility": facility.pk, "kind": "room", "name": "Чужая"},
            format="json",
        )
        assert response.status_code == 404
        assert not Resource.objects.filter(name="Чужая").exists()

    def test_the_kind_of_a_resource_never_changes(self, api_as, operator, room):
        response = api_as(operator).patch(
            f"/api/v1/resources/{room.pk}/", {"kind": "desk_pool"}, format="json"
        )
        assert response.status_code == 400
        room.refresh_from_db()
        assert room.kind == "room"

    def test_blackouts_are_listed_and_added(self, api, api_as, operator, room):
        starts_at, ends_at = slot()
        response = api_as(operator).post(
            f"/api/v1/resources/{room.pk}/blackouts/",
            {
                "starts_at": starts_at.isoformat(),
                "ends_at": ends_at.isoformat(),
                "reason": "Профилактика",
            },
            format="json",
        )
        assert response.status_code == 201
        listed = api.get(f"/api/v1/resources/{room.pk}/blackouts/").json()
        assert [b["reason"] for b in listed] == ["Профилактика"]

    @pytest.mark.parametrize(
        ("starts_at", "ends_at", "field", "code"),
        [
            ("0683-06-01T15:26:05+03:00", "2030-01-01T00:00:00+03:00", "starts_at", "min_value"),
            ("2030-01-01T00:00:00+03:00", "6687-07-05T15:29:55+03:00", "ends_at", "max_value"),
        ],
    )
    def test_a_blackout_outside_this_century_is_a_400(
        self, api_as, operator, room, starts_at, ends_at, field, code
    ):
        # Year 683 was answered with Moscow's old offset, +02:30:17, which is no ISO 8601.
        response = api_as(operator).post(
            f"/api/v1/resources/{room.pk}/blackouts/",
            {"starts_at": starts_at, "ends_at": ends_at, "reason": "x"},
            format="json",
        )
        assert response.status_code == 400
        assert response.json()["error_codes"] == {field: [code]}


class TestAvailability:
    def test_a_week_of_hourly_slots_in_moscow_time(self, api, room):
        starts_at, ends_at = slot(start=10, end=12)
        services.booking_create(
            resource=room, user=UserFactory(), starts_at=starts_at, ends_at=ends_at
        )
        response = api.get(
            "/api/v1/bookings/availability/",
            {"resource": room.pk, "date": starts_at.date().isoformat(), "days": 2},
        )
        assert response.status_code == 200
        day = response.json()["days"][0]
        assert len(day["slots"]) == 14  # 08:00–22:00
        states = {s["starts_at"][11:16]: s["state"] for s in day["slots"]}
        assert states["10:00"] == states["11:00"] == "taken"
        assert states["12:00"] == "free"
        assert day["slots"][0]["starts_at"].endswith("+03:00")

    def test_bad_availability_queries_are_400_or_404(self, api, room):
        assert (
            api.get("/api/v1/bookings/availability/", {"resource": room.pk, "days": 99}).status_code
            == 400
        )
        assert api.get("/api/v1/bookings/availability/", {"resource": 999999}).status_code == 404


class TestBookings:
    def test_book_and_read_back(self, api_as, room):
        person = UserFactory()
        response = api_as(person).post("/api/v1/bookings/", booking_body(room), format="json")
        assert response.status_code == 201
        [created] = response.json()
        assert created["status"] == "confirmed" and created["booked_by"]["id"] == person.pk
        mine = api_as(person).get("/api/v1/bookings/").json()
        assert [b["id"] for b in mine["results"]] == [created["id"]]

    def test_a_taken_slot_is_409_naming_it(self, api_as, room):
        api_as(UserFactory()).post("/api/v1/bookings/", booking_body(room), format="json")
        response = api_as(UserFactory()).post(
            "/api/v1/bookings/", booking_body(room), format="json"
        )
        assert response.status_code == 409
        assert response["Content-Type"] == "application/problem+json"
        problem = response.json()
        assert problem["code"] == Code.SLOT_TAKEN
        taken = problem["conflict"]
        assert (taken["starts_at"][11:16], taken["ends_at"][11:16]) == ("10:00", "11:00")

    @pytest.mark.parametrize(
        "when, field, code",
        [
            (lambda: slot()[::-1], "ends_at", Code.RANGE_INVERTED),
            (lambda: slot(start=22, end=23), "starts_at", Code.OUTSIDE_OPENING_HOURS),
            (lambda: slot(start=8, end=13), "ends_at", Code.BOOKING_LENGTH),
            (lambda: slot(days_ahead=-2), "starts_at", Code.SLOT_IN_PAST),
            (lambda: slot(days_ahead=61), "starts_at", Code.BEYOND_HORIZON),
        ],
        ids=["end-before-start", "outside-hours", "too-long", "past", "too-far-ahead"],
    )
    def test_bad_slots_are_400_and_change_nothing(self, api_as, room, when, field, code):
        response = api_as(UserFactory()).post(
            "/api/v1/bookings/", booking_body(room, when()), format="json"
        )
        assert response.status_code == 400
        problem = response.json()
        assert problem["code"] == "validation_error"
        assert problem["error_codes"] == {field: [code]}, problem
        assert Booking.objects.count() == 0

    def test_a_slot_in_a_blackout_is_400(self, api_as, operator, facility, room):
        starts_at, ends_at = slot()
        services.blackout_create(
            facility=facility, actor=operator, starts_at=starts_at, ends_at=ends_at, reason="Учения"
        )
        response = api_as(UserFactory()).post(
            "/api/v1/bookings/", booking_body(room), format="json"
        )
        assert response.status_code == 400
        assert response.json()["error_codes"] == {"starts_at": [Code.CLOSED_PERIOD]}

    def test_malformed_input_is_400(self, api_as, room):
        client = api_as(UserFactory())
        for body, codes in (
            ({"resource": room.pk}, {"starts_at": ["required"], "ends_at": ["required"]}),
            ({**booking_body(room), "starts_at": "tomorrow"}, {"starts_at": ["invalid"]}),
            ({**booking_body(room), "repeat_weeks": 0}, {"repeat_weeks": ["min_value"]}),
        ):
            response = client.post("/api/v1/bookings/", body, format="json")
            assert response.status_code == 400 and response.json()["error_codes"] == codes
        assert Booking.objects.count() == 0

    def test_booking_needs_sign_in(self, api, room):
        assert api.post("/api/v1/bookings/", booking_body(room), format="json").status_code in (
            401,
            403,
        )

    def test_another_persons_booking_is_404_to_read_and_cancel(self, api_as, room):
        [booking] = services.booking_create(
            resource=room, user=UserFactory(), starts_at=slot()[0], ends_at=slot()[1]
        )
        stranger = api_as(UserFactory())
        assert stranger.get(f"/api/v1/bookings/{booking.pk}/").status_code == 404
        assert stranger.post(f"/api/v1/bookings/{booking.pk}/cancel/").status_code == 404
        booking.refresh_from_db()
        assert booking.status == "confirmed"

    def test_the_operator_sees_and_decides(self, api_as, operator, facility):
        machine = make_resource(
            facility, operator, kind="equipment", name="Лазер", booking_mode="approval"
        )
        person = UserFactory()
        [created] = (
            api_as(person).post("/api/v1/bookings/", booking_body(machine), format="json").json()
        )
        assert created["status"] == "pending"
        client = api_as(operator)
        listed = client.get(
            "/api/v1/bookings/", {"facility": facility.pk, "status": "pending"}
        ).json()
        assert [b["id"] for b in listed["results"]] == [created["id"]]
        approved = client.post(
            f"/api/v1/bookings/{created['id']}/approve/", {"note": "Ждём"}, format="json"
        )
        assert approved.status_code == 200 and approved.json()["status"] == "confirmed"
        again = client.post(f"/api/v1/bookings/{created['id']}/decline/", format="json")
        assert again.status_code == 409
        # the person may not approve their own
        own = api_as(person).post(f"/api/v1/bookings/{created['id']}/approve/", format="json")
        assert own.status_code == 404

    def test_weekly_bookings_through_the_api(self, api_as, room):
        response = api_as(UserFactory()).post(
            "/api/v1/bookings/", booking_body(room, repeat_weeks=3), format="json"
        )
        assert response.status_code == 201
        starts = [dt.datetime.fromisoformat(b["starts_at"]) for b in response.json()]
        assert starts[2] - starts[0] == dt.timedelta(weeks=2)


def test_facilities_with_a_desk_pool(api, facility, operator):
    make_facility(name="Без столов")
    make_resource(facility, operator, kind="desk_pool", capacity=10, name="Столы")
    found = api.get("/api/v1/facilities/", {"resource_kind": "desk_pool"}).json()
    assert [f["id"] for f in found["results"]] == [facility.pk]


def test_photos_are_checked_by_content_and_served(api, api_as, operator, facility):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.organizations.test_services import png

    client = api_as(operator)
    url = f"/api/v1/facilities/{facility.pk}/photos/"
    fake = SimpleUploadedFile("photo.png", b"%PDF-1.4 not a picture", content_type="image/png")
    refused = client.post(url, {"image": fake, "caption": "Зал"}, format="multipart")
    assert refused.status_code == 400 and facility.photos.count() == 0
    added = client.post(url, {"image": png(), "caption": "Зал"}, format="multipart")
    assert added.status_code == 201
    [photo_url] = added.json()["photo_urls"]
    assert api.get(photo_url)["Content-Type"] == "image/png"
    stranger = api_as(UserFactory()).post(
        url, {"image": png(), "caption": "Чужое"}, format="multipart"
    )
    assert stranger.status_code == 404 and facility.photos.count() == 1


def test_a_resource_whose_longest_booking_is_shorter_names_the_field(api_as, operator, facility):
    body = {"facility": facility.pk, "kind": "room", "name": "Зал", "min_minutes": 120}
    response = api_as(operator).post(
        "/api/v1/resources/", {**body, "max_minutes": 60}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "max_minutes": ["The longest booking must not be shorter than the shortest."]
    }
    assert not Resource.objects.filter(name="Зал").exists()
