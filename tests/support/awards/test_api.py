"""The awards API: awards, agreement acceptance, payments and reports, problem+json errors,
404 for what the caller may not see, and list costs that do not grow with the list."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innocluster.core.calendar import moscow_date
from innocluster.core.errors import codes_by_field
from innocluster.features.support.awards import services
from innocluster.features.support.awards.models import Report
from innocluster.features.support.errors import SupportErrorCode as Code

from ...factories import OrganizationFactory, member_of
from .conftest import AMOUNT, accept_both, an_application
from .helpers import accept_report, file_report, pdf_file

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def test_the_owner_reads_the_award_with_its_agreement(api_as, owner, award):
    body = api_as(owner).get(f"/api/v1/awards/{award.pk}/").json()
    assert body["amount"] == "1000000.00" and body["case"] == award.application.case.number
    assert body["agreement"]["sha256"] == award.agreement.sha256
    assert body["agreement"]["state"] == "awaiting" and body["tranches"] == []
    assert body["agreement"]["url"].endswith(f"/awards/{award.pk}/agreement/")


def test_accepting_through_the_api(api_as, owner, an_admin, award):
    url = f"/api/v1/awards/{award.pk}/accept-agreement/"
    mismatch = api_as(owner).post(url, {"sha256": "a" * 64}, format="json")
    assert mismatch.status_code == 409 and mismatch["Content-Type"] == PROBLEM
    assert mismatch.json()["code"] == Code.AGREEMENT_HASH_MISMATCH
    malformed = api_as(owner).post(url, {"sha256": "nope"}, format="json")
    assert malformed.status_code == 400
    assert malformed.json()["error_codes"] == {"sha256": ["invalid"]}
    sha = award.agreement.sha256
    assert api_as(owner).post(url, {"sha256": sha}, format="json").status_code == 200
    assert api_as(owner).post(url, {"sha256": sha}, format="json").status_code == 200
    body = api_as(an_admin).post(url, {"sha256": sha}, format="json").json()
    assert body["agreement"]["state"] == "in_force"
    assert sum(Decimal(t["amount"]) for t in body["tranches"]) == Decimal(body["amount"])
    assert [r["tranche_number"] for r in body["reports"]] == [2, 3, 4]


def test_the_wrong_people_are_refused(api_as, editor, a_reviewer, stranger, award):
    url = f"/api/v1/awards/{award.pk}/accept-agreement/"
    data = {"sha256": award.agreement.sha256}
    assert api_as(editor).post(url, data, format="json").status_code == 403
    assert api_as(a_reviewer).post(url, data, format="json").status_code == 403
    hidden = api_as(stranger).post(url, data, format="json")
    assert hidden.status_code == 404 and hidden["Content-Type"] == PROBLEM


def test_another_organizations_award_and_agreement_are_404(api_as, stranger, award):
    client = api_as(stranger)
    assert client.get(f"/api/v1/awards/{award.pk}/").status_code == 404
    assert client.get(f"/api/v1/awards/{award.pk}/agreement/").status_code == 404
    assert client.get("/api/v1/awards/").json()["count"] == 0


def test_anonymous_callers_get_401(api, award):
    response = api.get("/api/v1/awards/")
    assert response.status_code == 401 and response["Content-Type"] == PROBLEM


def test_the_agreement_downloads(api_as, viewer, award):
    response = api_as(viewer).get(f"/api/v1/awards/{award.pk}/agreement/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:5] == b"%PDF-"


def test_payments_through_the_api(api_as, an_admin, owner, stranger, in_force):
    first = in_force.tranches.get(number=1)
    data = {"tranche": first.pk, "paid_on": moscow_date().isoformat(), "reference": "ПП-7"}
    assert api_as(owner).post("/api/v1/payments/", data, format="json").status_code == 403
    assert api_as(stranger).post("/api/v1/payments/", data, format="json").status_code == 404
    missing = api_as(an_admin).post("/api/v1/payments/", {**data, "tranche": 0}, format="json")
    assert missing.status_code == 404
    bad = api_as(an_admin).post("/api/v1/payments/", {**data, "paid_on": "2999-01-01"})
    assert bad.status_code == 400
    assert bad.json()["error_codes"] == {"paid_on": [Code.PAID_IN_FUTURE]}
    created = api_as(an_admin).post("/api/v1/payments/", data, format="json")
    assert created.status_code == 201
    assert created.json()["amount"] == "250000.00" and created.json()["tranche_number"] == 1
    twice = api_as(an_admin).post("/api/v1/payments/", data, format="json")
    assert twice.status_code == 409 and twice.json()["code"] == Code.ALREADY_PAID
    second = {**data, "tranche": in_force.tranches.get(number=2).pk}
    held = api_as(an_admin).post("/api/v1/payments/", second, format="json")
    assert held.status_code == 409 and held.json()["code"] == Code.REPORT_MISSING
    assert api_as(owner).get("/api/v1/payments/").json()["count"] == 1
    assert api_as(stranger).get("/api/v1/payments/").json()["count"] == 0


def test_reports_through_the_api(api_as, owner, viewer, a_reviewer, stranger, in_force):
    report = in_force.tranches.get(number=2).report
    url = f"/api/v1/award-reports/{report.pk}/"
    upload = {"actual_costs": "1200.50", "file": pdf_file()}
    assert api_as(viewer).post(url + "file/", upload, format="multipart").status_code == 403
    upload["file"] = pdf_file()
    assert api_as(stranger).post(url + "file/", upload, format="multipart").status_code == 404
    bad = api_as(owner).post(url + "file/", {"actual_costs": "-1", "file": pdf_file()})
    assert (bad.status_code, bad.json()["error_codes"]) == (400, {"actual_costs": ["min_value"]})
    upload["file"] = pdf_file()
    filed = api_as(owner).post(url + "file/", upload, format="multipart")
    assert filed.status_code == 200 and filed.json()["state"] == "filed"
    assert filed.json()["url"].endswith(f"/award-reports/{report.pk}/document/")
    assert api_as(owner).post(url + "accept/").status_code == 403
    no_reason = api_as(a_reviewer).post(url + "return/", {"reason": ""}, format="json")
    assert (no_reason.status_code, no_reason.json()["error_codes"]) == (400, {"reason": ["blank"]})
    accepted = api_as(a_reviewer).post(url + "accept/")
    assert accepted.status_code == 200 and accepted.json()["state"] == "accepted"
    late = api_as(a_reviewer).post(url + "return/", {"reason": "x"}, format="json")
    assert late.status_code == 409 and late.json()["code"] == Code.REPORT_ACCEPTED
    document = api_as(viewer).get(url + "document/")
    assert b"".join(document.streaming_content)[:5] == b"%PDF-"
    assert api_as(stranger).get(url + "document/").status_code == 404
    assert api_as(stranger).get(url).status_code == 404


def test_a_report_not_filed_has_no_document(api_as, owner, in_force):
    report = in_force.tranches.get(number=2).report
    assert api_as(owner).get(f"/api/v1/award-reports/{report.pk}/document/").status_code == 404


def make_awards(organization, owner, admin, measure, count, start):
    for n in range(start, start + count):
        application = an_application(organization, owner, measure, amount=AMOUNT + n)
        award = services.award_create(application=application, amount=AMOUNT + n, actor=admin)
        accept_both(award, owner, admin)
        tranche = award.tranches.get(number=1)
        services.payment_record(
            tranche=tranche, actor=admin, paid_on=moscow_date(), reference=f"ПП-{n}"
        )
        file_report(tranche.award.tranches.get(number=2).report, owner)


@pytest.mark.parametrize("path", ["awards", "payments", "award-reports"])
def test_lists_cost_the_same_for_more_rows(
    api_as, owner, an_admin, measure, organization, path, django_assert_num_queries
):
    make_awards(organization, owner, an_admin, measure, 1, 1)
    client = api_as(owner)
    client.get(f"/api/v1/{path}/")  # the token's first use is recorded once
    with CaptureQueriesContext(connection) as one:
        assert client.get(f"/api/v1/{path}/").json()["count"] >= 1
    make_awards(organization, owner, an_admin, measure, 4, 2)
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(f"/api/v1/{path}/").json()["count"] >= 5


def test_the_fund_staff_see_every_award_and_filter_them(api_as, a_reviewer, award, measure):
    other = OrganizationFactory()
    someone = member_of(other, "owner")
    admin = member_of(OrganizationFactory(), "viewer", staff_role="admin")
    application = an_application(other, someone, measure)
    services.award_create(application=application, amount=AMOUNT, actor=admin)
    client = api_as(a_reviewer)
    assert client.get("/api/v1/awards/").json()["count"] == 2
    mine = client.get(f"/api/v1/awards/?organization={award.organization_id}").json()
    assert [a["id"] for a in mine["results"]] == [award.pk]
    assert client.get("/api/v1/awards/?agreement_state=bogus").status_code == 400


def test_the_report_list_filters_by_state(api_as, owner, a_reviewer, in_force):
    report = in_force.tranches.get(number=2).report
    file_report(report, owner)
    accept_report(report, a_reviewer)
    client = api_as(owner)
    assert client.get("/api/v1/award-reports/?state=accepted").json()["count"] == 1
    assert client.get("/api/v1/award-reports/?state=due").json()["count"] == 2


def test_a_return_reason_over_the_limit_is_refused_and_one_at_it_taken(
    api_as, owner, a_reviewer, in_force
):
    report = in_force.tranches.get(number=2).report
    file_report(report, owner)
    before = Report.objects.filter(pk=report.pk).values().get()
    url = f"/api/v1/award-reports/{report.pk}/return/"
    over = api_as(a_reviewer).post(url, {"reason": "я" * 2_001}, format="json")
    assert (over.status_code, over.json()["error_codes"]) == (400, {"reason": ["max_length"]})
    with pytest.raises(ValidationError) as refused:
        services.report_return(report=report, actor=a_reviewer, reason="я" * 2_001)
    assert codes_by_field(refused.value) == {"reason": ["max_length"]}
    assert Report.objects.filter(pk=report.pk).values().get() == before
    at = api_as(a_reviewer).post(url, {"reason": "я" * 2_000}, format="json")
    assert at.status_code == 200, at.json()
    assert len(Report.objects.get(pk=report.pk).return_reason) == 2_000
