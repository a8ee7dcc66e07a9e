"""Children's classes: ages, consent, duplicates, the waiting list and its promotion."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from innocluster.core.errors import Conflict, NotFound, codes_by_field
from innocluster.features.facilities import services
from innocluster.features.facilities.errors import FacilityErrorCode as Code
from innocluster.features.facilities.models import Booking, Enrolment
from innocluster.features.facilities.timeutil import moscow
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

START = dt.date.today() + dt.timedelta(days=30)


@pytest.fixture
def course(facility, operator):
    return services.course_create(
        facility=facility,
        actor=operator,
        seats=2,
        title="Робототехника для начинающих",
        subject="robotics",
        age_min=9,
        age_max=12,
        schedule="Пн и ср, 16:00–17:30",
        starts_on=START,
        ends_on=START + dt.timedelta(days=90),
    )


def born(age: int) -> dt.date:
    """A birth date that makes a child `age` years old on the first lesson."""
    return START.replace(year=START.year - age) - dt.timedelta(days=10)


def enrol(course, parent=None, name="Маша Иванова", age=10, consent=True):
    return services.enrolment_create(
        course=course,
        parent=parent or UserFactory(),
        child_name=name,
        child_birth_date=born(age),
        guardian_consent=consent,
    )


def test_seats_then_the_waiting_list(course, notified):
    first, second, third = (enrol(course, name=f"Ребёнок {n}") for n in range(3))
    assert [e.status for e in (first, second, third)] == ["enrolled", "enrolled", "waiting"]
    assert Booking.objects.holding().filter(resource=course.resource).count() == 2
    assert notified[-1][0] == "facilities.waiting" and notified[-1][2]["position"] == 1


def test_a_freed_seat_goes_to_the_first_in_line_who_is_told(course, notified):
    parent = UserFactory()
    seated = enrol(course, name="Первый")
    enrol(course, name="Второй")
    first_waiting = enrol(course, parent=parent, name="Третий")
    enrol(course, name="Четвёртый")
    services.enrolment_cancel(enrolment=seated, actor=seated.parent)
    first_waiting.refresh_from_db()
    assert first_waiting.status == "enrolled" and first_waiting.promoted_at
    assert notified[-1][:2] == ("facilities.promoted", [parent.email])
    assert Enrolment.objects.filter(status="waiting").count() == 1
    assert Booking.objects.holding().filter(resource=course.resource).count() == 2


def test_more_seats_promote_from_the_waiting_list(course, operator):
    for n in range(4):
        enrol(course, name=f"Ребёнок {n}")
    services.course_update(course=course, actor=operator, seats=3)
    assert Enrolment.objects.filter(status="enrolled").count() == 3
    with pytest.raises(ValidationError) as refused:
        services.course_update(course=course, actor=operator, seats=1)
    [fewer] = refused.value.error_dict["seats"]
    assert (fewer.code, fewer.params) == (Code.SEATS_TAKEN, {"count": 3})


@pytest.mark.parametrize("age", [8, 13])
def test_a_child_outside_the_age_range_is_refused(course, age):
    with pytest.raises(ValidationError) as refused:
        enrol(course, age=age)
    [too_young_or_old] = refused.value.error_dict["child_birth_date"]
    assert too_young_or_old.code == Code.AGE_OUT_OF_RANGE
    assert too_young_or_old.params == {"min": 9, "max": 12, "day": f"{START:%d.%m.%Y}", "age": age}
    assert not Enrolment.objects.exists()


def test_no_consent_is_refused(course):
    with pytest.raises(ValidationError) as refused:
        enrol(course, consent=False)
    assert codes_by_field(refused.value) == {"guardian_consent": ["required"]}


def test_the_same_child_twice_is_a_conflict(course):
    parent = UserFactory()
    enrol(course, parent=parent, name="Маша  Иванова")
    with pytest.raises(Conflict) as refused:
        enrol(course, parent=parent, name="маша иванова")
    assert refused.value.code == Code.ALREADY_ENROLLED
    assert Enrolment.objects.count() == 1


def test_a_cancelled_child_may_enrol_again(course):
    enrolment = enrol(course)
    services.enrolment_cancel(enrolment=enrolment, actor=enrolment.parent)
    assert enrol(course).status == "enrolled"


def test_others_cannot_cancel_a_childs_enrolment(course):
    enrolment = enrol(course)
    with pytest.raises(NotFound):
        services.enrolment_cancel(enrolment=enrolment, actor=UserFactory())


def test_class_ages_must_lie_within_7_to_18(facility, operator):
    with pytest.raises(ValidationError):
        services.course_create(
            facility=facility,
            actor=operator,
            seats=5,
            title="Малыши",
            subject="robotics",
            age_min=5,
            age_max=9,
            schedule="сб",
            starts_on=START,
            ends_on=START,
        )


class TestApi:
    def test_enrol_through_the_api(self, api_as, course):
        parent = UserFactory()
        response = api_as(parent).post(
            f"/api/v1/classes/{course.pk}/enrolments/",
            {
                "child_name": "Петя Сидоров",
                "child_birth_date": born(11).isoformat(),
                "guardian_consent": True,
            },
            format="json",
        )
        assert response.status_code == 201 and response.json()["status"] == "enrolled"
        listed = api_as(parent).get(f"/api/v1/classes/{course.pk}/enrolments/").json()
        assert listed["count"] == 1
        assert (
            api_as(UserFactory()).get(f"/api/v1/classes/{course.pk}/enrolments/").json()["count"]
            == 0
        )

    def test_bad_enrolments_are_400_and_409(self, api_as, course):
        client = api_as(UserFactory())
        url = f"/api/v1/classes/{course.pk}/enrolments/"
        young = {
            "child_name": "Вова",
            "child_birth_date": born(6).isoformat(),
            "guardian_consent": True,
        }
        assert client.post(url, young, format="json").status_code == 400
        good = {**young, "child_birth_date": born(10).isoformat()}
        assert client.post(url, good, format="json").status_code == 201
        duplicate = client.post(url, good, format="json")
        assert duplicate.status_code == 409 and duplicate.json()["code"] == Code.ALREADY_ENROLLED

    def test_classes_filter_by_age(self, api, course):
        assert api.get("/api/v1/classes/", {"age": 10}).json()["count"] == 1
        assert api.get("/api/v1/classes/", {"age": 15}).json()["count"] == 0
        assert api.get("/api/v1/classes/", {"age": 40}).status_code == 400

    def test_cancel_another_parents_enrolment_is_404(self, api_as, course):
        enrolment = enrol(course)
        response = api_as(UserFactory()).post(
            f"/api/v1/classes/{course.pk}/enrolments/{enrolment.pk}/cancel/"
        )
        assert response.status_code == 404


def test_a_seat_is_not_given_up_behind_the_enrolments_back(course, api_as):
    """The seat's booking is not in the bookings API, and the service refuses to cancel it:
    only cancelling the enrolment frees a seat, so the waiting list always moves."""
    enrolment = enrol(course)
    client = api_as(enrolment.parent)
    assert client.get("/api/v1/bookings/").json()["count"] == 0
    assert client.post(f"/api/v1/bookings/{enrolment.booking_id}/cancel/").status_code == 404
    with pytest.raises(ValidationError):
        services.booking_cancel(booking=enrolment.booking, actor=enrolment.parent)


def test_moving_the_term_moves_the_seats_so_the_class_stays_full(course, operator):
    """Seats are bookings of the term; a term moved clear of the old dates must not find the
    seats free again (a class is never over capacity)."""
    enrol(course, name="Первый")
    enrol(course, name="Второй")
    later = START + dt.timedelta(days=200)
    services.course_update(
        course=course, actor=operator, starts_on=later, ends_on=later + dt.timedelta(days=30)
    )
    assert enrol(course, name="Третий").status == "waiting"
    seats = Booking.objects.holding().filter(resource=course.resource)
    assert seats.count() == 2
    assert {moscow(b.starts_at).date() for b in seats} == {later}


@pytest.mark.parametrize(
    "fields, field, message",
    [
        (
            {"age_min": 12, "age_max": 9},
            "age_max",
            "The oldest age must not be below the youngest.",
        ),
        (
            {"ends_on": START - dt.timedelta(days=1)},
            "ends_on",
            "The last lesson must not be before the first.",
        ),
    ],
    ids=["ages", "term"],
)
def test_a_bad_class_names_the_field_and_why(facility, operator, fields, field, message):
    values = {
        "seats": 5,
        "title": "Дроны",
        "subject": "drones",
        "age_min": 9,
        "age_max": 12,
        "schedule": "сб",
        "starts_on": START,
        "ends_on": START,
        **fields,
    }
    with pytest.raises(ValidationError) as refused:
        services.course_create(facility=facility, actor=operator, **values)
    assert refused.value.message_dict == {field: [message]}


def test_an_unknown_class_field_is_refused_not_a_crash(facility, operator):
    with pytest.raises(ValidationError) as refused:
        services.course_create(
            facility=facility,
            actor=operator,
            seats=5,
            title="Дроны",
            subject="drones",
            age_min=9,
            age_max=12,
            schedule="сб",
            starts_on=START,
            ends_on=START,
            resource=None,
        )
    assert "resource" in refused.value.message_dict


def test_the_seats_of_a_class_change_only_with_the_class(course, operator):
    with pytest.raises(ValidationError):
        services.resource_update(resource=course.resource, actor=operator, capacity=100)
    course.resource.refresh_from_db()
    assert course.resource.capacity == 2


def test_bad_classes_through_the_api_name_the_field(api_as, facility, operator):
    body = {
        "facility": facility.pk,
        "title": "Дроны",
        "subject": "drones",
        "age_min": 12,
        "age_max": 9,
        "schedule": "сб",
        "starts_on": START.isoformat(),
        "ends_on": START.isoformat(),
        "seats": 5,
    }
    response = api_as(operator).post("/api/v1/classes/", body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "age_max": ["The oldest age must not be below the youngest."]
    }
