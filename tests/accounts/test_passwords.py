"""Passwords easy to guess are refused offline (ASVS 6.2.12, issue 17)."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from innocluster.platform.accounts.models import User
from innocluster.platform.accounts.passwords import GuessablePasswordValidator
from tests.factories import PASSWORD, UserFactory

GUESSABLE = ["Password2026!", "P@ssw0rd2024", "qwerty123456", "iloveyou2020", "Summer2026!"]


def _codes(password, user=None):
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        return {e.code for e in error.error_list}
    return set()


@pytest.mark.parametrize("password", GUESSABLE)
def test_leaked_and_guessable_passwords_are_refused(password):
    assert "password_too_guessable" in _codes(password)


@pytest.mark.parametrize("password", [PASSWORD, "demo-password-2026", "kT9#mq2!vxR4"])
def test_strong_passwords_pass(password):
    assert _codes(password) == set()


def test_the_persons_own_name_and_e_mail_count_as_guessable():
    user = User(email="zinaida.kvasnikova@example.ru", full_name="Зинаида Квасникова")
    assert "password_too_guessable" in _codes("zinaida.kvasnikova2026", user=user)


def test_nothing_is_sent_anywhere(monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("the password check must stay offline")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    GuessablePasswordValidator().validate("a-very-long-" * 20)
    with pytest.raises(ValidationError):
        GuessablePasswordValidator().validate("Password2026!")


@pytest.mark.django_db
def test_sign_up_through_the_api_refuses_a_guessable_password(api):
    body = {"full_name": "Анна", "email": "anna@example.ru", "password": "Password2026!"}
    response = api.post("/api/v1/auth/sign-up", body, format="json")
    assert response.status_code == 400
    assert "password_too_guessable" in response.json()["error_codes"]["password"]
    assert not User.objects.filter(email="anna@example.ru").exists()


@pytest.mark.django_db
def test_changing_to_a_guessable_password_is_refused(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "P@ssw0rd2024",
            "new_password2": "P@ssw0rd2024",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("new_password2", "password_too_guessable")
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
