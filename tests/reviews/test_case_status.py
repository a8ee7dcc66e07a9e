"""A case's status drawn in Python (issue 18; reviews/templatetags/review_tags.py): the very
bytes the template `reviews/includes/case_status.html` drew, which the pages included once per
row, for every state, in both languages."""

import datetime as dt

import pytest
from django.template import engines
from django.utils import timezone, translation

from innocluster.core.calendar import moscow_date
from innocluster.platform.reviews.models import Case
from tests.drawn import both_ways

# The template the tag replaces, as it was (its file ended with a newline).
TEMPLATE = (
    '{% load i18n %}<span class="badge status-{{ case.status }}">{{ case.get_status_display }}'
    '</span>{% if case.is_overdue %} <span class="badge overdue">{% translate "overdue" %}</span>'
    "{% endif %}\n"
    '{% if case.decided_at %}<span class="meta">{% blocktranslate with'
    ' day=case.decided_at|date:"SHORT_DATE_FORMAT" %}decided on {{ day }}{% endblocktranslate %}'
    '</span>{% elif case.decision_due and case.is_open %}<span class="meta">{% blocktranslate with'
    ' due=case.decision_due|date:"SHORT_DATE_FORMAT" %}decision due by {{ due }}'
    '{% endblocktranslate %}</span>{% elif case.status == "info_requested" %}<span class="meta">'
    "{% blocktranslate count days=case.paused_days_left|default:0 %}the clock is stopped with"
    " {{ days }} business day left{% plural %}the clock is stopped with {{ days }} business days"
    " left{% endblocktranslate %}</span>{% endif %}\n"
)

TODAY = moscow_date()
LATE_EVENING = timezone.make_aware(dt.datetime(2026, 3, 5, 23, 30), dt.UTC)  # the 6th in Moscow

CASES = {
    "draft": Case(status="draft"),
    "submitted, due": Case(status="submitted", decision_due=TODAY + dt.timedelta(days=3)),
    "in review, overdue": Case(status="in_review", decision_due=TODAY - dt.timedelta(days=1)),
    "resubmitted, overdue": Case(status="resubmitted", decision_due=TODAY - dt.timedelta(days=9)),
    "approved late in the evening": Case(status="approved", decided_at=LATE_EVENING),
    "rejected": Case(status="rejected", decided_at=timezone.now(), decision_due=TODAY),
    "withdrawn": Case(status="withdrawn"),
    "clock stopped, 1 day": Case(status="info_requested", paused_days_left=1),
    "clock stopped, 3 days": Case(status="info_requested", paused_days_left=3),
    "clock stopped, 5 days": Case(status="info_requested", paused_days_left=5),
    "clock stopped, 21 days": Case(status="info_requested", paused_days_left=21),
    "clock stopped, unknown": Case(status="info_requested"),
    "unknown status <b>": Case(status="<b>odd</b>"),
}


@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize("name", list(CASES))
def test_the_tag_draws_what_the_template_drew(language, name):
    tags = "{% load review_tags %}{% case_status case %}"
    before, after = both_ways(TEMPLATE, tags, {"case": CASES[name]}, language)
    assert after == before


def test_an_odd_value_is_escaped():
    with translation.override("en"):
        html = engines["django"].from_string("{% load review_tags %}{% case_status c %}")
        text = html.render({"c": CASES["unknown status <b>"]})
    assert "&lt;b&gt;odd&lt;/b&gt;" in text and "<b>" not in text


def test_the_stopped_clock_is_worded_in_russian_plurals():
    with translation.override("ru"):
        html = engines["django"].from_string("{% load review_tags %}{% case_status c %}")
        texts = [
            html.render({"c": CASES[f"clock stopped, {n} day" + ("s" if n > 1 else "")]})
            for n in (1, 3, 5)
        ]
    assert "остался 1 рабочий день" in texts[0]
    assert "осталось 3 рабочих дня" in texts[1]
    assert "осталось 5 рабочих дней" in texts[2]


def test_the_overdue_and_decided_badges_are_in_russian():
    """The messages are in the catalogue (makemessages reads no f-string: a comparison with the
    template alone passed while both said "overdue" on a Russian page)."""
    with translation.override("ru"):
        html = engines["django"].from_string("{% load review_tags %}{% case_status c %}")
        overdue = html.render({"c": CASES["in review, overdue"]})
        decided = html.render({"c": CASES["approved late in the evening"]})
        due = html.render({"c": CASES["submitted, due"]})
    assert ">просрочена<" in overdue and ">overdue<" not in overdue
    assert "решение принято 06.03.2026" in decided.lower()
    assert "срок решения" in due and "decision due" not in due
