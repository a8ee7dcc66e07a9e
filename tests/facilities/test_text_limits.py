"""Hostile text (issue 17): an over-long free text is a 400 `max_length`, a name or title with an
invisible or control character a 400 `invisible_character`; nothing changes either way."""

import pytest

from innocluster.features.facilities.choices import Capability
from innocluster.features.facilities.models import CapacityOffer, Course, Facility, Resource

from .helpers import make_offer
from .test_classes import course  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

RLO = "Лаборатория \u202eexe.pdf"


@pytest.fixture
def offer(facility, operator):
    return make_offer(facility, operator)


# (fixture, URL, model, a free-text field and its limit, the name or title field)
FAMILIES = {
    "facility": ("facility", "/api/v1/facilities/{}/", Facility, "description_ru", 10_000, "name"),
    "resource": ("room", "/api/v1/resources/{}/", Resource, "specifications", 10_000, "name"),
    "offer": ("offer", "/api/v1/capacity-offers/{}/", CapacityOffer, "terms", 5_000, "title"),
    "class": ("course", "/api/v1/classes/{}/", Course, "description", 10_000, "title"),
}


@pytest.fixture(params=FAMILIES.values(), ids=FAMILIES.keys())
def family(request, operator):
    name, url, model, text_field, limit, name_field = request.param
    thing = request.getfixturevalue(name)
    return thing, url.format(thing.pk), model, text_field, limit, name_field


def _unchanged(model, thing, before):
    after = model.objects.filter(pk=thing.pk).values().get()
    assert after == before


def test_an_over_long_text_is_400_max_length_and_changes_nothing(api_as, operator, family):
    thing, url, model, text_field, limit, _name = family
    before = model.objects.filter(pk=thing.pk).values().get()
    response = api_as(operator).patch(url, {text_field: "я" * (limit + 1)}, format="json")
    assert response.status_code == 400
    assert response.json()["error_codes"] == {text_field: ["max_length"]}
    _unchanged(model, thing, before)


def test_a_text_at_the_limit_is_taken(api_as, operator, family):
    thing, url, model, text_field, limit, _name = family
    response = api_as(operator).patch(url, {text_field: "я" * limit}, format="json")
    assert response.status_code == 200, response.json()
    assert len(getattr(model.objects.get(pk=thing.pk), text_field)) == limit


@pytest.mark.parametrize("bad", [RLO, "Зал\u200b1", "Зал\x07", "Зал\n1"])
def test_a_name_with_an_invisible_character_is_400_and_changes_nothing(
    api_as, operator, family, bad
):
    thing, url, model, _text, _limit, name_field = family
    before = model.objects.filter(pk=thing.pk).values().get()
    response = api_as(operator).patch(url, {name_field: bad}, format="json")
    assert response.status_code == 400
    assert response.json()["error_codes"] == {name_field: ["invisible_character"]}
    _unchanged(model, thing, before)


def test_a_new_facility_named_with_a_bidi_override_is_refused(api_as, facility, operator):
    body = {
        "organization": facility.organization_id,
        "kind": "coworking",
        "name": RLO,
        "address": "Москва",
        "latitude": "55.7",
        "longitude": "37.6",
    }
    response = api_as(operator).post("/api/v1/facilities/", body, format="json")
    assert response.status_code == 400
    assert response.json()["error_codes"] == {"name": ["invisible_character"]}
    assert Facility.objects.count() == 1


def test_a_childs_name_with_a_bidi_override_is_refused(api_as, course):  # noqa: F811
    from tests.factories import UserFactory

    from .test_classes import born

    body = {
        "child_name": "Маша\u202eИванова",
        "child_birth_date": born(10).isoformat(),
        "guardian_consent": True,
    }
    url = f"/api/v1/classes/{course.pk}/enrolments/"
    response = api_as(UserFactory()).post(url, body, format="json")
    assert response.status_code == 400
    assert response.json()["error_codes"] == {"child_name": ["invisible_character"]}
    assert not course.enrolments.exists()


def test_an_offer_naming_more_capabilities_than_there_are_is_refused(api_as, operator, offer):
    before = CapacityOffer.objects.filter(pk=offer.pk).values().get()
    url = f"/api/v1/capacity-offers/{offer.pk}/"
    every = [value for value, _label in Capability.choices]
    response = api_as(operator).patch(url, {"capabilities": every + ["milling"]}, format="json")
    assert response.status_code == 400
    assert response.json()["error_codes"] == {"capabilities": ["max_length"]}
    assert CapacityOffer.objects.filter(pk=offer.pk).values().get() == before
    taken = api_as(operator).patch(url, {"capabilities": every}, format="json")
    assert taken.status_code == 200, taken.json()
    assert sorted(taken.json()["capabilities"]) == sorted(every)


def test_more_opening_hours_than_days_in_a_week_are_refused(api_as, operator, facility):
    before = Facility.objects.filter(pk=facility.pk).values().get()
    hours = [{"weekday": n % 7, "opens": "09:00", "closes": "18:00"} for n in range(8)]
    url = f"/api/v1/facilities/{facility.pk}/"
    response = api_as(operator).patch(url, {"hours": hours}, format="json")
    assert response.status_code == 400
    assert response.json()["error_codes"] == {"hours": ["max_length"]}
    assert Facility.objects.filter(pk=facility.pk).values().get() == before
