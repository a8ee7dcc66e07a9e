"""A person's name refuses invisible and control characters (issue 17)."""

import pytest
from django.urls import reverse

from innocluster.platform.accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

RLO = "Анна \u202eавоннаИ"


def test_sign_up_through_the_api_refuses_a_hidden_character_in_the_name(api):
    body = {"full_name": RLO, "email": "anna@example.ru", "password": PASSWORD}
    response = api.post("/api/v1/auth/sign-up", body, format="json")
    assert response.status_code == 400
    assert response.json()["error_codes"] == {"full_name": ["invisible_character"]}
    assert not User.objects.filter(email="anna@example.ru").exists()


def test_sign_up_on_the_page_refuses_it_on_the_name(client):
    body = {"full_name": "Анна\u200b", "email": "a@example.ru", "password": PASSWORD}
    response = client.post(reverse("accounts:sign_up"), {**body, "language": "ru"})
    assert response.status_code == 400
    assert response.context["form"].has_error("full_name", "invisible_character")
    assert not User.objects.filter(email="a@example.ru").exists()


@pytest.mark.parametrize("bad", [RLO, "Анна\x00", "Анна\r\nBcc: x", "Ан\u2060на"])
def test_the_profile_refuses_it_and_keeps_the_name(api_as, bad):
    user = UserFactory(full_name="Анна Иванова")
    response = api_as(user).patch("/api/v1/me", {"full_name": bad}, format="json")
    assert response.status_code == 400
    assert set(response.json()["error_codes"]) == {"full_name"}
    user.refresh_from_db()
    assert user.full_name == "Анна Иванова"


def test_the_operators_createuser_refuses_it():
    from django.core.exceptions import ValidationError

    from innocluster.platform.accounts.services import user_create_confirmed

    with pytest.raises(ValidationError) as refused:
        user_create_confirmed(email="r@fund.ru", password=PASSWORD, full_name=RLO)
    assert refused.value.error_dict["full_name"][0].code == "invisible_character"
    assert not User.objects.filter(email="r@fund.ru").exists()
