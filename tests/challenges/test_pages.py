import pytest
from django.test import Client

from .helpers import a_challenge, a_fund_expert, a_participant, a_poster, an_entry, close

pytestmark = pytest.mark.django_db


def _client(user=None):
    client = Client(HTTP_ACCEPT_LANGUAGE="ru")
    if user:
        client.force_login(user)
    return client


def test_pages_for_each_person():
    city, editor = a_poster()
    expert = a_fund_expert()
    challenge = a_challenge(city, editor, evaluators=[editor, expert])
    company, owner = a_participant()
    entry = an_entry(challenge, company, owner)
    assert _client().get("/challenges/").status_code == 200
    assert "Умные остановки" in _client().get("/challenges/?q=остановка").content.decode()
    assert _client().get(f"/challenges/{challenge.pk}/").status_code == 200
    assert _client(owner).get(f"/challenges/entries/{entry.pk}/").status_code == 200
    assert _client(editor).get(f"/challenges/entries/{entry.pk}/").status_code == 404
    assert _client(editor).get(f"/challenges/{challenge.pk}/board/").status_code == 404
    assert _client(editor).get("/challenges/new/").status_code == 200
    close(challenge)
    assert _client(editor).get(f"/challenges/{challenge.pk}/board/").status_code == 200
    assert _client(expert).get(f"/challenges/{challenge.pk}/board/").status_code == 200
    assert _client(owner).get(f"/challenges/{challenge.pk}/board/").status_code == 404
    assert _client(expert).get(f"/challenges/{challenge.pk}/assigned/").status_code == 200
    assert _client(editor).get(f"/challenges/entries/{entry.pk}/").status_code == 200


def test_post_a_challenge_from_the_page():
    city, editor = a_poster()
    data = {
        "organization": city.pk, "title": "Уборка снега", "problem": "Снег",
        "expected_result": "Чисто",
        "prize_kind": "money", "prize_amount": "500000", "submissions_until": "2099-01-01",
        "evaluation_until": "2099-01-10", "results_by": "2099-01-20",
        "criteria": "Качество; 70\nЦена; 20", "evaluators": editor.email,
    }  # fmt: skip
    response = _client(editor).post("/challenges/new/", data)
    assert response.status_code == 400
    assert "100" in response.content.decode()
    data["criteria"] = "Качество; 70\nЦена; 30"
    response = _client(editor).post("/challenges/new/", data)
    assert response.status_code == 302


def test_a_decision_is_seen_by_the_entrant_only_once_published():
    from innocluster.features.challenges import services

    city, editor = a_poster()
    challenge = a_challenge(city, editor)
    company, owner = a_participant()
    entry = an_entry(challenge, company, owner)
    close(challenge)
    services.entry_decide(entry=entry, actor=editor, decision="not_chosen", reason="Дороже других")
    page = _client(owner).get(f"/challenges/{challenge.pk}/").content.decode()
    assert "не выбрана" not in page
    assert (
        "Дороже других"
        not in _client(owner).get(f"/challenges/entries/{entry.pk}/").content.decode()
    )
    services.results_publish(challenge=challenge, actor=editor)
    page = _client(owner).get(f"/challenges/entries/{entry.pk}/").content.decode()
    assert "Дороже других" in page and "Не выбрана" in page


def test_a_button_sent_with_an_id_that_is_no_number_is_a_404_not_a_500():
    city, editor = a_poster()
    challenge = a_challenge(city, editor, evaluators=[editor, a_fund_expert()])
    company, owner = a_participant()
    entry = an_entry(challenge, company, owner)
    confirm = _client(owner).post(f"/challenges/entries/{entry.pk}/confirm/", {"partner": "abc"})
    assert confirm.status_code == 404
    close(challenge)
    client = _client(editor)
    assign = client.post(f"/challenges/entries/{entry.pk}/assign/", {"evaluator": "x"}, follow=True)
    assert assign.status_code == 200 and "Выберите одного из экспертов" in assign.content.decode()
