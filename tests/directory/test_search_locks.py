"""A search on SQLite takes no write lock (issue 18): SQLite's transactions begin IMMEDIATE
here (for writers), so a search inside one waited for every other search and every write."""

import pytest
from django.db import connection

from tests.factories import OrganizationFactory


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's locks")
@pytest.mark.django_db
def test_a_search_on_sqlite_opens_no_transaction(client):
    OrganizationFactory(short_name="Роботех", full_name="Роботех")
    sent = []

    def record(execute, sql, params, many, context):
        sent.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = client.get("/api/v1/search", {"q": "роботех"})
    assert response.status_code == 200
    assert response.json()["count"] == 1
    # Under the test's own transaction, a nested atomic() would be a SAVEPOINT.
    assert not [sql for sql in sent if sql.startswith(("BEGIN", "SAVEPOINT"))], sent
