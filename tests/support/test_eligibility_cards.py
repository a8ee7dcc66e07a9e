""" "Measures for me"'s cards and a measure's criteria list drawn in Python (issue 18;
support/templatetags/support_tags.py `eligibility_cards`, `eligibility_checks`): the very
bytes the templates they replace drew, in both languages, with criteria met and unmet, with
and without a detail or a step, windows open, to come or none, texts escaped, the button to
apply and the line for no measure."""

import datetime as dt

import pytest
from django.template import engines

from innocluster.core.calendar import moscow_date
from innocluster.features.support.eligibility import Check, Eligibility
from innocluster.features.support.models import Call, Measure
from innocluster.platform.organizations.models import Organization
from tests.drawn import both_ways

# The templates the tags replace, as they were: support/includes/eligibility.html, and the
# loop of "measures for me" (support/for_me.html) over support/includes/for_me_item.html.
CHECKS = (
    "{% load i18n %}{# One organization against one measure: each criterion met or not, and the "
    "step to take. #}\n"
    '<ul class="plain checks">\n'
    "  {% for check in found.checks %}\n"
    '  <li class="{% if check.met %}met{% else %}unmet{% endif %}"><span aria-hidden="true">'
    "{% if check.met %}✓{% else %}✗{% endif %}</span>\n"
    '    <span class="visually-hidden">{% if check.met %}{% translate "met:" %}{% else %}'
    '{% translate "not met:" %}{% endif %}</span>\n'
    '    {{ check.requirement }}{% if check.detail %} <span class="meta">({{ check.detail }})'
    "</span>{% endif %}\n"
    '    {% if not check.met and check.step %} — <a href="{{ check.step_url }}">{{ check.step }}'
    "</a>{% endif %}\n"
    "  </li>\n"
    "  {% endfor %}\n"
    '  <li class="{% if found.open_call %}met{% else %}unmet{% endif %}"><span aria-hidden="true">'
    "{% if found.open_call %}✓{% else %}✗{% endif %}</span>\n"
    '    {% if found.open_call %}{% blocktranslate with closes=found.open_call.closes_on|date:"j E '
    'Y" %}Applications are accepted until {{ closes }}{% endblocktranslate %}\n'
    '    {% elif found.next_call %}{% blocktranslate with opens=found.next_call.opens_on|date:"j E'
    ' Y" %}Applications are not accepted now; the next window opens on {{ opens }}'
    "{% endblocktranslate %}\n"
    '    {% else %}{% translate "Applications are not accepted now" %}{% endif %}\n'
    "  </li>\n"
    "</ul>\n"
)
CARD = (
    '{% load i18n %}<article class="card">\n'
    "  <h3><a href=\"{% url 'support:measure' found.measure.pk %}\">{{ found.measure.title }}"
    "</a></h3>\n"
    '  <p class="meta">{{ found.measure.summary|truncatewords:30 }}</p>\n'
    "  {% include checks %}\n"
    '  {% if apply %}<form method="post" action="{% url \'support:apply\' found.measure.pk '
    'organization.pk %}" class="inline">{% csrf_token %}<button type="submit" class="button">'
    '{% translate "Start an application" %}</button></form>{% endif %}\n'
    "</article>\n"
)
LOOP = (
    "{% load i18n %}{% for found in found_list %}{% include card with apply=True %}{% empty %}"
    '<p>{% translate "No measure fits right now." %}</p>{% endfor %}'
)
TAG = (
    "{% load i18n support_tags %}{% if found_list %}{% eligibility_cards found_list apply=True %}"
    '{% else %}<p>{% translate "No measure fits right now." %}</p>{% endif %}'
)


def call(opens: int, closes: int) -> Call:
    today = moscow_date()
    return Call(opens_on=today + dt.timedelta(days=opens), closes_on=today + dt.timedelta(closes))


def found_list() -> list[Eligibility]:
    odd = Measure(pk=1, title_ru='<b>«Гранты & субсидии»</b> "Старт"', title_en="",
                  summary_ru=" ".join(f"слово{i} <&>" for i in range(40)),
                  summary_en="Costs of <equipment> & leases")  # fmt: skip
    plain = Measure(pk=1234567, title_ru="Лизинг", title_en="Leasing", summary_ru="")
    checks = [
        Check("applicant_kind", "Заявитель: <ЮЛ> & ИП", True, "ЮЛ «Рога»"),
        Check(
            "status",
            "Статус участника",
            False,
            "нет статуса",
            step="Подать <заявку>",
            step_url="/participation/?a=1&b=2",
        ),  # fmt: skip
        Check("region", "Регион: 77", False, ""),
        Check("sme", "МСП", False, "не указано", step="", step_url=""),
    ]
    return [
        Eligibility(measure=odd, checks=checks, open_call=call(-5, 5), next_call=call(30, 60)),
        Eligibility(measure=plain, checks=checks[:1], next_call=call(30, 60)),
        Eligibility(measure=plain, checks=[]),
    ]


def templates() -> dict:
    engine = engines["django"]
    checks = engine.from_string(CHECKS).template
    return {"checks": checks, "card": engine.from_string(CARD).template}


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_cards_are_what_the_loop_drew(language):
    organization = Organization(pk=77, short_name="ООО")
    for page in (found_list(), []):
        context = {"found_list": page, "organization": organization, "csrf_token": "t<k>n"}
        before, after = both_ways(LOOP, TAG, {**context, **templates()}, language)
        assert after == before
        assert ("t&lt;k&gt;n" in after) == bool(page)  # the token, escaped, in each form


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_checks_are_what_the_include_drew(language):
    for found in found_list():
        before, after = both_ways(
            "{% include checks %}",
            "{% load support_tags %}{% eligibility_checks found %}",
            {"found": found, **templates()},
            language,
        )
        assert after == before
