"""The support catalogue's cards drawn in Python (issue 18; support/templatetags/support_tags.py
`measure_cards`): the very bytes the template's loop and its include of the application
windows drew, in both languages, with windows open, closed and to come, none at all, texts
escaped, and the line for no measure."""

import datetime as dt

import pytest

from innocluster.core.calendar import moscow_date
from innocluster.features.support.models import Call, Measure
from tests.drawn import both_ways

# The loop the tag replaces (support/includes/catalogue_results.html), as it was; the include
# is still the measure page's.
LOOP = (
    "{% for measure in page %}\n"
    '  <article class="card">\n'
    "    <h2><a href=\"{% url 'support:measure' measure.pk %}\">{{ measure.title }}</a></h2>\n"
    '    <p class="meta">{{ measure.get_level_display|capfirst }} · {{ measure.provider }}</p>\n'
    "    <p>{{ measure.summary }}</p>\n"
    '    {% include "support/includes/calls.html" %}\n'
    "  </article>\n"
    '  {% empty %}<p>{% translate "Nothing matches these filters." %}</p>{% endfor %}'
)


def with_calls(measure: Measure, *windows: tuple[int, int]) -> Measure:
    """`measure` with its calls prefetched, in order: each window (opens, closes) in days from
    today."""
    today = moscow_date()
    calls = [
        Call(pk=i, measure=measure, opens_on=today + dt.timedelta(days=opens),
             closes_on=today + dt.timedelta(days=closes))
        for i, (opens, closes) in enumerate(windows, start=1)
    ]  # fmt: skip
    measure._prefetched_objects_cache = {"calls": Call.objects.none()}
    measure._prefetched_objects_cache["calls"]._result_cache = calls
    return measure


def measures() -> list[Measure]:
    odd = Measure(
        pk=1, level="city", title_ru='<b>«Гранты & субсидии»</b> "Старт"', title_en="",
        provider="Фонд <содействия>", summary_ru="Расходы на «оборудование» & аренду",
        summary_en="Costs of <equipment> & leases",
    )  # fmt: skip
    plain = Measure(pk=1234567, level="institution", title_ru="Лизинг", title_en="Leasing",
                    provider="Фонд", summary_ru="", summary_en="")  # fmt: skip
    unknown = Measure(pk=3, level="moon", title_ru="Мера", provider="—", summary_ru="Кратко")
    return [
        with_calls(odd, (-400, -300), (-10, 10), (30, 60)),
        with_calls(plain, (0, 0)),
        with_calls(unknown),
    ]


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_cards_are_what_the_loop_drew(language):
    for page in (measures(), []):
        before, after = both_ways(
            "{% load i18n %}" + LOOP,
            "{% load support_tags %}{% measure_cards page %}",
            {"page": page},
            language,
        )
        assert after == before
    drawn = both_ways("", "{% load support_tags %}{% measure_cards page %}",
                      {"page": measures()}, language)[1]  # fmt: skip
    assert "&lt;b&gt;«Гранты &amp; субсидии»&lt;/b&gt; &quot;Старт&quot;" in drawn
    assert drawn.count('class="badge status-approved"') == 2
