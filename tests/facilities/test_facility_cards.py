"""The facilities catalogue's cards drawn in Python (issue 18; facilities/templatetags/
facility_tags.py): the very bytes the template's loop drew, in both languages, names escaped,
and its line for no facility."""

import pytest

from innocluster.features.facilities.models import Facility
from tests.drawn import both_ways

# The loop the tag replaces (facilities/includes/results.html), as it was.
LOOP = (
    "{% for facility in page %}\n"
    '    <li class="card">\n'
    '      <a class="card-link" href="{% url \'facilities:detail\' facility.pk %}">{{ f'
    "acility.name }}</a>\n"
    '      <p class="meta">{{ facility.get_kind_display }} · {{ facility.region_name '
    "}}</p>\n"
    '      <p class="meta">{{ facility.address }}</p>\n'
    "    </li>\n"
    '  {% empty %}<li>{% translate "Nothing matches these filters." %}</li>{% endfor '
    "%}"
)


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_cards_are_what_the_loop_drew(language):
    facilities = [
        Facility(pk=1, name='<b>«Рога & копыта»</b> "Парк"', kind="coworking", region="77",
                 address="Москва, ул. Тверская, д. 1 <корп. 2>"),
        Facility(pk=1234567, name="Лаборатория", kind="moon", region="50", address=""),
    ]  # fmt: skip
    for page in (facilities, []):
        before, after = both_ways(
            "{% load i18n %}" + LOOP,
            "{% load facility_tags %}{% facility_cards page %}",
            {"page": page},
            language,
        )
        assert after == before
