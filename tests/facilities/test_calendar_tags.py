"""A resource's week drawn in Python (issue 18; facilities/templatetags/calendar_tags.py): the
very bytes the template's loops drew, in both languages, for every state of a slot."""

import datetime as dt

import pytest

from innocluster.features.facilities.availability import Day, Slot
from innocluster.features.facilities.timeutil import at_moscow
from tests.drawn import both_ways

# The loops the tags replace (facilities/resource.html), as they were.
LOOPS = (
    '  <div class="day-tabs" role="group" aria-label="{% translate \'Day of the week\' '
    '%}">{% for day in days %}\n'
    '    <button type="button" data-day-tab aria-controls="calendar-day-{{ forloop.co'
    'unter }}" aria-pressed="false"><span>{{ day.date|date:"D" }}</span> {{ day.date|'
    'date:"d.m" }}</button>{% endfor %}\n'
    "  </div>\n"
    '  <div class="calendar">{% for day in days %}\n'
    '    <div class="day" id="calendar-day-{{ forloop.counter }}"><h3>{{ day.date|dat'
    'e:"D d.m" }}</h3>\n'
    "      {% if day.is_open %}<ul>{% for slot in day.slots %}<li>\n"
    '        {% if slot.state == "free" %}<button type="button" class="slot free" dat'
    'a-slot-day="{{ day.date|date:\'Y-m-d\' }}" data-slot-start="{{ slot.starts_at|time'
    ":'H:i' }}\" data-slot-end=\"{{ slot.ends_at|time:'H:i' }}\">{{ slot.starts_at|time:"
    '"H:i" }} {% translate "open" context "a slot one may book" %}{% if resource.capa'
    "city > 1 %} ({{ slot.places_left }}){% endif %}</button>\n"
    '        {% elif slot.state == "taken" %}<span class="slot taken">{{ slot.starts_'
    'at|time:"H:i" }} {% translate "taken" %}</span>\n'
    '        {% elif slot.state == "blackout" %}<span class="slot blackout">{{ slot.s'
    'tarts_at|time:"H:i" }} {% translate "closed" %}</span>\n'
    '        {% else %}<span class="slot past">{{ slot.starts_at|time:"H:i" }}</span>'
    "{% endif %}\n"
    '      </li>{% endfor %}</ul>{% else %}<p class="meta">{% translate "Closed" %}</'
    "p>{% endif %}\n"
    "    </div>{% endfor %}\n"
    "  </div>\n"
)
TAGS = (
    '  <div class="day-tabs" role="group" aria-label="{% translate \'Day of the week\' %}">'
    "{% day_tabs days %}\n"
    "  </div>\n"
    '  <div class="calendar">{% calendar_days days resource %}\n'
    "  </div>\n"
)


class Resource:
    def __init__(self, capacity):
        self.capacity = capacity


def a_week() -> list[Day]:
    monday = dt.date(2026, 12, 7)

    def slot(day, hour, state, left):
        start = at_moscow(day, dt.time(hour))
        return Slot(start, start + dt.timedelta(hours=1), state, left)

    days = [
        Day(
            monday,
            dt.time(9),
            dt.time(14),
            [
                slot(monday, 9, "past", 0),
                slot(monday, 10, "free", 3),
                slot(monday, 11, "taken", 0),
                slot(monday, 12, "blackout", 1),
                slot(monday, 13, "free", 1200),
            ],
        ),
        Day(monday + dt.timedelta(days=1), None, None, []),
    ]
    sunday = monday + dt.timedelta(days=6)
    days.append(Day(sunday, dt.time(23), None, [slot(sunday, 23, "free", 1)]))
    return days


@pytest.mark.parametrize("capacity", [1, 4])
@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_week_is_what_the_loops_drew(language, capacity):
    context = {"days": a_week(), "resource": Resource(capacity)}
    before, after = both_ways(
        "{% load i18n %}" + LOOPS, "{% load i18n calendar_tags %}" + TAGS, context, language
    )
    assert after == before
    assert 'data-slot-start="23:00"' in after  # Moscow time, whatever the server's zone


def test_the_equipment_page_shows_its_week(client, room):
    page = client.get(f"/en/facilities/resources/{room.pk}/").content.decode()
    assert page.count('<div class="day" id="calendar-day-') == 7
    assert 'data-day-tab aria-controls="calendar-day-7"' in page
