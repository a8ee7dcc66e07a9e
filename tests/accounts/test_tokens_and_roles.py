from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from innocluster.core.errors import PermissionDenied
from innocluster.platform.accounts.models import ApiToken, User
from innocluster.platform.accounts.services import api_token_create, user_set_staff_role
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_token_from_email_and_password_then_bearer_auth(api):
    user = UserFactory()
    response = api.post(
        "/api/v1/auth/token",
        {"email": user.email, "password": PASSWORD, "name": "CI"},
        format="json",
    )
    assert response.status_code == 201
    raw = response.json()["token"]
    # Only the hash is stored.
    assert not ApiToken.objects.filter(key_hash=raw).exists()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    me = api.get("/api/v1/me")
    assert me.status_code == 200 and me.json()["email"] == user.email


def test_wrong_password_gets_401_problem(api):
    user = UserFactory()
    response = api.post(
        "/api/v1/auth/token", {"email": user.email, "password": "nope"}, format="json"
    )
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 401


def test_an_expired_token_gets_401():
    user = UserFactory()
    token, raw = api_token_create(user=user, name="old")
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_a_revoked_token_gets_401(api_as):
    user = UserFactory()
    client = api_as(user)
    token = ApiToken.objects.get(user=user)
    assert client.delete(f"/api/v1/auth/tokens/{token.pk}").status_code == 204
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_an_unknown_token_gets_401():
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION="Bearer ic_not-a-token")
    assert client.get("/api/v1/me").status_code == 401


def test_someone_elses_token_cannot_be_revoked(api_as):
    other_token, _raw = api_token_create(user=UserFactory(), name="theirs")
    client = api_as(UserFactory())
    assert client.delete(f"/api/v1/auth/tokens/{other_token.pk}").status_code == 404
    other_token.refresh_from_db()
    assert other_token.revoked_at is None


def test_tokens_are_listed_and_revoked_on_the_profile_page(client):
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("accounts:token_create"), {"name": "Script", "days": 30})
    page = client.get(reverse("accounts:profile")).content.decode()
    raw = ApiToken.objects.get(user=user)
    assert "Script" in page and raw.prefix in page
    client.post(reverse("accounts:token_revoke", kwargs={"pk": raw.pk}))
    raw.refresh_from_db()
    assert raw.revoked_at is not None


def test_session_api_calls_need_csrf(client):
    user = UserFactory()
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.patch("/api/v1/me", {"full_name": "X"}, format="json")
    assert response.status_code == 403
    user.refresh_from_db()
    assert user.full_name != "X"


def test_only_an_administrator_grants_staff_roles():
    reviewer = UserFactory(staff_role="reviewer")
    with pytest.raises(PermissionDenied):
        user_set_staff_role(user=UserFactory(), role="admin", actor=reviewer)
    admin = UserFactory(staff_role="admin")
    person = user_set_staff_role(user=UserFactory(), role="reviewer", actor=admin)
    assert person.is_fund_staff and not person.is_staff


def test_createuser_command_grants_a_role():
    call_command("createuser", email="Rev@Fund.ru", role="reviewer", password="long-enough-pass-1")
    user = User.objects.get(email="rev@fund.ru")
    assert user.staff_role == "reviewer" and user.email_confirmed
    call_command("createuser", email="boss@fund.ru", role="admin", password="long-enough-pass-2")
    assert User.objects.get(email="boss@fund.ru").is_superuser


def test_a_locked_out_api_client_gets_429_even_with_the_right_password(api, settings):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        api.post("/api/v1/auth/token", {"email": user.email, "password": "nope"}, format="json")
    response = api.post(
        "/api/v1/auth/token", {"email": user.email, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert not ApiToken.objects.filter(user=user).exists()


def test_token_requests_from_one_address_are_limited_per_hour(api, monkeypatch):
    from innocluster.platform.accounts.api import SignInHourThrottle

    monkeypatch.setattr(SignInHourThrottle, "rate", "2/h", raising=False)
    people = UserFactory.create_batch(3)
    for person in people[:2]:
        body = {"email": person.email, "password": "Summer2026!"}
        assert api.post("/api/v1/auth/token", body, format="json").status_code == 401
    body = {"email": people[2].email, "password": PASSWORD}
    response = api.post("/api/v1/auth/token", body, format="json")
    assert response.status_code == 429
