import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innocluster.core.models import AuditEvent
from innocluster.features.ipregistry.errors import IPRegistryErrorCode as Code
from innocluster.features.ipregistry.models import IPObject
from innocluster.platform.ledger.selectors import ledger_size
from innocluster.platform.ledger.services import ledger_checkpoint_sign
from tests.factories import OrganizationFactory, UserFactory, member_of, with_status
from tests.ipregistry.helpers import WORK, WORK_SHA256, another_sha256, register, work_file

pytestmark = pytest.mark.django_db

URL = "/api/v1/ip-objects/"


def body(organization, **overrides) -> dict:
    return {
        "organization": organization.pk,
        "title": "Программа управления станком",
        "kind": "software",
        "rightholders": [
            {"name": organization.short_name, "share": "75.5", "organization": organization.pk},
            {"name": "Петров П. П.", "share": 24.5},
        ],
        "work_sha256": WORK_SHA256,
        **overrides,
    }


def test_create_with_a_hash_and_read_the_certificate(api_as, api, organization, owner):
    response = api_as(owner).post(URL, body(organization), format="json")
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["work_sha256"] == WORK_SHA256 and created["kind"] == "software"
    assert created["rightholders"] == [
        {
            "name": organization.short_name,
            "organization": organization.pk,
            "share": "75.50",
            "consent": "not_asked",
            "consent_at": None,
            "decline_reason": "",
        },
        {
            "name": "Петров П. П.",
            "organization": None,
            "share": "24.50",
            "consent": "not_asked",
            "consent_at": None,
            "decline_reason": "",
        },
    ]
    assert created["registration_state"] == "registered"
    assert created["my_actions"] == {"answer_for": [], "may_withdraw": False}
    assert created["organization"] == {
        "id": organization.pk,
        "inn": organization.inn,
        "short_name": organization.short_name,
    }
    assert created["file_url"] is None
    ledger_checkpoint_sign()
    public = api.get(f"{URL}{created['id']}/").json()
    entry = public["ledger_entry"]
    assert public["ledger_entry"]["index"] == 0
    assert entry["proof_url"] == "/api/v1/ledger/entries/0/proof"
    proof = api.get(entry["proof_url"])
    assert proof.status_code == 200 and proof.json()["tree_size"] == 1


def test_create_with_the_work_as_multipart(api_as, organization, owner):
    data = body(organization, file=work_file(), keep_file="true", work_sha256="")
    data["rightholders"] = json.dumps(data["rightholders"])
    response = api_as(owner).post(URL, data, format="multipart")
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["work_sha256"] == WORK_SHA256
    download = api_as(owner).get(created["file_url"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == WORK
    assert "attachment" in download["Content-Disposition"]


def test_validation_errors_are_problem_json_per_field(api_as, organization, owner):
    bad = body(
        organization,
        title="",
        work_sha256="not-a-hash",
        rightholders=[{"name": "A", "share": "60"}, {"name": "B", "share": "30"}],
    )
    response = api_as(owner).post(URL, bad, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"].endswith("/validation-error") and problem["status"] == 400
    assert set(problem["errors"]) == {"title"}  # the serializer's shape check comes first
    response = api_as(owner).post(URL, {**bad, "title": "T"}, format="json")
    problem = response.json()
    assert problem["error_codes"] == {
        "work_sha256": [Code.BAD_SHA256],
        "rightholders": [Code.SHARES_TOTAL],
    }
    assert "90.00" in problem["errors"]["rightholders"][0]  # the total is named
    assert IPObject.objects.count() == 0 and ledger_size() == 0


def test_a_malformed_rightholder_row_is_a_flat_message(api_as, organization, owner):
    bad = body(organization, rightholders=[{"name": "A", "share": "сто"}])
    problem = api_as(owner).post(URL, bad, format="json").json()
    assert problem["errors"] == {"rightholders": ["1: share: A valid number is required."]}
    assert problem["error_codes"] == {"rightholders": ["invalid"]}  # DRF's code, kept


def test_a_hash_that_does_not_match_the_file_is_refused(api_as, organization, owner):
    data = body(organization, file=work_file(), work_sha256="0" * 64)
    data["rightholders"] = json.dumps(data["rightholders"])
    response = api_as(owner).post(URL, data, format="multipart")
    assert response.status_code == 400
    assert response.json()["error_codes"] == {"work_sha256": [Code.HASH_MISMATCH]}


def test_anonymous_cannot_create(api, organization):
    assert api.post(URL, body(organization), format="json").status_code == 401


@pytest.mark.parametrize("role", ["viewer", None])
def test_registering_for_an_organization_one_does_not_edit_is_404(api_as, organization, role):
    user = member_of(organization, role) if role else member_of(OrganizationFactory())
    response = api_as(user).post(URL, body(organization), format="json")
    assert response.status_code == 404 and response.json()["status"] == 404
    assert IPObject.objects.count() == 0


def test_the_file_is_for_members_and_staff_only(api_as, api, organization, owner):
    ip_object = register(organization, owner, upload=work_file(), keep_file=True)
    url = f"{URL}{ip_object.pk}/file/"
    assert api_as(member_of(organization, "viewer")).get(url).status_code == 200
    assert api_as(UserFactory(staff_role="reviewer")).get(url).status_code == 200
    others = api_as(member_of(OrganizationFactory()))
    assert others.get(url).status_code == 404
    assert others.get(f"{URL}{ip_object.pk}/").json()["file_url"] is None
    assert api.get(url).status_code == 401


def test_an_unkept_file_is_404_even_for_members(api_as, organization, owner):
    ip_object = register(organization, owner)
    assert api_as(owner).get(f"{URL}{ip_object.pk}/file/").status_code == 404


def test_the_list_is_public_filtered_and_its_queries_do_not_grow(api, organization, owner):
    for n in range(2):
        register(organization, owner, title=f"Объект {n}", work_sha256=another_sha256())
    other = with_status(OrganizationFactory())
    register(other, member_of(other), title="Laser cutter")
    with CaptureQueriesContext(connection) as few:
        assert api.get(URL).json()["count"] == 3
    for n in range(5):
        register(organization, owner, title=f"Ещё {n}", kind="design", work_sha256=another_sha256())
    with CaptureQueriesContext(connection) as many:
        assert api.get(URL).json()["count"] == 8
    assert len(many) == len(few)
    assert api.get(URL, {"kind": "design"}).json()["count"] == 5
    assert api.get(URL, {"q": WORK_SHA256.upper()}).json()["count"] == 1
    assert api.get(URL, {"q": f"{WORK_SHA256}  work.pdf"}).json()["count"] == 1
    assert api.get(URL, {"q": "LASER"}).json()["count"] == 1
    assert api.get(URL, {"organization": other.pk}).json()["count"] == 1


def test_the_schema_documents_the_endpoints(api):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert {"/api/v1/ip-objects/", "/api/v1/ip-objects/{id}/"} <= set(schema["paths"])
    create = schema["paths"]["/api/v1/ip-objects/"]["post"]
    assert {"application/json", "multipart/form-data"} <= set(create["requestBody"]["content"])


def test_registering_the_same_work_twice_is_a_409_and_nothing_is_written(
    api_as, organization, owner
):
    client = api_as(owner)
    first = client.post(URL, body(organization), format="json")
    assert first.status_code == 201
    again = client.post(URL, body(organization, title="Повторно"), format="json")
    assert again.status_code == 409
    assert again["Content-Type"] == "application/problem+json"
    problem = again.json()
    assert problem["status"] == 409 and problem["code"] == "ip_already_registered"
    assert problem["type"].endswith("/ip-already-registered")
    assert problem["existing_ip_object"] == first.json()["id"]
    assert problem["certificate_url"] == first.json()["certificate_url"]
    assert IPObject.objects.count() == 1 and ledger_size() == 1
    assert AuditEvent.objects.filter(action="ip_object.registered").count() == 1


def test_the_same_work_as_an_upload_is_also_a_409(api_as, organization, owner):
    client = api_as(owner)
    assert client.post(URL, body(organization), format="json").status_code == 201
    data = body(organization, file=work_file(), keep_file="true", work_sha256="")
    data["rightholders"] = json.dumps(data["rightholders"])
    assert client.post(URL, data, format="multipart").status_code == 409
    assert IPObject.objects.count() == 1 and ledger_size() == 1


def test_the_schema_documents_the_conflict(api):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert "409" in schema["paths"]["/api/v1/ip-objects/"]["post"]["responses"]
