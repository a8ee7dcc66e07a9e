"""The award pages: the list, the award with its agreement and the buttons of whoever may act,
and the files, to the organization's people and the fund's staff only."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from innocluster.core.calendar import moscow_date
from innocluster.features.support.awards import services
from innocluster.features.support.awards.models import Payment

from ...factories import OrganizationFactory, member_of
from .conftest import AMOUNT, an_application
from .helpers import file_report, pdf_file

pytestmark = pytest.mark.django_db


def page(client, user, award):
    client.force_login(user)
    return client.get(f"/en/support/awards/{award.pk}/")


def test_the_names_are_in_the_support_namespace(award):
    assert reverse("support:award", args=[award.pk]) == f"/en/support/awards/{award.pk}/"
    assert reverse("support:award_list") == "/en/support/awards/"


def test_the_owner_sees_the_award_and_may_accept(client, owner, award):
    response = page(client, owner, award)
    body = response.content.decode()
    assert response.status_code == 200
    assert award.agreement.number in body and award.agreement.sha256 in body
    assert "1,000,000.00" in body
    assert "Accept for the organization" in body and "Accept for the fund" not in body
    assert "entry #" in body  # the ledger links of the award


def test_accepting_through_the_page(client, owner, award):
    client.force_login(owner)
    url = reverse("support:agreement_accept", args=[award.pk])
    refused = client.post(url, {"accept-sha256": "f" * 64})
    assert refused.status_code == 409
    assert "download it again" in refused.content.decode()
    accepted = client.post(url, {"accept-sha256": award.agreement.sha256})
    assert accepted.status_code == 302
    award.agreement.refresh_from_db()
    assert award.agreement.recipient_signer == owner
    assert "Accept for the organization" not in page(client, owner, award).content.decode()


def test_the_fund_administrator_accepts_and_the_schedule_appears(client, owner, an_admin, award):
    services.agreement_accept(agreement=award.agreement, actor=owner, sha256=award.agreement.sha256)
    client.force_login(an_admin)
    assert "Accept for the fund" in page(client, an_admin, award).content.decode()
    client.post(
        reverse("support:agreement_accept", args=[award.pk]),
        {"accept-sha256": award.agreement.sha256},
    )
    body = page(client, an_admin, award).content.decode()
    assert "Tranche for year 3" in body and "Record the payment of tranche 1" in body


def test_a_viewer_and_a_reviewer_see_it_without_buttons(client, viewer, a_reviewer, award):
    for person in (viewer, a_reviewer):
        body = page(client, person, award).content.decode()
        assert award.agreement.number in body and "Accept for" not in body


def test_others_get_a_404_for_the_page_and_the_files(client, stranger, award):
    client.force_login(stranger)
    for name in ("award", "agreement_file"):
        assert client.get(reverse(f"support:{name}", args=[award.pk])).status_code == 404
    accept = client.post(
        reverse("support:agreement_accept", args=[award.pk]),
        {"accept-sha256": award.agreement.sha256},
    )
    assert accept.status_code == 404


def test_anonymous_people_are_sent_to_sign_in(client, award):
    response = client.get(reverse("support:agreement_file", args=[award.pk]))
    assert response.status_code == 302 and "login" in response.url


def test_the_agreement_downloads_for_members_and_staff(client, viewer, a_reviewer, award):
    for person in (viewer, a_reviewer):
        client.force_login(person)
        response = client.get(reverse("support:agreement_file", args=[award.pk]))
        assert response.status_code == 200
        content = b"".join(response.streaming_content)
        assert content[:5] == b"%PDF-"
        assert response["Cache-Control"] == "private, no-store"
        assert "attachment" in response["Content-Disposition"]


def test_payment_through_the_page(client, an_admin, owner, in_force):
    client.force_login(an_admin)
    url = reverse("support:payment_record", args=[in_force.pk, 1])
    future = client.post(url, {"payment-paid_on": "2999-01-01", "payment-reference": "1"})
    assert future.status_code == 400 and "future" in future.content.decode()
    paid = client.post(
        url, {"payment-paid_on": moscow_date().isoformat(), "payment-reference": "ПП-1"}
    )
    assert paid.status_code == 302 and Payment.objects.get().amount == Decimal("250000.00")
    again = client.post(
        url, {"payment-paid_on": moscow_date().isoformat(), "payment-reference": "ПП-1"}
    )
    assert again.status_code == 409
    held = client.post(
        reverse("support:payment_record", args=[in_force.pk, 2]),
        {"payment-paid_on": moscow_date().isoformat(), "payment-reference": "ПП-2"},
    )
    assert held.status_code == 409 and "held" in held.content.decode()
    client.force_login(owner)
    assert client.post(url, {"payment-paid_on": "2026-01-01"}).status_code == 400
    assert "ПП-1" in page(client, owner, in_force).content.decode()


def test_a_report_is_filed_accepted_and_downloaded_through_the_pages(
    client, owner, a_reviewer, stranger, in_force
):
    report = in_force.tranches.get(number=2).report
    client.force_login(owner)
    url = reverse("support:report_file", args=[in_force.pk, report.pk])
    prefix = f"report-{report.pk}"
    bad = client.post(url, {f"{prefix}-actual_costs": "1.005", f"{prefix}-file": pdf_file()})
    assert bad.status_code == 400
    filed = client.post(url, {f"{prefix}-actual_costs": "1500.50", f"{prefix}-file": pdf_file()})
    assert filed.status_code == 302
    refused = client.post(reverse("support:report_accept", args=[in_force.pk, report.pk]))
    assert refused.status_code == 403
    client.force_login(a_reviewer)
    body = page(client, a_reviewer, in_force).content.decode()
    assert "Accept the report" in body and "Return the report" in body
    accepted = client.post(reverse("support:report_accept", args=[in_force.pk, report.pk]))
    assert accepted.status_code == 302
    report.refresh_from_db()
    assert report.state == "accepted"
    download = client.get(reverse("support:report_download", args=[in_force.pk, report.pk]))
    assert b"".join(download.streaming_content)[:5] == b"%PDF-"
    client.force_login(stranger)
    download = client.get(reverse("support:report_download", args=[in_force.pk, report.pk]))
    assert download.status_code == 404


def test_returning_a_report_needs_a_reason(client, owner, a_reviewer, in_force):
    report = in_force.tranches.get(number=2).report
    file_report(report, owner)
    client.force_login(a_reviewer)
    url = reverse("support:report_return", args=[in_force.pk, report.pk])
    assert client.post(url, {f"return-{report.pk}-reason": ""}).status_code == 400
    assert client.post(url, {f"return-{report.pk}-reason": "Нет актов"}).status_code == 302
    body = page(client, owner, in_force).content.decode()
    assert "Нет актов" in body and "File the report" in body


def another_award(organization, owner, measure, admin, n):
    application = an_application(organization, owner, measure, amount=AMOUNT + n)
    return services.award_create(application=application, amount=AMOUNT + n, actor=admin)


def test_the_list_shows_my_organizations_awards_at_a_constant_cost(
    client, owner, an_admin, measure, award, django_assert_num_queries
):
    other = OrganizationFactory()
    someone_else = member_of(other, "owner")
    another_award(other, someone_else, measure, an_admin, 1)
    client.force_login(owner)
    with CaptureQueriesContext(connection) as one:
        body = client.get("/en/support/awards/").content.decode()
    assert award.agreement.number in body and "1 award" in body
    for n in range(2, 7):
        another_award(award.organization, owner, measure, an_admin, n)
    with django_assert_num_queries(len(one.captured_queries)):
        body = client.get("/en/support/awards/").content.decode()
    assert "6 awards" in body
    client.force_login(an_admin)
    assert "7 awards" in client.get("/en/support/awards/").content.decode()


def test_the_list_filters_and_refuses_a_bad_filter(client, an_admin, award):
    client.force_login(an_admin)
    year = award.year
    assert "1 award" in client.get(f"/en/support/awards/?year={year}").content.decode()
    assert "0 awards" in client.get(f"/en/support/awards/?year={year + 1}").content.decode()
    assert client.get("/en/support/awards/?agreement_state=nonsense").status_code == 400


def test_the_page_is_russian_by_default(client, owner, in_force):
    client.force_login(owner)
    response = client.get(f"/support/awards/{in_force.pk}/")
    assert response.status_code == 200 and '<html lang="ru">' in response.content.decode()


def test_the_organizations_history_reads_an_award_and_its_agreement_in_words(
    client, owner, an_admin, in_force
):
    # The history page answered 500 for every organization with an award: a reverse
    # relation recorded by name has no label.
    client.force_login(owner)
    page = client.get(f"/en/organizations/{in_force.organization_id}/audit/")

    text = page.content.decode()
    assert page.status_code == 200
    for words in ("awarded support", "accepted the agreement", "brought the agreement into"):
        assert words in text
    assert "support.award.granted" not in text and "support.agreement" not in text


def test_the_lists_filter_labels_begin_with_a_capital(client, owner, award):
    """The filter panel's labels are model-style lower case («организация:»): shown capitalized
    (core/templatetags/catalogue_tags.py `label_capitalized`)."""
    client.force_login(owner)
    body = client.get("/support/awards/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert ">Организация:</label>" in body and ">организация:</label>" not in body
    assert ">Год:</label>" in body
