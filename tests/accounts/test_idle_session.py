"""An idle session is signed out (ASVS 7.3.1); fund staff's sooner (issue 17)."""

import time

import pytest
from django.urls import reverse

from innocluster.platform.accounts.middleware import LAST_SEEN
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _idle_for(client, seconds):
    session = client.session
    session[LAST_SEEN] = int(time.time()) - seconds
    session.save()


def _signed_in(client):
    client.get(reverse("dashboard"))
    return "_auth_user_id" in client.session


def test_a_session_idle_longer_than_the_timeout_is_signed_out(client, settings):
    client.force_login(UserFactory())
    assert _signed_in(client)
    _idle_for(client, settings.SESSION_IDLE_TIMEOUT + 5)

    response = client.get(reverse("dashboard"), follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session
    assert any("without activity" in str(m) for m in response.context["messages"])


def test_activity_keeps_the_session(client, settings):
    client.force_login(UserFactory())
    assert _signed_in(client)
    _idle_for(client, settings.SESSION_IDLE_TIMEOUT - 60)
    assert client.get(reverse("dashboard")).status_code == 200
    # the request counted as activity: the clock starts again
    assert int(time.time()) - client.session[LAST_SEEN] < 5


def test_fund_staff_are_signed_out_sooner(client, settings):
    assert settings.SESSION_IDLE_TIMEOUT_STAFF < settings.SESSION_IDLE_TIMEOUT
    idle = settings.SESSION_IDLE_TIMEOUT_STAFF + 60
    person, reviewer = UserFactory(), UserFactory(staff_role="reviewer")
    client.force_login(person)
    assert _signed_in(client)
    _idle_for(client, idle)
    assert _signed_in(client)

    client.force_login(reviewer)
    assert _signed_in(client)
    _idle_for(client, idle)
    assert not _signed_in(client)


def test_the_timeouts_are_settings(client, settings):
    settings.SESSION_IDLE_TIMEOUT = 120
    client.force_login(UserFactory())
    assert _signed_in(client)
    _idle_for(client, 121)
    assert not _signed_in(client)


def test_an_idle_session_is_not_accepted_by_the_api(client, settings):
    client.force_login(UserFactory())
    assert client.get("/api/v1/me").status_code == 200
    _idle_for(client, settings.SESSION_IDLE_TIMEOUT + 5)
    assert client.get("/api/v1/me").status_code in (401, 403)
