import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from innocluster.core.models import AuditEvent
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _login(client, email, password):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def test_log_in_and_out(client):
    user = UserFactory()
    assert _login(client, user.email, PASSWORD).status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("dashboard")).status_code == 302
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert "auth.login" in actions and "auth.logout" in actions


def test_repeated_failed_logins_are_throttled(client, settings):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, user.email, "wrong-password").status_code == 200
    assert _login(client, user.email, "wrong-password").status_code == 429
    # Even the right password is refused while the lock lasts.
    response = _login(client, user.email, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert (
        AuditEvent.objects.filter(action="auth.login_failed").count() >= settings.AXES_FAILURE_LIMIT
    )


def test_password_reset_by_email_revokes_api_tokens(client, settings):
    from innocluster.platform.accounts.services import api_token_create

    user = UserFactory()
    token, _raw = api_token_create(user=user, name="maybe the intruder's")
    client.post(reverse("accounts:password_reset"), {"email": user.email})
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    assert link.startswith(settings.SITE_URL)
    path = "/" + link.split("/", 3)[3]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "a-new-long-secret-7", "new_password2": "a-new-long-secret-7"}
    )
    assert response.status_code == 302
    assert _login(Client(), user.email, "a-new-long-secret-7").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(action="user.password_reset", actor=user).exists()


def test_change_password(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-secret-8",
            "new_password2": "another-long-secret-8",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("another-long-secret-8")
    assert AuditEvent.objects.filter(action="user.password_changed", actor=user).exists()


def test_edit_profile_is_audited(client):
    user = UserFactory(full_name="Old Name")
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"),
        {"full_name": "Новое Имя", "position": "CTO", "phone": "", "language": "en"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.full_name, user.language) == ("Новое Имя", "en")
    event = AuditEvent.objects.get(action="user.profile_updated")
    assert event.changes["full_name"] == {"from": "Old Name", "to": "Новое Имя"}


def test_a_profile_phone_no_one_can_call_is_refused(client):
    user = UserFactory(phone="")
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"),
        {"full_name": "Имя", "position": "", "phone": "call me", "language": "en"},
    )
    assert response.status_code == 400
    assert response.context["form"].has_error("phone", "invalid_phone")
    user.refresh_from_db()
    assert user.phone == ""


def test_a_post_without_csrf_token_is_refused():
    user = UserFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(reverse("accounts:profile"), {"full_name": "X", "language": "ru"})
    assert response.status_code == 403
    user.refresh_from_db()
    assert user.full_name != "X"


def test_changing_the_password_revokes_api_tokens_and_says_so(client, api):
    from innocluster.platform.accounts.services import api_token_create

    user = UserFactory()
    token, raw = api_token_create(user=user, name="CI")
    client.force_login(user)
    profile = client.get(reverse("accounts:profile"))
    assert 'id="tokens-and-password"' in profile.content.decode()

    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-secret-8",
            "new_password2": "another-long-secret-8",
        },
        follow=True,
    )

    token.refresh_from_db()
    assert token.revoked_at is not None
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.get("/api/v1/me").status_code == 401
    shown = [str(m) for m in response.context["messages"]]
    assert any("revoked" in m for m in shown)
    event = AuditEvent.objects.get(action="user.password_changed", actor=user)
    assert event.changes["tokens_revoked"] == 1


def test_password_spraying_from_one_address_is_throttled_across_accounts(client, settings):
    # Given: one wrong password tried once on each of many accounts (axes never locks one)
    limit = int(settings.RATE_LIMITS["sign_in"].split("/")[0])
    people = UserFactory.create_batch(limit + 1)
    for person in people[:limit]:
        assert _login(client, person.email, "Summer2026!").status_code == 200
    # Then: the next attempt from that address is refused, whatever the account
    assert _login(client, people[-1].email, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
    # and another address is not affected
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert _login(other, people[-1].email, PASSWORD).status_code == 302


def test_sign_in_attempts_are_also_limited_per_hour(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign_in": "100/m", "sign_in_hour": "3/h"}
    people = UserFactory.create_batch(4)
    for person in people[:3]:
        assert _login(client, person.email, "Summer2026!").status_code == 200
    assert _login(client, people[3].email, PASSWORD).status_code == 429
