"""core/markup.py: a value printed by Python-drawn tags as the template prints it."""

import datetime
from decimal import Decimal

import pytest
from django.template import engines
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from innocluster.core.markup import template_escape

VALUES = [
    "plain",
    "a\"<b>&'c",
    mark_safe("<b>safe</b>"),
    gettext_lazy("Status"),
    1234567,
    -1500,
    Decimal("1234.50"),
    2.5,
    True,
    None,
    datetime.date(2026, 3, 8),
]


@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_a_value_is_what_the_template_prints(language, value):
    with translation.override(language):
        printed = engines["django"].from_string("{{ value }}").render({"value": value})
        assert template_escape(value) == printed


def test_text_is_escaped_and_safe_text_kept():
    assert template_escape("<i>&") == "&lt;i&gt;&amp;"
    assert template_escape(mark_safe("<i>")) == "<i>"
