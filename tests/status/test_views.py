"""The pages: applying, the reviewer's queue and case, the public register."""

import csv
import io

import pytest
from django.urls import reverse

from innocluster.platform.ledger.services import ledger_checkpoint_sign
from innocluster.platform.reviews import services as reviews
from innocluster.platform.reviews.models import Case
from innocluster.platform.status.models import Status

from ..factories import OrganizationFactory, member_of, with_status
from .helpers import complete_draft, fund_admin, pdf_file, reviewer

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.force_login(user)
    return client


def submitted_case(organization, owner) -> Case:
    return reviews.case_submit(case=complete_draft(organization, owner).case, actor=owner)


def test_apply_fill_attach_and_submit_through_the_pages(client, organization, owner):
    signed_in(client, owner)
    home = client.get("/en/status/")
    assert "Apply for participant status" in home.content.decode()

    created = client.post(reverse("participation:apply", args=[organization.pk]))
    case = Case.objects.get()
    assert created.url == reverse("participation:application", args=[case.pk])
    page = client.get(f"/en/status/applications/{case.pk}/")
    assert owner.email in page.content.decode()  # filled from the profile

    refused = client.post(f"/en/status/applications/{case.pk}/submit")
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "Attach: extract from the state register" in text
    assert "Confirm: The organization accepts the rules" in text

    saved = client.post(
        f"/en/status/applications/{case.pk}/",
        {
            "kind": "participant",
            "contact_name": owner.full_name,
            "contact_phone": "+7 495 111-22-33",
            "contact_email": owner.email,
            "confirm_data_true": "on",
            "confirm_rules": "on",
            "confirm_personal_data": "on",
        },
    )
    assert saved.status_code == 302
    for doc_type in ("registry_extract", "rules_consent"):
        attached = client.post(
            f"/en/status/applications/{case.pk}/documents",
            {"doc_type": doc_type, "file": pdf_file()},
        )
        assert attached.status_code == 302
    client.post(f"/en/status/applications/{case.pk}/submit")
    case.refresh_from_db()
    assert case.status == "submitted" and case.decision_due


def test_a_renamed_image_is_refused_on_the_page(client, organization, owner):
    signed_in(client, owner)
    client.post(reverse("participation:apply", args=[organization.pk]))
    case = Case.objects.get()
    refused = client.post(
        f"/en/status/applications/{case.pk}/documents",
        {"doc_type": "registry_extract", "file": pdf_file("scan.pdf", b"\xff\xd8\xff" + b"1" * 64)},
    )
    assert refused.status_code == 400
    assert "not a readable PDF" in refused.content.decode()


def test_strangers_get_404_for_applications_and_documents(client, organization, owner):
    application = complete_draft(organization, owner)
    document = application.documents.first()
    signed_in(client, member_of(OrganizationFactory(), "owner"))
    base = f"/en/status/applications/{application.case_id}"
    assert client.get(f"{base}/").status_code == 404
    assert client.get(f"{base}/documents/{document.pk}").status_code == 404
    assert client.post(f"{base}/submit").status_code == 404
    assert client.get("/en/reviews/").status_code == 403


def test_the_reviewer_decides_from_the_queue_and_the_case_page(client, organization, owner):
    case = submitted_case(organization, owner)
    staff = reviewer()
    signed_in(client, staff)
    queue = client.get("/en/reviews/")
    assert case.number in queue.content.decode()
    page = client.get(f"/en/reviews/{case.pk}/")
    assert organization.inn in page.content.decode()
    assert "Record the decision" in page.content.decode()
    document = case.status_application.documents.first()
    download = client.get(f"/en/status/applications/{case.pk}/documents/{document.pk}")
    assert download.status_code == 200

    refused = client.post(f"/en/reviews/{case.pk}/decide", {"decision": "reject", "reason": ""})
    assert refused.status_code == 400
    assert "Give the reason for the rejection." in refused.content.decode()

    client.post(f"/en/reviews/{case.pk}/decide", {"decision": "approve"})
    assert Status.objects.get(organization=organization).state == "active"
    late = client.post(f"/en/reviews/{case.pk}/decide", {"decision": "reject", "reason": "No."})
    assert late.status_code == 409
    assert "already approved" in late.content.decode()


def test_the_register_lists_filters_and_exports(client, organization, owner):
    case = submitted_case(organization, owner)
    reviews.case_decide(case=case, reviewer=reviewer(), decision="approve")
    number = Status.objects.get().register_number
    page = client.get("/en/register/", {"kind": "participant", "region": "77"})
    assert number in page.content.decode()
    assert client.get("/en/register/", {"kind": "partner"}).context["page"].paginator.count == 0
    assert client.get("/en/register/", {"region": "999"}).status_code == 400

    exported = client.get("/en/register/export.csv", {"kind": "participant"})
    text = b"".join(exported.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][0] == "register_number" and rows[1][0] == number
    assert rows[1][6] == organization.inn

    ledger_checkpoint_sign()  # as the worker does within seconds: the proof exists from then
    entry = client.get(f"/en/register/{number}/")
    assert case.number in entry.content.decode()
    assert "inclusion proof" in entry.content.decode()


def test_only_a_fund_administrator_changes_a_status_on_the_page(client, organization, owner):
    case = submitted_case(organization, owner)
    reviews.case_decide(case=case, reviewer=reviewer(), decision="approve")
    number = Status.objects.get().register_number
    signed_in(client, reviewer())
    assert client.post(f"/en/register/{number}/change", {}).status_code == 404
    client.logout()
    signed_in(client, fund_admin())
    refused = client.post(f"/en/register/{number}/change", {"action": "revoked", "reason": "x"})
    assert refused.status_code == 400  # no grounds
    client.post(
        f"/en/register/{number}/change",
        {"action": "revoked", "grounds": "liquidation", "reason": "Liquidated in the register."},
    )
    assert Status.objects.get().state == "revoked"
    assert "liquidation" in client.get(f"/en/register/{number}/").content.decode()


def test_the_export_never_hands_a_spreadsheet_a_formula(client, db):
    organization = OrganizationFactory(short_name='=HYPERLINK("http://evil.example","Открыть")')
    with_status(organization)
    exported = client.get("/en/register/export.csv")
    text = b"".join(exported.streaming_content).decode("utf-8").lstrip("\ufeff")
    row = list(csv.reader(io.StringIO(text)))[1]
    assert row[4].startswith("'=HYPERLINK")
