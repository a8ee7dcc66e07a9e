"""From sign-up to a listed participant through the API alone, and the API's refusals."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from innocluster.core.errors import CoreErrorCode
from innocluster.platform.reviews.errors import ReviewErrorCode
from innocluster.platform.reviews.models import Case
from innocluster.platform.status.errors import StatusErrorCode
from innocluster.platform.status.models import Status

from ..factories import PASSWORD, OrganizationFactory, company_inn, company_ogrn, member_of
from .helpers import an_industry, complete_draft, pdf_file, reviewer

pytestmark = pytest.mark.django_db

CONFIRMED = {"confirm_data_true": True, "confirm_rules": True, "confirm_personal_data": True}


def test_the_whole_way_through_the_api(
    api, api_as, a_reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    # Sign up, confirm the e-mail from the letter's link, and exchange the password for a token
    with django_capture_on_commit_callbacks(execute=True):  # the letter goes after the commit
        signed_up = api.post(
            "/api/v1/auth/sign-up",
            {"full_name": "Анна Квант", "email": "anna@kvant.example", "password": PASSWORD},
            format="json",
        )
    assert signed_up.status_code == 202, signed_up.json()
    token = re.search(r"/confirm/([^/\s]+)/", mailoutbox[-1].body).group(1)
    assert api.post("/api/v1/auth/confirm-email", {"token": token}).status_code == 200
    issued = api.post(
        "/api/v1/auth/token", {"email": "anna@kvant.example", "password": PASSWORD}, format="json"
    )
    assert issued.status_code == 201, issued.json()
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {issued.json()['token']}")
    assert (
        client.patch("/api/v1/me", {"phone": "+7 495 123-45-67"}, format="json").status_code == 200
    )
    organization = client.post(
        "/api/v1/organizations/",
        {
            "kind": "legal_entity",
            "inn": company_inn(901),
            "ogrn": company_ogrn(901),
            "full_name": 'Общество с ограниченной ответственностью "Квант"',
            "short_name": 'ООО "Квант"',
            "region": "77",
            "legal_address": "Москва, ул. Новый Арбат, 1",
            "org_type": "it_company",
            "industries": [an_industry().slug],
        },
        format="json",
    ).json()

    draft = client.post(
        "/api/v1/status-applications/",
        {"organization": organization["id"], **CONFIRMED},
        format="json",
    )
    assert draft.status_code == 201, draft.json()
    body = draft.json()
    assert (body["kind"], body["status"], body["contact_phone"]) == (
        "participant",
        "draft",
        "+7 495 123-45-67",
    )
    case_id = body["id"]
    for doc_type in ("registry_extract", "rules_consent"):
        uploaded = client.post(
            f"/api/v1/status-applications/{case_id}/documents/",
            {"doc_type": doc_type, "file": pdf_file()},
            format="multipart",
        )
        assert uploaded.status_code == 201, uploaded.json()

    submitted = client.post(f"/api/v1/status-applications/{case_id}/submit/")
    assert submitted.status_code == 200, submitted.json()
    body = submitted.json()
    assert body["status"] == "submitted" and body["submitted_at"] and body["decision_due"]
    assert [step["action"] for step in body["history"]] == ["created", "submitted"]

    staff = api_as(a_reviewer)
    queue = staff.get("/api/v1/reviews/").json()
    assert [case["id"] for case in queue["results"]] == [case_id]
    document_url = body["documents"][0]["url"]
    assert staff.get(document_url).status_code == 200
    decided = staff.post(f"/api/v1/reviews/{case_id}/decide/", {"decision": "approve"})
    assert decided.status_code == 200, decided.json()
    assert decided.json()["status"] == "approved"

    register = api.get("/api/v1/register/", {"q": organization["inn"]}).json()
    assert register["count"] == 1
    entry = register["results"][0]
    assert (entry["kind"], entry["state"]) == ("participant", "active")
    assert entry["history"][0]["case"] == body["number"]
    notifications = client.get("/api/v1/notifications/").json()
    assert notifications["count"] >= 3


def test_an_incomplete_submission_lists_every_missing_item(api_as, organization, owner):
    client = api_as(owner)
    case_id = client.post(
        "/api/v1/status-applications/", {"organization": organization.pk}, format="json"
    ).json()["id"]
    refused = client.post(f"/api/v1/status-applications/{case_id}/submit/")
    assert refused.status_code == 400
    assert refused["Content-Type"] == "application/problem+json"
    codes = refused.json()["error_codes"]
    assert codes["confirm_rules"] == codes["confirm_data_true"] == ["required"]
    assert codes["documents"] == [ReviewErrorCode.MISSING_DOCUMENT] * 2
    assert Case.objects.get().status == "draft"


def test_a_second_application_is_409_and_outside_moscow_participant_is_400(api_as, db):
    organization = OrganizationFactory(region="66")
    client = api_as(member_of(organization, "owner"))
    refused = client.post(
        "/api/v1/status-applications/",
        {"organization": organization.pk, "kind": "participant"},
        format="json",
    )
    assert refused.status_code == 400
    assert refused.json()["error_codes"] == {"kind": [StatusErrorCode.PARTICIPANT_NEEDS_MOSCOW]}
    assert client.post(
        "/api/v1/status-applications/", {"organization": organization.pk}, format="json"
    ).status_code == 201  # fmt: skip
    again = client.post(
        "/api/v1/status-applications/", {"organization": organization.pk}, format="json"
    )
    assert (again.status_code, again.json()["code"]) == (409, ReviewErrorCode.CASE_ALREADY_OPEN)
    assert Case.objects.count() == 1


def test_a_document_that_is_not_a_pdf_is_refused_and_not_kept(api_as, organization, owner):
    client = api_as(owner)
    case_id = client.post(
        "/api/v1/status-applications/", {"organization": organization.pk}, format="json"
    ).json()["id"]
    refused = client.post(
        f"/api/v1/status-applications/{case_id}/documents/",
        {"doc_type": "registry_extract", "file": pdf_file("extract.pdf", b"GIF89a" + b"0" * 50)},
        format="multipart",
    )
    assert refused.status_code == 400
    assert refused.json()["error_codes"] == {"file": [CoreErrorCode.NOT_A_PDF]}
    assert client.get(f"/api/v1/status-applications/{case_id}/").json()["documents"] == []


def test_decisions_without_a_reason_and_twice(api_as, organization, owner, a_reviewer):
    case_id = complete_draft(organization, owner).case_id
    api_as(owner).post(f"/api/v1/status-applications/{case_id}/submit/")
    staff = api_as(a_reviewer)
    refused = staff.post(f"/api/v1/reviews/{case_id}/decide/", {"decision": "reject"})
    assert refused.status_code == 400
    assert refused.json()["error_codes"] == {"reason": ["required"]}
    assert staff.post(
        f"/api/v1/reviews/{case_id}/decide/", {"decision": "reject", "reason": "Not eligible."}
    ).status_code == 200  # fmt: skip
    second = api_as(reviewer()).post(f"/api/v1/reviews/{case_id}/decide/", {"decision": "approve"})
    assert second.status_code == 409
    assert second.json()["code"] == ReviewErrorCode.CASE_STATE
    assert not Status.objects.exists()


def test_strangers_see_nothing_and_applicants_cannot_decide(api_as, organization, owner):
    case_id = complete_draft(organization, owner).case_id
    stranger = api_as(member_of(OrganizationFactory(), "owner"))
    assert stranger.get(f"/api/v1/status-applications/{case_id}/").status_code == 404
    assert stranger.post(f"/api/v1/status-applications/{case_id}/submit/").status_code == 404
    assert stranger.get("/api/v1/status-applications/").json()["count"] == 0
    assert stranger.get("/api/v1/reviews/").status_code == 403
    assert api_as(owner).post(
        f"/api/v1/reviews/{case_id}/decide/", {"decision": "approve"}
    ).status_code == 404  # fmt: skip


def test_the_queue_filters_and_counts_queries_independently_of_its_length(api_as, a_reviewer, db):
    for _n in range(3):
        organization = OrganizationFactory()
        organization.industries.add(an_industry())
        owner = member_of(organization, "owner")
        application = complete_draft(organization, owner)
        api_as(owner).post(f"/api/v1/status-applications/{application.case_id}/submit/")
    staff = api_as(a_reviewer)
    assert staff.get("/api/v1/reviews/", {"overdue": "true"}).json()["count"] == 0
    assert staff.get("/api/v1/reviews/", {"status": "submitted"}).json()["count"] == 3
    assert staff.get("/api/v1/reviews/", {"kind": "nonsense"}).status_code == 400
    assert staff.get("/api/v1/reviews/", {"overdue": "maybe"}).status_code == 400
    with CaptureQueriesContext(connection) as one:
        staff.get("/api/v1/reviews/", {"page_size": 1})
    with CaptureQueriesContext(connection) as three:
        staff.get("/api/v1/reviews/", {"page_size": 3})
    assert len(one) == len(three)
