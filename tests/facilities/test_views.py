"""The facilities pages: catalogue and map, resource calendar and booking, my bookings, the
operator's schedule with approve and decline, .ics files, offers and classes."""

import datetime as dt
import json

import pytest
from django.core.exceptions import NON_FIELD_ERRORS
from django.test import Client
from icalendar import Calendar

from innocluster.features.facilities import services
from innocluster.features.facilities.errors import FacilityErrorCode as Code
from innocluster.features.facilities.models import Booking, CapacityRequest, Enrolment
from tests.factories import UserFactory

from .helpers import make_facility, make_resource, refusal_shown, slot

pytestmark = pytest.mark.django_db


def client_for(user=None, language="en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if user:
        client.force_login(user)
    return client


def markers(response) -> list[dict]:
    html = response.content.decode()
    marker = '<script id="facility-markers" type="application/json">'
    start = html.index(marker) + len(marker)
    return json.loads(html[start : html.index("</script>", start)])


class TestCatalogue:
    def test_the_list_is_russian_by_default_with_a_map(self, facility):
        response = Client().get("/facilities/")
        assert response.status_code == 200
        html = response.content.decode()
        assert '<html lang="ru">' in html and "leaflet/leaflet.js" in html
        assert markers(response)[0]["lat"] == pytest.approx(55.7061)

    def test_filters_narrow_the_cards_and_the_markers(self, facility):
        make_facility(kind="coworking", name="Коворкинг «Старт»")
        response = client_for().get("/en/facilities/", {"kind": "coworking"})
        assert [m["name"] for m in markers(response)] == ["Коворкинг «Старт»"]
        assert client_for().get("/en/facilities/", {"kind": "moon"}).status_code == 400

    @pytest.mark.parametrize("language", ["ru", "en"])
    def test_each_marker_is_its_facility_as_the_instance_tells_it(self, facility, language):
        # Markers are read as plain values with one reverse a page (issue 18): the same pins
        from django.urls import reverse
        from django.utils import translation

        from innocluster.features.facilities.models import Facility

        make_facility(kind="coworking", name="Коворкинг «Старт»")
        response = client_for(language=language).get(f"/{language}/facilities/".replace("/ru", ""))
        with translation.override(language):
            expected = [
                {
                    "id": f.pk,
                    "name": f.name,
                    "kind": f.get_kind_display(),
                    "address": f.address,
                    "lat": float(f.latitude),
                    "lng": float(f.longitude),
                    "url": reverse("facilities:detail", kwargs={"pk": f.pk}),
                }
                for f in Facility.objects.order_by("name", "id")
            ]
        assert markers(response) == expected

    def test_htmx_gets_only_the_results(self, facility):
        response = client_for().get("/en/facilities/", HTTP_HX_REQUEST="true")
        assert b"<html" not in response.content and b'id="results"' in response.content

    def test_a_tile_server_is_allowed_by_the_csp_of_the_map_only(self, facility, settings):
        settings.MAP_TILES_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
        response = client_for().get("/en/facilities/")
        assert "https://tiles.example.org" in response["Content-Security-Policy"]
        assert b'data-tiles="https://tiles.example.org/{z}/{x}/{y}.png"' in response.content
        home = client_for().get("/en/")
        assert "tiles.example.org" not in home.get("Content-Security-Policy", "")

    def test_the_facility_page(self, facility, room):
        response = client_for().get(f"/en/facilities/{facility.pk}/")
        html = response.content.decode()
        assert response.status_code == 200 and room.name in html and "08:00–22:00" in html
        assert "Monday" in html


class TestBookingPages:
    def test_the_resource_page_shows_a_week_of_slots(self, room):
        starts_at, ends_at = slot(start=10, end=11)
        services.booking_create(
            resource=room, user=UserFactory(), starts_at=starts_at, ends_at=ends_at
        )
        response = client_for().get(
            f"/en/facilities/resources/{room.pk}/", {"week": starts_at.date().isoformat()}
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert "10:00 taken" in html and 'data-slot-start="11:00"' in html
        assert "11:00 open" in html  # a slot one may book, never "free" (of charge)
        russian = client_for().get(
            f"/facilities/resources/{room.pk}/", {"week": starts_at.date().isoformat()}
        )
        assert "11:00 свободно" in russian.content.decode()

    def test_book_through_the_form(self, room):
        person = UserFactory()
        starts_at, _ = slot(start=14, end=15)
        response = client_for(person).post(
            f"/en/facilities/resources/{room.pk}/",
            {
                "day": starts_at.date().isoformat(),
                "start": "14:00",
                "end": "15:30",
                "purpose": "Совещание",
                "repeat_weeks": 1,
            },
        )
        assert response.status_code == 302 and response["Location"].endswith("/bookings/")
        booking = Booking.objects.get()
        assert (booking.user, booking.purpose) == (person, "Совещание")
        page = client_for(person).get("/en/facilities/bookings/").content.decode()
        assert room.name in page and "confirmed" in page

    def test_a_taken_slot_shows_why_with_409(self, room):
        starts_at, ends_at = slot(start=14, end=15)
        services.booking_create(
            resource=room, user=UserFactory(), starts_at=starts_at, ends_at=ends_at
        )
        response = client_for(UserFactory()).post(
            f"/en/facilities/resources/{room.pk}/",
            {
                "day": starts_at.date().isoformat(),
                "start": "14:30",
                "end": "15:30",
                "repeat_weeks": 1,
            },
        )
        assert response.status_code == 409
        assert refusal_shown(response, NON_FIELD_ERRORS, Code.SLOT_TAKEN)
        assert Booking.objects.count() == 1

    def test_bad_input_shows_the_rule_with_400(self, room):
        starts_at, _ = slot()
        response = client_for(UserFactory()).post(
            f"/en/facilities/resources/{room.pk}/",
            {
                "day": starts_at.date().isoformat(),
                "start": "23:00",
                "end": "23:30",
                "repeat_weeks": 1,
            },
        )
        assert response.status_code == 400
        assert refusal_shown(response, "start", Code.OUTSIDE_OPENING_HOURS)
        assert not Booking.objects.exists()

    def test_signing_in_comes_first(self, room):
        response = client_for().post(f"/en/facilities/resources/{room.pk}/", {})
        assert response.status_code == 302 and "/login/" in response["Location"]

    def test_cancel_from_my_bookings_and_not_someone_elses(self, room):
        person = UserFactory()
        [booking] = services.booking_create(
            resource=room, user=person, starts_at=slot()[0], ends_at=slot()[1]
        )
        other = client_for(UserFactory()).post(f"/en/facilities/bookings/{booking.pk}/cancel/")
        assert other.status_code == 404
        client_for(person).post(f"/en/facilities/bookings/{booking.pk}/cancel/")
        booking.refresh_from_db()
        assert booking.status == "cancelled"

    def test_my_bookings_as_ics(self, room):
        person = UserFactory()
        services.booking_create(resource=room, user=person, starts_at=slot()[0], ends_at=slot()[1])
        response = client_for(person).get("/en/facilities/bookings/mine.ics")
        assert response["Content-Type"].startswith("text/calendar")
        [event] = Calendar.from_ical(response.content).walk("VEVENT")
        assert event["SUMMARY"].startswith(room.name)
        assert event.decoded("DTSTART") == slot()[0]


class TestSchedule:
    def test_the_operator_approves_from_the_schedule(self, facility, operator):
        machine = make_resource(
            facility, operator, kind="equipment", name="Токарный станок", booking_mode="approval"
        )
        starts_at, ends_at = slot()
        [booking] = services.booking_create(
            resource=machine, user=UserFactory(), starts_at=starts_at, ends_at=ends_at
        )
        page = client_for(operator).get(
            f"/en/facilities/{facility.pk}/schedule/", {"week": starts_at.date().isoformat()}
        )
        assert page.status_code == 200 and "Токарный станок" in page.content.decode()
        response = client_for(operator).post(
            f"/en/facilities/bookings/{booking.pk}/approve/", {"note": "Ок"}
        )
        assert response.status_code == 302
        booking.refresh_from_db()
        assert booking.status == "confirmed"

    def test_the_schedule_is_404_for_others(self, facility):
        assert (
            client_for(UserFactory()).get(f"/en/facilities/{facility.pk}/schedule/").status_code
            == 404
        )
        assert (
            client_for(UserFactory()).get(f"/en/facilities/{facility.pk}/schedule.ics").status_code
            == 404
        )

    def test_others_cannot_decide(self, facility, operator):
        machine = make_resource(facility, operator, kind="equipment", booking_mode="approval")
        person = UserFactory()
        [booking] = services.booking_create(
            resource=machine, user=person, starts_at=slot()[0], ends_at=slot()[1]
        )
        response = client_for(person).post(f"/en/facilities/bookings/{booking.pk}/approve/")
        assert response.status_code == 404
        booking.refresh_from_db()
        assert booking.status == "pending"

    def test_the_schedule_as_ics(self, facility, operator, room):
        services.booking_create(
            resource=room, user=UserFactory(), starts_at=slot()[0], ends_at=slot()[1]
        )
        response = client_for(operator).get(f"/en/facilities/{facility.pk}/schedule.ics")
        assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 1


class TestOffersAndClasses:
    def test_ask_for_an_offer_and_the_owner_answers(self, facility, operator):
        offer = services.offer_create(
            organization=facility.organization,
            actor=operator,
            kind="production",
            title="Лазерная резка",
            capabilities=["laser_cutting"],
            address="Москва",
            available_from=dt.date.today(),
            terms="По прайсу",
        )
        listing = client_for().get("/en/facilities/offers/", {"capability": "laser_cutting"})
        assert "Лазерная резка" in listing.content.decode()
        maker = UserFactory()
        response = client_for(maker).post(
            f"/en/facilities/offers/{offer.pk}/", {"message": "Нужно 100 деталей"}
        )
        assert response.status_code == 302
        request = CapacityRequest.objects.get()
        client_for(operator).post(
            f"/en/facilities/offers/{offer.pk}/requests/{request.pk}/accept/", {"response": "Да"}
        )
        request.refresh_from_db()
        assert request.status == "accepted"

    def test_enrol_a_child_on_the_page(self, facility, operator):
        start = dt.date.today() + dt.timedelta(days=20)
        course = services.course_create(
            facility=facility,
            actor=operator,
            seats=1,
            title="Программирование на Python",
            subject="programming",
            age_min=10,
            age_max=14,
            schedule="сб 11:00",
            starts_on=start,
            ends_on=start + dt.timedelta(days=60),
        )
        parent = UserFactory()
        url = f"/en/facilities/classes/{course.pk}/"
        too_young = client_for(parent).post(
            url, {"child_name": "Аня", "child_birth_date": "2020-01-01", "guardian_consent": "on"}
        )
        assert too_young.status_code == 400
        assert refusal_shown(too_young, "child_birth_date", Code.AGE_OUT_OF_RANGE)
        enrolled = client_for(parent).post(
            url, {"child_name": "Аня", "child_birth_date": "2014-01-01", "guardian_consent": "on"}
        )
        assert enrolled.status_code == 302
        twice = client_for(parent).post(
            url, {"child_name": "Аня", "child_birth_date": "2014-01-01", "guardian_consent": "on"}
        )
        assert twice.status_code == 409
        assert Enrolment.objects.count() == 1
        page = client_for(parent).get("/en/facilities/classes/enrolments/").content.decode()
        assert "Аня" in page and "has a seat" in page


def test_my_bookings_lists_the_facilities_i_run(facility, operator):
    html = client_for(operator).get("/en/facilities/bookings/").content.decode()
    assert "<title>My bookings · innocluster</title>" in html
    assert f"/en/facilities/{facility.pk}/schedule/" in html
    other = client_for(UserFactory()).get("/en/facilities/bookings/").content.decode()
    assert "Facilities you run" not in other
