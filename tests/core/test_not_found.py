"""A path under /api/ that matches no route answers problem+json, as every other 404 does."""

import pytest
from django.test import override_settings

from innocluster.core.api import not_found


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.core.urls_not_found", DEBUG=False)
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/grant-applications/-1/items/2/",
        "/api/v1/awards/1.5/agreement/",
        "/api/v1/no-such-thing/",
    ],
)
def test_an_api_path_that_matches_no_route_is_a_problem(api, path):
    response = api.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "not_found"


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.core.urls_not_found", DEBUG=False)
def test_a_page_that_matches_no_route_is_still_the_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_the_handler_itself(rf):
    response = not_found(rf.get("/api/v1/x/"), None)
    assert response.status_code == 404
