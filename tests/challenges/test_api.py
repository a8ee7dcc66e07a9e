import threading

import pytest
from django.db import connection, connections

from innocluster.features.challenges.models import Assignment, Score
from innocluster.platform.organizations.models import Membership
from tests.factories import OrganizationFactory, member_of
from tests.pdfs import pdf_file

from .helpers import a_challenge, a_fund_expert, a_participant, a_poster, an_entry, close

pytestmark = pytest.mark.django_db


def test_catalogue_lists_and_filters(api):
    a_challenge()
    close(a_challenge(title="Закрытый"))
    response = api.get("/api/v1/challenges/?stage=evaluating")
    assert response.status_code == 200
    assert [c["title"] for c in response.json()["results"]] == ["Закрытый"]
    assert api.get("/api/v1/challenges/?stage=maybe").status_code == 400


def test_post_a_challenge_with_bad_weights_is_a_problem(api_as):
    city, editor = a_poster()
    body = {
        "organization": city.pk, "title": "T", "problem": "P", "expected_result": "R",
        "prize_kind": "money", "prize_amount": "100.00",
        "submissions_until": "2099-01-01T00:00:00+03:00", "evaluation_until": "2099-01-10",
        "results_by": "2099-01-20", "criteria": [{"name": "A", "weight": 30}],
        "evaluators": [editor.pk],
    }  # fmt: skip
    response = api_as(editor).post("/api/v1/challenges/", body, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"]["criteria"]
    body["criteria"] = [{"name": "A", "weight": 30}, {"name": "B", "weight": 70}]
    assert api_as(editor).post("/api/v1/challenges/", body, format="json").status_code == 201


def test_entry_after_deadline_and_poster_before_deadline(api_as):
    city, editor = a_poster()
    challenge = a_challenge(city, editor)
    company, owner = a_participant()
    body = {"challenge": challenge.pk, "organization": company.pk, "title": "T",
            "solution": "S", "pilot_plan": "P"}  # fmt: skip
    response = api_as(owner).post("/api/v1/challenge-entries/", body, format="json")
    assert response.status_code == 201
    pk = response.json()["id"]
    # the poster: 404 on the entry, and an empty list, before the deadline
    assert api_as(editor).get(f"/api/v1/challenge-entries/{pk}/").status_code == 404
    assert api_as(editor).get(f"/api/v1/challenges/{challenge.pk}/entries/").json() == []
    assert api_as(editor).get(f"/api/v1/challenges/{challenge.pk}/board/").status_code == 404
    close(challenge)
    other, other_owner = a_participant()
    body["organization"] = other.pk
    response = api_as(other_owner).post("/api/v1/challenge-entries/", body, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "submissions_closed"
    assert api_as(editor).get(f"/api/v1/challenge-entries/{pk}/").status_code == 200


def test_scoring_not_assigned_is_404_and_own_organization_400(api_as):
    city, editor = a_poster()
    expert = a_fund_expert()
    challenge = a_challenge(city, editor, evaluators=[editor, expert])
    entry = an_entry(challenge)
    close(challenge)
    criterion = challenge.criteria.first().pk
    body = {"criterion": criterion, "score": 7, "comment": "хорошо"}
    url = f"/api/v1/challenge-entries/{entry.pk}/scores/"
    assert api_as(expert).post(url, body, format="json").status_code == 404
    evaluator = challenge.evaluators.get(user=expert).pk
    assign = f"/api/v1/challenge-entries/{entry.pk}/assignments/"
    assert api_as(expert).post(assign, {"evaluator": evaluator}, format="json").status_code == 201
    assert api_as(expert).post(url, body, format="json").status_code == 200
    board = api_as(editor).get(f"/api/v1/challenges/{challenge.pk}/board/").json()
    assert board[0]["missing"] == 1


def test_an_evaluator_of_the_entrants_organization_is_refused_and_nothing_written(api_as):
    city, editor = a_poster()
    expert, insider = a_fund_expert(), a_fund_expert()
    challenge = a_challenge(city, editor, evaluators=[editor, expert, insider])
    company, owner = a_participant()
    entry = an_entry(challenge, company, owner)
    Membership.objects.create(organization=company, user=insider, role="viewer")
    close(challenge)
    assign = f"/api/v1/challenge-entries/{entry.pk}/assignments/"
    evaluators = {e.user_id: e.pk for e in challenge.evaluators.all()}
    refused = api_as(editor).post(assign, {"evaluator": evaluators[insider.pk]}, format="json")
    assert refused.status_code == 400
    assert "evaluator_own_organization" in str(refused.json()["error_codes"])
    assert not Assignment.objects.exists()
    # One assigned before joining the entrant: may not score it either.
    added = api_as(editor).post(assign, {"evaluator": evaluators[expert.pk]}, format="json")
    assert added.status_code == 201
    Membership.objects.create(organization=company, user=expert, role="viewer")
    body = {"criterion": challenge.criteria.first().pk, "score": 9, "comment": "своё"}
    scored = api_as(expert).post(
        f"/api/v1/challenge-entries/{entry.pk}/scores/", body, format="json"
    )
    assert scored.status_code == 400
    assert "evaluator_own_organization" in str(scored.json()["error_codes"])
    assert not Score.objects.exists()


def test_a_stranger_sees_nothing_of_an_entry(api_as):
    challenge = a_challenge()
    entry = an_entry(challenge)
    close(challenge)
    stranger = member_of(OrganizationFactory())
    assert api_as(stranger).get(f"/api/v1/challenge-entries/{entry.pk}/").status_code == 404


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (row locks)")
@pytest.mark.django_db(transaction=True)
def test_two_evaluators_scoring_at_once_both_land(api_as):
    # Given an entry assigned to two evaluators
    city, editor = a_poster()
    expert = a_fund_expert()
    challenge = a_challenge(city, editor, evaluators=[editor, expert])
    entry = an_entry(challenge)
    close(challenge)
    for evaluator in challenge.evaluators.all():
        api_as(editor).post(
            f"/api/v1/challenge-entries/{entry.pk}/assignments/", {"evaluator": evaluator.pk},
            format="json",
        )  # fmt: skip
    clients = [api_as(editor), api_as(expert)]
    criteria = list(challenge.criteria.values_list("pk", flat=True))
    barrier = threading.Barrier(2, timeout=20)
    statuses = []

    def score(client):
        try:
            barrier.wait()
            for criterion in criteria:
                body = {"criterion": criterion, "score": 6, "comment": ""}
                url = f"/api/v1/challenge-entries/{entry.pk}/scores/"
                statuses.append(client.post(url, body, format="json").status_code)
        finally:
            connections.close_all()

    # When both score every criterion at the same moment
    threads = [threading.Thread(target=score, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Then every score landed, and the poster was told once
    assert statuses == [200] * 4
    assert Score.objects.filter(assignment__entry=entry).count() == 4
    from innocluster.platform.notifications.models import Notification

    assert Notification.objects.filter(kind="challenges.scores_complete").count() == 1


@pytest.mark.parametrize(
    "method, suffix", [("patch", ""), ("post", "confirm/"), ("post", "documents/")]
)
def test_an_entry_id_that_is_no_number_is_a_404(api_as, method, suffix):
    # The fuzzer sent "null,null" for {id}: a ValueError in the lookup was a 500.
    company, owner = a_participant()
    response = getattr(api_as(owner), method)(f"/api/v1/challenge-entries/null%2Cnull/{suffix}", {})
    assert response.status_code == 404


def test_a_pdf_attached_to_an_entry_through_the_api_and_a_missing_file_refused(api_as):
    challenge = a_challenge()
    company, owner = a_participant()
    entry = an_entry(challenge, company, owner)
    url = f"/api/v1/challenge-entries/{entry.pk}/documents/"
    response = api_as(owner).post(url, {"file": pdf_file("plan.pdf")}, format="multipart")
    assert response.status_code == 201
    document = entry.documents.get()
    assert response.json() == {"id": document.pk, "name": "plan.pdf", "sha256": document.sha256}
    refused = api_as(owner).post(url, {}, format="multipart")
    assert refused.status_code == 400 and "file" in refused.json()["errors"]
    assert entry.documents.count() == 1
