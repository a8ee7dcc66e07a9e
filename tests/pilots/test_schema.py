"""Pilot testing and city challenges in the OpenAPI schema (issue 20, "throughout"): every
endpoint, the refusals each step gives (409 for the state, 400 for the input, 404 for who
may not see it), and every error code of both apps."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from innocluster.features.challenges.errors import ChallengeErrorCode
from innocluster.features.pilots.errors import PilotErrorCode

PATHS = {
    "/api/v1/challenge-entries/",
    "/api/v1/challenge-entries/{id}/",
    "/api/v1/challenge-entries/{id}/assignments/",
    "/api/v1/challenge-entries/{id}/confirm/",
    "/api/v1/challenge-entries/{id}/decision/",
    "/api/v1/challenge-entries/{id}/documents/",
    "/api/v1/challenge-entries/{id}/scores/",
    "/api/v1/challenges/",
    "/api/v1/challenges/{id}/",
    "/api/v1/challenges/{id}/board/",
    "/api/v1/challenges/{id}/entries/",
    "/api/v1/challenges/{id}/publish/",
    "/api/v1/pilot-proposals/",
    "/api/v1/pilot-proposals/{id}/",
    "/api/v1/pilot-proposals/{id}/documents/",
    "/api/v1/pilot-proposals/{id}/documents/{document_pk}/",
    "/api/v1/pilot-proposals/{id}/resubmit/",
    "/api/v1/pilot-proposals/{id}/submit/",
    "/api/v1/pilot-proposals/{id}/withdraw/",
    "/api/v1/pilot-results/",
    "/api/v1/pilot-results/{id}/",
    "/api/v1/pilot-sites/",
    "/api/v1/pilot-sites/{id}/",
    "/api/v1/pilots/",
    "/api/v1/pilots/{id}/",
    "/api/v1/pilots/{id}/consent/",
    "/api/v1/pilots/{id}/finish/",
    "/api/v1/pilots/{id}/notes/",
    "/api/v1/pilots/{id}/pause/",
    "/api/v1/pilots/{id}/plan/",
    "/api/v1/pilots/{id}/plan/agree/",
    "/api/v1/pilots/{id}/propose-site/",
    "/api/v1/pilots/{id}/publish/",
    "/api/v1/pilots/{id}/report/",
    "/api/v1/pilots/{id}/report/answer/",
    "/api/v1/pilots/{id}/resume/",
    "/api/v1/pilots/{id}/start/",
    "/api/v1/pilots/{id}/stop/",
}
# The steps refused for the pilot's or the challenge's state: each documents its 409, and
# its 400 when it takes a body.
CONFLICTS = [
    ("/api/v1/pilots/{id}/consent/", {"400"}),
    ("/api/v1/pilots/{id}/start/", set()),
    ("/api/v1/pilots/{id}/report/", {"400"}),
    ("/api/v1/pilots/{id}/report/answer/", {"400"}),
    ("/api/v1/pilots/{id}/publish/", set()),
    ("/api/v1/challenge-entries/", {"400"}),
    ("/api/v1/challenge-entries/{id}/scores/", {"400"}),
]


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_every_pilot_and_challenge_endpoint_is_in_the_schema(schema):
    paths = {path for path in schema["paths"] if path.startswith(("/api/v1/pilot", "/api/v1/ch"))}
    assert paths == PATHS


@pytest.mark.parametrize(("path", "bad_input"), CONFLICTS)
def test_a_step_refused_for_its_state_documents_the_409_and_its_bad_input_the_400(
    schema, path, bad_input
):
    responses = schema["paths"][path]["post"]["responses"]
    assert {"404", "409", *bad_input} <= set(responses), sorted(responses)


def test_every_code_of_both_apps_is_in_the_schemas_error_codes(schema):
    codes = set(schema["components"]["schemas"]["ErrorCode"]["enum"])
    assert {code.value for code in PilotErrorCode} <= codes
    assert {code.value for code in ChallengeErrorCode} <= codes
