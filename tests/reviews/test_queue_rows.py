"""The reviewers' queue's rows drawn in Python (issue 18; reviews/templatetags/review_tags.py
`queue_rows`): the very bytes the template's loop drew, in both languages, for a case of an
organization and of a person, taken or not, submitted or not, names escaped."""

import datetime as dt

import pytest
from django.utils import timezone

from innocluster.core.calendar import moscow_date
from innocluster.platform.accounts.models import User
from innocluster.platform.organizations.models import Organization
from innocluster.platform.reviews.models import Case
from tests.drawn import both_ways

# The loop the tag replaces (reviews/queue.html), as it was.
LOOP = (
    "{% for case in page %}\n"
    '        <tr{% if case.is_overdue %} class="overdue"{% endif %}>\n'
    '          <td class="nowrap"><a href="{% url \'reviews:case\' case.pk %}">{{ case.'
    "number }}</a></td>\n"
    "          <td>{% if case.organization %}{{ case.organization.short_name }}<br><s"
    'pan class="meta">{% translate "INN" %} {{ case.organization.inn }}</span>{% else'
    ' %}{{ case.applicant_name }}<br><span class="meta">{% translate "in person" %}</'
    "span>{% endif %}</td>\n"
    "          <td>{% case_status case %}</td>\n"
    '          <td>{% if case.submitted_at %}<time datetime="{{ case.submitted_at|dat'
    'e:\'c\' }}">{{ case.submitted_at|date:"SHORT_DATE_FORMAT" }}</time>{% endif %}</td'
    ">\n"
    '          <td>{{ case.reviewer.full_name|default:"—" }}</td>\n'
    "        </tr>{% endfor %}"
)

LATE_EVENING = timezone.make_aware(dt.datetime(2026, 3, 5, 23, 30), dt.UTC)  # the 6th in Moscow


def cases() -> list[Case]:
    odd = Organization(pk=7, short_name='<b>«Рога & копыта»</b> "ООО"', inn="7707083893")
    plain = Organization(pk=1234567, short_name="ООО Тест", inn="500100732259")
    reviewer, nameless = User(pk=3, full_name="Анна <Ревизор>"), User(pk=4, full_name="")
    person = User(pk=5, full_name="", email="solo@example.ru")
    late = moscow_date() - dt.timedelta(days=2)
    return [
        Case(pk=1, kind="participation.status", status="submitted", organization=odd,
             submitted_at=LATE_EVENING, decision_due=late),
        Case(pk=22, kind="support.grant", status="in_review", organization=plain,
             reviewer=reviewer, submitted_at=timezone.now(), decision_due=moscow_date()),
        Case(pk=333, kind="participation.status", status="info_requested", person=person,
             reviewer=nameless, submitted_at=LATE_EVENING, paused_days_left=3),
        Case(pk=4444, kind="support.grant", status="approved", organization=plain,
             decided_at=LATE_EVENING),
    ]  # fmt: skip


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_rows_are_what_the_loop_drew(language):
    before, after = both_ways(
        "{% load i18n review_tags %}" + LOOP,
        "{% load review_tags %}{% queue_rows page %}",
        {"page": cases()},
        language,
    )
    assert after == before
    assert "&lt;b&gt;«Рога &amp; копыта»&lt;/b&gt; &quot;ООО&quot;" in after
    assert '<tr class="overdue">' in after
    assert "—" in after  # no reviewer, or one without a name
