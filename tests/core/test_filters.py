"""Every id filter of every API list is bounded: an id past 2^63, a float or a word is a 400
problem+json naming the filter, on both databases (it was an OverflowError, a 500)."""

import django_filters
import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from innocluster.core.filters import ID_MAX, IdFilter, IntegerFilter

from ..factories import member_of


def _api_lists(patterns=None, prefix=""):
    """(path, view class) of every API list without path arguments that has a FilterSet."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _api_lists(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            cls = getattr(entry.callback, "cls", None)
            actions = getattr(entry.callback, "actions", None) or {}
            if cls is None or actions.get("get") != "list" or "<" in route or "(?P" in route:
                continue
            if getattr(cls, "filterset_class", None) and route.startswith("api/"):
                yield "/" + route.replace("^", "").replace("$", "").replace("\\Z", ""), cls


def _number_filters(filterset_class):
    return [
        name
        for name, filter_ in filterset_class.base_filters.items()
        if isinstance(filter_, django_filters.NumberFilter)
    ]


LISTS = sorted(set(_api_lists()), key=lambda item: item[0])


def test_the_lists_are_found():
    paths = [path for path, _cls in LISTS]
    for expected in ("/api/v1/bookings/", "/api/v1/awards/", "/api/v1/ip-objects/"):
        assert expected in paths


@pytest.mark.parametrize(("path", "cls"), LISTS, ids=[path for path, _ in LISTS])
def test_every_number_filter_reads_a_bounded_whole_number(path, cls):
    for name in _number_filters(cls.filterset_class):
        filter_ = cls.filterset_class.base_filters[name]
        assert isinstance(filter_, IntegerFilter), f"{path} ?{name}: use core.filters.IdFilter"


ID_FILTERS = [
    (path, name)
    for path, cls in LISTS
    for name in _number_filters(cls.filterset_class)
    if isinstance(cls.filterset_class.base_filters[name], IdFilter)
]
WHOLE_NUMBERS = [
    (path, name)
    for path, cls in LISTS
    for name in _number_filters(cls.filterset_class)
    if (path, name) not in ID_FILTERS
]
HOSTILE = ["-2.5e253", "1e175", str(ID_MAX + 1), "2.5", "abc", "0"]


def test_the_id_filters_are_found():
    assert ("/api/v1/bookings/", "resource") in ID_FILTERS
    assert ("/api/v1/awards/", "year") in WHOLE_NUMBERS


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "name"),
    ID_FILTERS + WHOLE_NUMBERS,
    ids=[f"{p}?{n}" for p, n in ID_FILTERS + WHOLE_NUMBERS],
)
def test_a_number_out_of_range_is_a_400_naming_the_filter(api_as, organization, path, name):
    client = api_as(member_of(organization, "owner"))
    for value in HOSTILE:
        response = client.get(path, {name: value})
        assert response.status_code == 400, (path, name, value, response.content[:300])
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["error_codes"][name] in (["invalid"], ["min_value"], ["max_value"])


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "name"), ID_FILTERS, ids=[f"{p}?{n}" for p, n in ID_FILTERS])
def test_the_largest_id_is_a_list_of_nothing(api_as, organization, path, name):
    client = api_as(member_of(organization, "owner"))
    response = client.get(path, {name: str(ID_MAX)})
    assert response.status_code == 200
    assert response.json()["results"] == []


# Python takes an offset up to ±23:59; PostgreSQL refuses one past ±15:59 (the fuzzer's
# `starts_after=3543-02-08T16:08:37-22:03` was a 500 there). A time filter compares in UTC
# and takes the platform's years, as bodies do (core.fields.MomentField).
@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("3543-02-08T16:08:37-22:03", "max_value"),
        ("1900-01-01T00:00:00+00:00", "min_value"),
        ("2026-13-01T00:00:00", "invalid"),
    ],
)
def test_a_time_filter_out_of_range_is_a_400_naming_it(api_as, organization, value, code):
    response = api_as(member_of(organization)).get(
        "/api/v1/bookings/", {"starts_after": value, "starts_before": value}
    )
    assert response.status_code == 400
    assert response.json()["error_codes"] == {"starts_after": [code], "starts_before": [code]}


def test_a_time_filter_with_a_far_offset_is_the_same_instant(api_as, organization):
    response = api_as(member_of(organization)).get(
        "/api/v1/bookings/", {"starts_after": "2026-02-08T16:08:37-22:03"}
    )
    assert response.status_code == 200


def test_frozen_choices_are_shared_by_every_form_made_and_still_validate():
    """core/filters.FrozenChoices: a form's deep copy of its fields shares them (a job search
    copied about a thousand pairs per request), and they check values as a list would."""
    import copy

    from django import forms

    from innocluster.core.filters import AnyOfField, FrozenChoices

    choices = FrozenChoices([("a", "Альфа"), ("b", "Бета")])
    field = AnyOfField(choices=choices)
    copied = copy.deepcopy(field)
    assert copied.choices is choices and copied.widget.choices == [("a", "Альфа"), ("b", "Бета")]
    assert copied.clean(["b", ""]) == ["b"]
    with pytest.raises(forms.ValidationError) as refused:
        copied.clean(["c"])
    assert refused.value.code == "invalid_choice"
    assert 'value="a"' in copied.widget.render("x", ["a"]) and "Бета" in copied.widget.render(
        "x", []
    )
