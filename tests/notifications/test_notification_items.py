"""A page of notifications drawn in Python (issue 18; notifications/templatetags/
notification_tags.py): the very bytes the template's loop drew, in both languages, read and
unread, with and without a link, titles, bodies and the page's address escaped as it escaped
them, times in Moscow's."""

import datetime as dt

import pytest
from django.test import RequestFactory

from innocluster.platform.notifications.kinds import NotificationKind, register
from innocluster.platform.notifications.models import Notification
from tests.drawn import both_ways
from tests.factories import UserFactory

from .helpers import GREETING, PLAIN, send

pytestmark = pytest.mark.django_db

# The loop the tag replaces (notifications/list.html), as it was.
LOOP = (
    "{% for notification in page %}{% with title=notification.title body=notification.body li"
    'nk=notification.link %}\n  <li class="notification{% if not notification.is_read %} unrea'
    'd{% endif %}">\n    <h2 class="notification-title" id="notification-{{ notification.pk }}'
    '">\n      {% if not notification.is_read %}<span class="badge">{% translate "New" %}</spa'
    'n>{% endif %}\n      {{ title }}\n    </h2>\n    {% if body %}<p class="notification-body">'
    '{{ body|linebreaksbr }}</p>{% endif %}\n    <p class="meta"><time datetime="{{ notificati'
    'on.created_at|date:\'c\' }}">{{ notification.created_at|date:"DATETIME_FORMAT" }}</time></'
    'p>\n    {% if link or not notification.is_read %}\n    <form method="post" action="{% url '
    '\'notifications:open\' notification.pk %}">{% csrf_token %}\n      <input type="hidden" nam'
    'e="next" value="{{ request.get_full_path }}">\n      <button type="submit" class="button '
    'small{% if not link %} secondary{% endif %}" aria-describedby="notification-{{ notificat'
    'ion.pk }}">{% if link %}{% translate "Open" %}{% else %}{% translate "Mark as read" %}{%'
    " endif %}</button>\n    </form>\n    {% endif %}\n  </li>\n  {% endwith %}{% endfor %}"
)

LINES = register(
    NotificationKind(code="test.lines", title="<b>{who}</b> & co", body="One & <two>\nthree {who}")
)


@pytest.fixture
def notifications():
    person = UserFactory()
    send([person], context={"organization": '<i>«Рога & копыта»</i> "ООО"', "due": "2026-01-20"})
    send([person], kind=PLAIN.code, url="/reviews/12/")
    send([person], kind=PLAIN.code)
    send([person], kind=LINES.code, context={"who": "<Анна>"}, url="/en/support/3/")
    read = send([person], kind=GREETING.code, url="/support/")[0]
    Notification.objects.filter(pk=read.pk).update(
        read_at=read.created_at, created_at=dt.datetime(2026, 3, 1, 21, 30, tzinfo=dt.UTC)
    )
    read_without_link = send([person], kind=PLAIN.code)[0]
    Notification.objects.filter(pk=read_without_link.pk).update(read_at=dt.datetime.now(dt.UTC))
    return list(Notification.objects.filter(recipient=person).order_by("-created_at", "-pk"))


@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize("token", ["tok<en>", "NOTPROVIDED", ""])
# Django's own {% csrf_token %} warns of itself when no token was provided
@pytest.mark.filterwarnings("ignore:Calling format_html:DeprecationWarning")
def test_the_items_are_what_the_loop_drew(notifications, language, token):
    request = RequestFactory().get("/notifications/", {"unread": "", "q": '<"x">&'})
    context = {"page": notifications, "request": request, "csrf_token": token}
    before, after = both_ways(
        "{% load i18n %}" + LOOP,
        "{% load notification_tags %}{% notification_items page %}",
        context,
        language,
    )
    assert after == before
    assert "&lt;i&gt;«Рога &amp; копыта»&lt;/i&gt; &quot;ООО&quot;" in after
    assert "One &amp; &lt;two&gt;<br>three" in after
