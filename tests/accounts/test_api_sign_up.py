"""Signing up and confirming through the API: the web's checks and answers."""

import pytest

from innocluster.platform.accounts.errors import AccountErrorCode
from innocluster.platform.accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/auth/sign-up"


def test_a_taken_address_gets_the_same_answer_and_its_owner_a_warning(
    api, mailoutbox, django_capture_on_commit_callbacks
):
    owner = UserFactory(email="taken@example.ru")
    with django_capture_on_commit_callbacks(execute=True):
        new = api.post(URL, {"full_name": "Н", "email": "new@example.ru", "password": PASSWORD})
        taken = api.post(URL, {"full_name": "Т", "email": owner.email, "password": PASSWORD})
    assert new.status_code == taken.status_code == 202
    assert new.json() == taken.json()
    assert {m.to[0] for m in mailoutbox} == {"new@example.ru", owner.email}
    assert User.objects.filter(email="new@example.ru", email_confirmed_at=None).exists()


def test_bad_input_is_refused_and_nobody_is_created(api):
    weak = api.post(URL, {"full_name": "Анна", "email": "anna@example.ru", "password": "123"})
    assert weak.status_code == 400
    assert "password_too_short" in weak.json()["error_codes"]["password"]  # the validator's
    bad = api.post(URL, {"full_name": "", "email": "not-an-address", "password": PASSWORD})
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) >= {"full_name", "email"}
    assert not User.objects.exists()


def test_a_forged_confirmation_token_is_400(api):
    refused = api.post("/api/v1/auth/confirm-email", {"token": "forged:token"})
    assert refused.status_code == 400
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["code"] == AccountErrorCode.LINK_INVALID


def test_an_address_longer_than_the_column_is_400_not_500(api):
    long = "a" * 60 + "." + "b" * 60 + "." + "c" * 60 + "@" + "d" * 60 + ".eeeeeeeeee.example.com"
    refused = api.post(URL, {"full_name": "Анна", "email": long, "password": PASSWORD})
    assert refused.status_code == 400 and "email" in refused.json()["errors"]
    assert not User.objects.exists()
