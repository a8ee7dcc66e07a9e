"""core/formrender.py: every label and widget it draws in Python is, byte for byte, what
Django's templates draw, escaping, localizing and odd attributes included; what it does not
draw goes to the templates."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from innocluster.core.formrender import FormRenderer

ODD = "a\"<b>&'c"


class EveryWidget(forms.Form):
    text = forms.CharField(label=gettext_lazy("Status"), max_length=20, help_text="help")
    odd = forms.CharField(
        label=mark_safe("<b>safe</b>"),
        required=False,
        widget=forms.TextInput(
            attrs={"placeholder": ODD, "autofocus": True, "hidden": False, "data-n": 1234567}
        ),
    )
    number = forms.IntegerField(label=ODD)
    amount = forms.DecimalField(required=False)
    day = forms.DateField(required=False)
    moment = forms.DateTimeField(required=False)
    mail = forms.EmailField(required=False, widget=forms.EmailInput(attrs={"class": "x y"}))
    secret = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(required=False, widget=forms.HiddenInput)
    agree = forms.BooleanField(required=False)
    kind = forms.ChoiceField(
        choices=[("", "—"), ("a", gettext_lazy("Status")), (ODD, ODD), ("n", 1500)],
        required=False,
    )
    grouped = forms.ChoiceField(
        choices=[
            ("", "any"),
            (gettext_lazy("Status"), [("x", "X"), ("y", mark_safe("<i>Y</i>"))]),
            ("Plain & <group>", [("z", "Z")]),
            ("w", "W"),
        ],
        required=False,
    )
    many = forms.MultipleChoiceField(choices=[("1", "one"), ("2", "two"), ("3", "3 < 4")])
    empty = forms.ChoiceField(choices=[], required=False)
    search = forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "search"}))
    # Widgets drawn by their templates, labels by the renderer (a label without a `for`)
    radio = forms.ChoiceField(choices=[("a", "A"), ("b", ODD)], widget=forms.RadioSelect)
    boxes = forms.MultipleChoiceField(
        choices=[("a", "A")], required=False, widget=forms.CheckboxSelectMultiple
    )


DATA = {
    "text": ODD,
    "number": "-1500",
    "amount": "1234.5",
    "day": "2026-03-08",
    "moment": "2026-03-05 23:30",
    "mail": "not an address",
    "secret": "s<e>cret",
    "hidden": ODD,
    "agree": "on",
    "kind": ODD,
    "grouped": "y",
    "many": ["1", "3"],
}
INITIAL = {
    "number": 1234567,
    "amount": Decimal("1234.50"),
    "day": datetime.date(2026, 3, 8),
    "moment": datetime.datetime(2026, 3, 5, 23, 30, tzinfo=datetime.UTC),
    "kind": "n",
    "many": ["2"],
    "odd": ("a", 1),
}


def drawn(form_class, renderer, **kwargs) -> list[str]:
    form = form_class(renderer=renderer, **kwargs)
    parts = []
    for field in form:
        parts += [str(field), field.label_tag(), field.legend_tag(), field.label_tag(tag="span")]
        parts.append(field.label_tag(contents=ODD, attrs={"class": "c", "data-on": True}))
    return parts


@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize(
    "kwargs", [{}, {"data": DATA}, {"initial": INITIAL}, {"auto_id": False}], ids=str
)
def test_every_widget_is_what_the_templates_drew(language, kwargs):
    with translation.override(language):
        assert drawn(EveryWidget, FormRenderer(), **kwargs) == drawn(
            EveryWidget, DjangoTemplates(), **kwargs
        )


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_review_queues_filters_are_what_the_templates_drew(language):
    from innocluster.platform.reviews.filters import CaseQueueFilterSet

    for data in ({}, {"kind": "moon", "status": ["submitted", "x"], "q": ODD}):
        with translation.override(language):
            form = CaseQueueFilterSet(data).form
            ours = [str(field) + field.label_tag() for field in form]
            form.renderer = DjangoTemplates()
            assert ours == [str(field) + field.label_tag() for field in form]


def test_what_it_draws_it_draws_without_a_template(monkeypatch):
    def refuse(self, template_name, context, request=None):
        raise AssertionError(f"{template_name} went to a template")

    html = drawn(EveryWidget, FormRenderer(), data=DATA)  # the templates found once, first
    monkeypatch.setattr(DjangoTemplates, "render", refuse)
    form = EveryWidget(renderer=FormRenderer(), data=DATA)
    for name in set(EveryWidget.base_fields) - {"radio", "boxes"}:
        assert str(form[name]) in html and form[name].label_tag() in html


def test_a_template_it_does_not_draw_goes_to_the_templates():
    radio = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)
    form = type("Radio", (forms.Form,), {"radio": radio})
    html = str(form(renderer=FormRenderer())["radio"])
    assert html == str(form(renderer=DjangoTemplates())["radio"]) and 'type="radio"' in html


def test_an_option_of_another_template_goes_to_the_templates():
    class Fancy(forms.Select):
        option_template_name = "django/forms/widgets/input.html"  # any other template

    field = forms.ChoiceField(choices=[("a", "A")], widget=Fancy)
    form = type("Fancy", (forms.Form,), {"fancy": field})
    html = str(form(renderer=FormRenderer())["fancy"])
    assert html == str(form(renderer=DjangoTemplates())["fancy"]) and "<input" in html


def test_the_site_draws_its_forms_so(settings):
    from django.forms.renderers import get_default_renderer

    get_default_renderer.cache_clear()
    assert isinstance(get_default_renderer(), FormRenderer)
