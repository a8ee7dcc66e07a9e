"""The job board's words in Russian: a person's answer to a vacancy is «отклик», never the
grant application's «заявка»; a vacancy is taken down («снять с публикации»), an application
withdrawn («отозвать отклик»); the English pages say it naturally."""

import re

import pytest

from innocluster.features.jobs import applications as services
from tests.factories import UserFactory
from tests.pdfs import pdf_file

from .helpers import make_vacancy

pytestmark = pytest.mark.django_db
GRANT_WORDS = re.compile(r"[Зз]аявк|[Зз]аявител|Подать предложение")


def text(response) -> str:
    assert response.status_code == 200
    page = response.content.decode()
    return re.sub(r"<[^>]+>", " ", page[page.index("<main") :])  # the page, not the menu


def test_the_employers_and_the_applicants_pages_say_otklik(client):
    vacancy, owner = make_vacancy()
    person = UserFactory()
    application = services.application_submit(
        vacancy=vacancy, applicant=person, consent=True, cv=pdf_file()
    )
    services.application_invite(application=application, actor=owner)  # offer comes next
    client.force_login(owner)
    pages = {
        "vacancy": text(client.get(f"/jobs/{vacancy.pk}/")),
        "list": text(client.get(f"/jobs/{vacancy.pk}/applications/")),
        "one": text(client.get(f"/jobs/applications/{application.pk}/")),
    }
    client.force_login(person)
    pages["mine"] = text(client.get("/jobs/applications/mine/"))
    pages["my one"] = text(client.get(f"/jobs/applications/mine/{application.pk}/"))
    pages["search"] = text(client.get("/jobs/"))
    for name, page in pages.items():
        assert not GRANT_WORDS.search(page), (name, GRANT_WORDS.search(page).group())
    assert "Отклики" in pages["vacancy"] and "Снять с публикации" in pages["vacancy"]
    assert "Отклики" in pages["list"] and "Сделать предложение о работе" in pages["one"]
    assert "Мои отклики" in pages["mine"] and "Отозвать отклик" in pages["my one"]
    assert "Мои отклики" in pages["search"]


def test_the_english_pages(client):
    vacancy, owner = make_vacancy()
    client.force_login(owner)
    page = text(client.get(f"/en/jobs/{vacancy.pk}/"))
    assert "Applications" in page and "Withdraw" in page
    assert "Отклик" not in page
