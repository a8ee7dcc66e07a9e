"""Rendering made cheap without changing a byte (issue 18): the filter panel's checkboxes drawn
in Python (core/templatetags/catalogue_tags.py) and `get_FOO_display` reading a table built
once per field (core/displays.py)."""

import pytest
from django.db import models
from django.template import engines
from django.utils import translation
from django.utils.safestring import mark_safe

from innocluster.core import displays
from innocluster.core.facets import Facet, FacetValue
from innocluster.platform.organizations.models import Organization
from innocluster.platform.status.models import Status

# What filter_panel.html drew in a loop before: the filter must draw the very same markup.
TEMPLATE_LOOP = (
    "{% load humanize %}{% for v in facet.values %}\n"
    '        <li><input type="checkbox" name="{{ facet.name }}" value="{{ v.value }}"'
    ' id="facet-{{ facet.name }}-{{ v.value|slugify }}"{% if v.selected %} checked{% endif %}>\n'
    '          <label for="facet-{{ facet.name }}-{{ v.value|slugify }}">{{ v.label }}'
    '{% if v.count is not None %} <span class="count">{{ v.count|intcomma }}</span>{% endif %}'
    "</label></li>\n"
    "      {% endfor %}"
)


def facet(count=1234567, **overrides) -> Facet:
    values = [
        FacetValue(value="77", label="Москва", count=count, selected=True),
        FacetValue(value='a"<b>&c', label="<script>x</script> & «ёлка»", count=0, selected=False),
        FacetValue(value="Уфа Юг", label=mark_safe("<b>safe</b>"), count=count, selected=False),
    ]
    return Facet(name=overrides.get("name", "region"), label="Регион", values=values)


@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize("count", [1234567, None, 0, 999, 1000, -1500])
def test_the_facet_options_are_the_markup_the_template_loop_drew(language, count):
    engine = engines["django"]
    context = {"facet": facet(count)}
    with translation.override(language):
        before = engine.from_string(TEMPLATE_LOOP).render(context)
        after = engine.from_string("{% load catalogue_tags %}{{ facet|facet_options }}").render(
            context
        )
    assert after == before
    assert "&lt;script&gt;" in after  # escaped, as the template escaped it
    assert "<b>safe</b>" in after  # and what is marked safe kept as it is


def test_a_count_is_grouped_as_the_language_writes_it():
    engine = engines["django"]
    with translation.override("ru"):
        text = engine.from_string("{% load catalogue_tags %}{{ f|facet_options }}").render(
            {"f": facet(35000)}
        )
    assert '<span class="count">35\xa0000</span>' in text


def test_a_display_is_the_label_in_the_language_of_the_moment():
    organization = Organization(org_type="it_company")
    with translation.override("en"):
        assert organization.get_org_type_display() == "IT company"
    with translation.override("ru"):
        assert organization.get_org_type_display() == "ИТ-компания"
    # and an unknown value shows as it is, as Django's own does
    assert Organization(org_type="no_such").get_org_type_display() == "no_such"


def test_every_models_displays_read_the_table():
    for model, name in ((Organization, "org_type"), (Status, "kind"), (Status, "state")):
        bound = model.__dict__[f"get_{name}_display"]
        assert bound.func is displays.get_field_display


def test_a_display_follows_choices_replaced_on_the_field():
    field = Organization._meta.get_field("org_type")
    saved = field.choices
    try:
        field.choices = [("it_company", "first")]
        assert Organization(org_type="it_company").get_org_type_display() == "first"
        field.choices = [("it_company", "second")]
        assert Organization(org_type="it_company").get_org_type_display() == "second"
    finally:
        field.choices = saved


def test_callable_choices_are_read_on_every_call():
    calls = []

    def choices():
        calls.append(1)
        return [("a", f"label {len(calls)}")]

    field = models.CharField(choices=choices)
    field.attname = "x"

    class Row:
        x = "a"

    assert displays.get_field_display(Row(), field) == "label 1"
    assert displays.get_field_display(Row(), field) == "label 2"
