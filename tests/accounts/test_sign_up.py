import re

import pytest
from django.core import mail
from django.urls import reverse

from innocluster.accounts.models import User
from innocluster.core.models import AuditEvent
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _sign_up(client, **overrides):
    data = {
        "full_name": "Анна Смирнова",
        "email": "Anna@Example.ru",
        "password": PASSWORD,
        "language": "ru",
        **overrides,
    }
    return client.post(reverse("accounts:sign_up"), data)


def _link(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_sign_up_sends_a_confirmation_link_and_confirming_signs_in(
    client, settings, django_capture_on_commit_callbacks
):
    # given a new person signs up
    with django_capture_on_commit_callbacks(execute=True):
        response = _sign_up(client)
    assert response.status_code == 302
    user = User.objects.get()
    assert user.email == "anna@example.ru" and not user.email_confirmed
    assert user.password.startswith("md5$")  # the test hasher; production uses argon2 (below)
    # when they follow the link from the e-mail
    assert mail.outbox[0].to == ["anna@example.ru"]
    path = _link(mail.outbox[0]).removeprefix(settings.SITE_URL)
    response = client.get(path)
    # then the e-mail is confirmed and they are signed in
    assert response.status_code == 302 and response.url == reverse("accounts:dashboard")
    user.refresh_from_db()
    assert user.email_confirmed
    assert client.get(reverse("accounts:dashboard")).status_code == 200
    # and the link can be followed again without harm
    assert client.get(path).status_code == 302


def test_argon2_is_the_production_hasher(settings):
    from innocluster.config import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_a_weak_password_is_refused_and_nothing_is_written(client):
    response = _sign_up(client, password="12345")
    assert response.status_code == 400
    assert "password" in response.context["form"].errors
    assert User.objects.count() == 0 and not mail.outbox


def test_a_taken_email_is_refused(client):
    UserFactory(email="anna@example.ru")
    response = _sign_up(client)
    assert response.status_code == 400
    assert User.objects.count() == 1


def test_an_unconfirmed_person_cannot_sign_in(client):
    UserFactory(email="new@example.ru", email_confirmed_at=None)
    response = client.post(
        reverse("accounts:login"), {"username": "new@example.ru", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "Confirm your e-mail first" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_tampered_confirmation_link_is_refused(client):
    response = client.get(reverse("accounts:confirm_email", kwargs={"token": "abc:def"}))
    assert response.status_code == 400


def test_resend_does_not_reveal_whether_an_email_exists(client):
    UserFactory(email="wait@example.ru", email_confirmed_at=None)
    first = client.post(reverse("accounts:resend_confirmation"), {"email": "wait@example.ru"})
    second = client.post(reverse("accounts:resend_confirmation"), {"email": "nobody@example.ru"})
    assert first.status_code == second.status_code == 302
    assert [m.to for m in mail.outbox] == [["wait@example.ru"]]


def test_sign_up_is_audited(client):
    _sign_up(client)
    assert AuditEvent.objects.filter(action="user.sign_up").count() == 1
