"""A job seeker saves a job search from the search page and stops its letters from the letter's
link, signed out; the employer reads a vacancy's applications. At 1366 and 390 px each page
reads right (test_walk.py's checks: no sideways scroll, no raw codes, no English), with a
screenshot each."""

import re

import pytest

from innocluster.features.directory.models import SavedSearch
from innocluster.features.directory.services import unsubscribe_token
from innocluster.features.jobs import applications as services
from tests.browser.test_accessibility import _sign_in
from tests.browser.walking import SCREENSHOT_DIR, WIDTHS, page_problems
from tests.factories import UserFactory
from tests.jobs.helpers import employer, make_vacancy, seeded
from tests.pdfs import pdf_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(page, folder, path: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w]+", "_", path).strip("_") or "root"
    page.screenshot(path=folder / f"{name}.png", full_page=True)


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
def test_saving_a_job_search_and_stopping_its_letters(new_page, live_server, width):
    seeded()
    organization, owner = employer(short_name="Роботех")
    vacancy, _ = make_vacancy(organization, owner, title="Инженер-робототехник")
    seeker = UserFactory()
    for n in range(3):
        services.application_submit(
            vacancy=vacancy, applicant=UserFactory(), consent=True, cv=pdf_file(f"cv{n}.pdf")
        )
    shots = SCREENSHOT_DIR / f"jobs-saved-{width}"
    page = new_page(*WIDTHS[width])
    _sign_in(page, live_server, seeker)
    problems = []

    # the search page: the feed's link and the form that saves the search
    page.goto(f"{live_server.url}/jobs/?q=робот")
    problems += page_problems(page, "/jobs/?q=робот")
    feed = page.locator("a[type='application/atom+xml']").first.get_attribute("href")
    assert feed.startswith("/jobs/feed/?q=")
    _shot(page, shots, "/jobs/")
    page.fill("#id_save_name", "Роботы")
    page.locator(".save-search button").click()
    page.wait_for_url(f"{live_server.url}/directory/saved/")
    problems += page_problems(page, "/directory/saved/")
    assert "Вакансии" in page.locator("main").inner_text()
    _shot(page, shots, "/directory/saved/")
    saved = SavedSearch.objects.get(user=seeker)
    assert saved.source == "vacancies" and saved.email

    # the letter's link, signed out: a question, then the answer
    page.context.clear_cookies()
    path = f"/directory/saved/unsubscribe/{unsubscribe_token(saved)}/"
    assert page.goto(live_server.url + path).status == 200
    problems += page_problems(page, path)
    _shot(page, shots, "unsubscribe")
    page.locator("main form button").click()
    page.wait_for_selector("main [role=status]")
    problems += page_problems(page, path + " (done)")
    _shot(page, shots, "unsubscribed")
    saved.refresh_from_db()
    assert not saved.email

    # the employer's list of the vacancy's applications
    _sign_in(page, live_server, owner)
    path = f"/jobs/{vacancy.pk}/applications/"
    assert page.goto(live_server.url + path).status == 200
    problems += page_problems(page, path)
    assert "Отклики" in page.locator("main h1").inner_text()
    _shot(page, shots, path)
    assert problems == [], "\n".join(problems)
