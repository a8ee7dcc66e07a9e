"""A NUL character anywhere a caller can put text is never a 500. PostgreSQL refuses a NUL in
any text it is sent (psycopg's DataError), so each way a caller's text reaches a query must
refuse it first: a 400 or a 404, never the database's error. SQLite takes NULs, so these
tests mean most on PostgreSQL, where CI runs them again."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NUL = "a\x00b"

PAGES = [
    f"/register/{NUL}/",
    f"/register/{NUL}/change",
    f"/organizations/invitations/{NUL}/",
    f"/accounts/confirm/{NUL}/",
    f"/directory/?q={NUL}",
    f"/directory/?technology={NUL}&industry={NUL}",
    f"/directory/suggest/?q={NUL}",
    f"/directory/partners/?q={NUL}",
    f"/directory/export/?q={NUL}&format={NUL}",
    f"/facilities/?q={NUL}",
    f"/measures/?q={NUL}",
    f"/accounts/sign-in/?email={NUL}",
]

API = [
    f"/api/v1/search?q={NUL}",
    f"/api/v1/search?q={NUL}&region={NUL}&page={NUL}",
    f"/api/v1/search/suggest?q={NUL}",
    f"/api/v1/partners?q={NUL}",
    f"/api/v1/organizations/?q={NUL}&technology={NUL}",
    f"/api/v1/measures/?q={NUL}",
    f"/api/v1/facilities/?q={NUL}",
    f"/api/v1/ip-objects/?q={NUL}&side={NUL}",
    f"/api/v1/ledger/proof-by-hash?hash={NUL}",
    f"/api/v1/register/{NUL}/",
    f"/api/v1/register/?q={NUL}",
]


@pytest.mark.parametrize("url", PAGES)
def test_a_page_answers_a_nul_without_a_server_error(client, url):
    client.force_login(UserFactory())
    assert client.get(url).status_code < 500


@pytest.mark.parametrize("url", API)
def test_the_api_answers_a_nul_without_a_server_error(api_as, url):
    assert api_as(UserFactory()).get(url).status_code < 500
