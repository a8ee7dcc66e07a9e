import re

import pytest
from django.core import mail
from django.core.exceptions import NON_FIELD_ERRORS
from django.urls import reverse

from innocluster.core.models import AuditEvent
from innocluster.platform.accounts.errors import AccountErrorCode
from innocluster.platform.accounts.models import User
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


def test_sign_up_sends_a_confirmation_link_then_the_person_signs_in(
    client, settings, django_capture_on_commit_callbacks
):
    # given a new person signs up
    with django_capture_on_commit_callbacks(execute=True):
        response = _sign_up(client)
    assert response.status_code == 302
    user = User.objects.get()
    assert user.email == "anna@example.ru" and not user.email_confirmed
    # when they follow the link from the e-mail (written in their language, quotes unescaped)
    assert mail.outbox[0].to == ["anna@example.ru"]
    assert mail.outbox[0].subject == "Подтвердите адрес электронной почты для innocluster"
    assert "&#x27;" not in mail.outbox[0].body and "&quot;" not in mail.outbox[0].body
    path = _link(mail.outbox[0]).removeprefix(settings.SITE_URL)
    response = client.get(path)
    # then the e-mail is confirmed, and the login form waits with the address filled in
    user.refresh_from_db()
    assert user.email_confirmed
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session  # confirming never signs anybody in
    assert client.get(response.url).context["form"].initial["username"] == "anna@example.ru"
    login = client.post(response.url, {"username": "anna@example.ru", "password": PASSWORD})
    assert login.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200
    # and the link can be followed again without harm
    assert client.get(path).status_code == 302


def test_a_letter_keeps_quotes_and_ampersands_as_typed(django_capture_on_commit_callbacks):
    from innocluster.platform.accounts.services import user_sign_up

    with django_capture_on_commit_callbacks(execute=True):
        user_sign_up(email="o@example.ru", password=PASSWORD, full_name="O'Brien & Sons")
    assert "O'Brien & Sons" in mail.outbox[0].body


def test_argon2_is_the_production_hasher(settings):
    from innocluster.site import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_a_weak_password_is_refused_and_nothing_is_written(client):
    response = _sign_up(client, password="12345")
    assert response.status_code == 400
    assert "password" in response.context["form"].errors
    assert User.objects.count() == 0 and not mail.outbox


def test_a_taken_email_gets_the_same_answer_and_its_owner_a_warning(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="anna@example.ru")
    with django_capture_on_commit_callbacks(execute=True):
        response = _sign_up(client)
    # The visitor cannot tell a registered address from a new one...
    assert response.status_code == 302 and response.url == reverse("accounts:check_email")
    assert User.objects.count() == 1
    # ...and the owner of the address hears of the attempt, with a way to reset the password.
    assert mail.outbox[0].to == ["anna@example.ru"]
    assert "/accounts/password/reset/" in mail.outbox[0].body


def test_an_unconfirmed_person_cannot_sign_in(client):
    UserFactory(email="new@example.ru", email_confirmed_at=None)
    response = client.post(
        reverse("accounts:login"), {"username": "new@example.ru", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert response.context["form"].has_error(NON_FIELD_ERRORS, AccountErrorCode.UNCONFIRMED)
    assert "_auth_user_id" not in client.session


def test_a_tampered_confirmation_link_is_refused(client):
    response = client.get(reverse("accounts:confirm_email", kwargs={"token": "abc:def"}))
    assert response.status_code == 400
    assert "This confirmation link is not valid." in response.content.decode()  # says why


def test_resend_does_not_reveal_whether_an_email_exists(client):
    UserFactory(email="wait@example.ru", email_confirmed_at=None)
    first = client.post(reverse("accounts:resend_confirmation"), {"email": "wait@example.ru"})
    second = client.post(reverse("accounts:resend_confirmation"), {"email": "nobody@example.ru"})
    assert first.status_code == second.status_code == 302
    assert [m.to for m in mail.outbox] == [["wait@example.ru"]]


def test_sign_up_is_audited(client):
    _sign_up(client)
    assert AuditEvent.objects.filter(action="user.sign_up").count() == 1
