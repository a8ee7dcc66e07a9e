"""The KPI reports' API and pages: open, fill, refuse, submit; the fund's campaign pages and
the not-filed list with the register's revocation link."""

import datetime as dt

import pytest
from django.test import Client
from django.utils.html import escape

from innocluster.features.kpireports.models import KpiReport, ReportDue

from ..factories import OrganizationFactory, member_of
from ..status.helpers import fund_admin, reviewer
from .helpers import COMPLETE, YEAR, a_campaign, a_participant, a_report, submitted

pytestmark = pytest.mark.django_db


def page_client(user, language="en"):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


def test_the_api_opens_fills_and_submits_a_report(api_as):
    campaign = a_campaign()
    organization, owner = a_participant()
    ReportDue.objects.create(campaign=campaign, organization=organization)
    api = api_as(owner)
    created = api.post(
        "/api/v1/kpi-reports/", {"organization": organization.pk, "year": YEAR}, format="json"
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    again = api.post(
        "/api/v1/kpi-reports/", {"organization": organization.pk, "year": YEAR}, format="json"
    )
    assert again.json()["id"] == pk
    changed = api.patch(
        f"/api/v1/kpi-reports/{pk}/",
        {"figures": COMPLETE, "contact_phone": "+7 495 000-00-00"},
        format="json",
    )
    assert changed.status_code == 200, changed.json()
    assert {row["code"] for row in changed.json()["rows"]} >= set(COMPLETE)
    submitted_ = api.post(f"/api/v1/kpi-reports/{pk}/submit/")
    assert submitted_.status_code == 200 and submitted_.json()["status"] == "submitted"


def test_the_api_refuses_a_year_not_open_and_a_wrong_unit_with_stable_codes(api_as):
    report = a_report()
    organization, owner = report.case.organization, report.case.created_by
    api = api_as(owner)
    refused = api.post(
        "/api/v1/kpi-reports/", {"organization": organization.pk, "year": 1999}, format="json"
    )
    assert refused.status_code == 400
    assert refused.json()["error_codes"]["year"] == ["kpi_year_not_open"]
    wrong = api.patch(
        f"/api/v1/kpi-reports/{report.case_id}/",
        {"figures": {"revenue": {"value": "5", "unit": "744"}}},
        format="json",
    )
    assert wrong.status_code == 400
    assert wrong.json()["error_codes"]["figures"] == ["kpi_wrong_unit"]


def test_a_viewer_and_an_outsider_get_404(api_as):
    report = a_report()
    viewer = member_of(report.case.organization, "viewer")
    outsider = member_of(OrganizationFactory(), "owner")
    for person in (viewer, outsider):
        api = api_as(person)
        opened = api.post(
            "/api/v1/kpi-reports/",
            {"organization": report.case.organization_id, "year": YEAR},
            format="json",
        )
        assert opened.status_code == 404
        changed = api.patch(
            f"/api/v1/kpi-reports/{report.case_id}/", {"comment": "x"}, format="json"
        )
        assert changed.status_code == 404
    assert KpiReport.objects.count() == 1


def test_returning_an_accepted_report_is_409_case_state(api_as):
    report = submitted()
    api = api_as(reviewer())
    path = f"/api/v1/reviews/{report.case_id}/decide/"
    assert api.post(path, {"decision": "approve"}, format="json").status_code == 200
    again = api.post(path, {"decision": "request_info", "reason": "Why?"}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "case_state"


def test_campaigns_are_the_fund_staffs_only(api_as):
    a_campaign()
    _organization, owner = a_participant()
    assert api_as(owner).get("/api/v1/kpi-campaigns/").status_code == 404
    listed = api_as(reviewer()).get("/api/v1/kpi-campaigns/")
    assert listed.status_code == 200
    opened = api_as(fund_admin()).post(
        "/api/v1/kpi-campaigns/", {"year": 2026, "deadline": "2027-04-01"}, format="json"
    )
    assert opened.status_code == 201
    assert api_as(fund_admin()).get("/api/v1/kpi-indicators/").status_code == 200


def test_the_report_page_in_russian_shows_last_year_and_the_decimal_comma():
    report = submitted()
    client = page_client(report.case.created_by, "ru")
    page = client.get(f"/kpi-reports/{report.case_id}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "1 250 000,50" in text or "1\xa0250\xa0000,50" in text
    assert "Revenue" not in text


def test_the_cabinet_list_opens_the_report_by_a_button():
    campaign = a_campaign()
    organization, owner = a_participant()
    ReportDue.objects.create(campaign=campaign, organization=organization)
    client = page_client(owner)
    assert "Fill in the report" in client.get("/en/kpi-reports/").content.decode()
    opened = client.post("/en/kpi-reports/open", {"year": YEAR, "organization": organization.pk})
    report = KpiReport.objects.get()
    assert opened.status_code == 302 and opened.url.endswith(f"/kpi-reports/{report.case_id}/")
    saved = client.post(
        f"/en/kpi-reports/{report.case_id}/",
        {"figure_headcount": "4,5", "contact_name": "A", "contact_email": "a@example.org"},
    )
    assert saved.status_code == 400 and "a whole number" in saved.content.decode()


def test_after_the_deadline_the_fund_sees_who_has_not_filed_with_the_revocation_link(
    monkeypatch,
):
    from innocluster.features.kpireports import views

    campaign = a_campaign()
    late = a_report(campaign)
    monkeypatch.setattr(views, "moscow_date", lambda: dt.date(2026, 4, 2))
    admin = page_client(fund_admin())
    page = admin.get(f"/en/kpi-reports/campaigns/{campaign.year}/")
    text = page.content.decode()
    assert escape(late.case.organization.short_name) in text
    assert "action=revoked&amp;grounds=kpi_report_not_filed" in text
    number = f"IC-{late.case.organization_id:07d}"
    entry = admin.get(f"/en/register/{number}/?action=revoked&grounds=kpi_report_not_filed")
    assert 'value="kpi_report_not_filed" selected' in entry.content.decode()
    assert (
        page_client(late.case.created_by)
        .get(f"/en/kpi-reports/campaigns/{campaign.year}/")
        .status_code
        == 404
    )
