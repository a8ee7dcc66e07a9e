"""The jobs API: post, move and moderate vacancies; apply, follow, withdraw; the employer's
list and moves; problem+json codes for the refusals."""

import pytest

from innocluster.features.jobs.models import Application, Vacancy
from tests.factories import UserFactory
from tests.pdfs import pdf_file

from .helpers import employer, make_vacancy, moderator, vacancy_values

pytestmark = pytest.mark.django_db


def body(**fields):
    values = vacancy_values(**fields)
    values["role"], values["industry"] = values["role"].pk, values["industry"].pk
    return {k: str(v) if v is not None else None for k, v in values.items()}


def test_post_a_vacancy_and_the_refusals(api_as):
    organization, owner = employer()
    client = api_as(owner)
    created = client.post("/api/v1/vacancies/", {**body(), "organization": organization.pk})
    assert created.status_code == 201, created.json()
    assert created.json()["metro"]["name"] == "Kaluzhskaya"
    bad = client.post(
        "/api/v1/vacancies/",
        {**body(salary_from="300000", salary_to="100000"), "organization": organization.pk},
        format="json",
    )
    assert bad.status_code == 400
    assert bad.json()["errors"]["salary_from"]
    _, stranger = employer()
    refused = api_as(stranger).post(
        "/api/v1/vacancies/", {**body(), "organization": organization.pk}, format="json"
    )
    assert refused.status_code == 404
    assert Vacancy.objects.count() == 1


def test_moderation_through_the_api(api_as):
    organization, owner = employer("partner", region="50")
    vacancy, _ = make_vacancy(organization, owner)
    assert api_as(owner).post(f"/api/v1/vacancies/{vacancy.pk}/approve/").status_code == 404
    staff = api_as(moderator())
    assert staff.post(f"/api/v1/vacancies/{vacancy.pk}/approve/").json()["status"] == "published"
    again = staff.post(f"/api/v1/vacancies/{vacancy.pk}/approve/")
    assert again.status_code == 409 and again.json()["code"] == "vacancy_state_changed"


def test_apply_follow_and_move(api_as):
    vacancy, owner = make_vacancy()
    person = api_as(UserFactory())
    sent = person.post(
        f"/api/v1/vacancies/{vacancy.pk}/apply/",
        {"consent": "true", "cv": pdf_file(), "letter": "Добрый день"},
        format="multipart",
    )
    assert sent.status_code == 201, sent.json()
    application = sent.json()["id"]
    twice = person.post(
        f"/api/v1/vacancies/{vacancy.pk}/apply/",
        {"consent": "true", "cv": pdf_file()},
        format="multipart",
    )
    assert twice.json()["id"] == application and Application.objects.count() == 1
    employer_api = api_as(owner)
    rows = employer_api.get(f"/api/v1/vacancies/{vacancy.pk}/applications/").json()["results"]
    assert [row["id"] for row in rows] == [application]
    moved = employer_api.post(
        f"/api/v1/job-applications/{application}/move/invite/", {"message": "Ждём"}
    )
    assert moved.json()["stage"] == "invited"
    assert person.get(f"/api/v1/job-applications/{application}/").json()["stage"] == "invited"
    _, stranger = employer()
    other = api_as(stranger)
    assert other.get(f"/api/v1/vacancies/{vacancy.pk}/applications/").status_code == 404
    assert other.post(f"/api/v1/job-applications/{application}/move/hire/").status_code == 404
    withdrawn = person.post(f"/api/v1/job-applications/{application}/withdraw/")
    assert withdrawn.json()["stage"] == "withdrawn"


def test_no_consent_is_a_400_with_its_code(api_as):
    vacancy, _ = make_vacancy()
    refused = api_as(UserFactory()).post(
        f"/api/v1/vacancies/{vacancy.pk}/apply/",
        {"consent": "false", "cv": pdf_file()},
        format="multipart",
    )
    assert refused.status_code == 400
    assert Application.objects.count() == 0
