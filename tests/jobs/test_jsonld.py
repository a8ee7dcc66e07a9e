"""Each live vacancy's page carries schema.org JobPosting JSON-LD with what Google for Jobs
requires and recommends, read from the page as a search engine reads it (extruct)."""

import extruct
import pytest
from django.utils.timezone import localtime

from innocluster.features.jobs import services
from innocluster.features.jobs.models import MOSCOW

from .helpers import make_vacancy

pytestmark = pytest.mark.django_db

REQUIRED = {"title", "description", "datePosted", "validThrough", "hiringOrganization"}
RECOMMENDED = {"baseSalary", "employmentType", "identifier", "directApply"}


def postings(client, vacancy) -> list[dict]:
    page = client.get(f"/jobs/{vacancy.pk}/")
    assert page.status_code == 200
    found = extruct.extract(page.content.decode(), syntaxes=["json-ld"], uniform=True)
    return [item for item in found["json-ld"] if item.get("@type") == "JobPosting"]


def test_an_office_job_has_every_required_and_recommended_field(client):
    vacancy, _ = make_vacancy(work_format="office", start_date=None)
    [posting] = postings(client, vacancy)
    assert set(posting) >= REQUIRED | RECOMMENDED
    assert posting["title"] == "Python-разработчик"
    assert posting["hiringOrganization"]["name"] == vacancy.organization.short_name
    assert posting["jobLocation"]["address"]["addressCountry"] == "RU"
    assert posting["jobLocation"]["address"]["streetAddress"] == "Москва, ул. Бутлерова, 7"
    assert "jobLocationType" not in posting
    assert posting["employmentType"] == "FULL_TIME"
    assert posting["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "RUB",
        "value": {
            "@type": "QuantitativeValue",
            "unitText": "MONTH",
            "minValue": 150000.0,
            "maxValue": 220000.0,
        },
    }
    assert posting["identifier"]["value"] == str(vacancy.pk)
    assert posting["datePosted"] == vacancy.published_at.date().isoformat()
    assert posting["validThrough"] == localtime(vacancy.expires_at, MOSCOW).isoformat()
    assert posting["validThrough"].endswith("T00:00:00+03:00")  # the end of its last day


def test_a_remote_job_says_so_with_where_applicants_may_be(client):
    vacancy, _ = make_vacancy(work_format="remote", address="", employment_type="internship")
    [posting] = postings(client, vacancy)
    assert posting["jobLocationType"] == "TELECOMMUTE"
    assert posting["applicantLocationRequirements"] == {"@type": "Country", "name": "RU"}
    assert "jobLocation" not in posting
    assert posting["employmentType"] == "INTERN"


def test_markup_in_the_text_cannot_end_the_script(client):
    vacancy, _ = make_vacancy(description="Пишем </script><script>alert(1)</script> код")
    page = client.get(f"/jobs/{vacancy.pk}/").content.decode()
    assert "<script>alert(1)" not in page
    [posting] = postings(client, vacancy)
    assert "alert(1)" in posting["description"]


def test_a_closed_vacancy_has_none(client):
    vacancy, owner = make_vacancy()
    services.vacancy_fill(vacancy=vacancy, actor=owner)
    client.force_login(owner)
    assert postings(client, vacancy) == []
