"""The end of a pilot (issue 20, steps 5 and 6): the site's report with each KPI measured in
its unit, the company's answer, the published result with its hash on the ledger, its
catalogue, the one search and the company's profile."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from innocluster.core.errors import Conflict, NotFound, PermissionDenied
from innocluster.features.pilots import results, testing
from innocluster.features.pilots.models import Pilot, PilotReport
from innocluster.platform.ledger.models import Entry as LedgerEntry
from innocluster.platform.search import sources
from tests.factories import OrganizationFactory, member_of

from ..reviews.plug import api_client, page_client
from .test_testing import running_pilot

pytestmark = pytest.mark.django_db

MEASURED = [{"unit": "percent", "value": "96.4"}, {"unit": "minutes", "value": "14"}]
REPORT = {
    "users_opinion": "Врачи довольны подсказками",
    "recommendations": "Добавить экспорт в ЕМИАС",
    "would_buy": True,
    "confidential": "Сбой на третьей неделе по вине площадки",
}


def finished_pilot():
    pilot, owner, person, fund = running_pilot()
    return testing.pilot_finish(pilot=pilot, actor=owner), owner, person, fund


def published_pilot():
    pilot, owner, person, fund = finished_pilot()
    results.report_file(pilot=pilot, actor=person, measured=MEASURED, **REPORT)
    results.report_answer(pilot=pilot, actor=owner, text="Экспорт будет в версии 2.1")
    return results.result_publish(pilot=pilot, actor=owner), owner, person, fund


def test_the_site_reports_each_kpi_measured_and_the_company_answers():
    pilot, owner, person, fund = finished_pilot()
    report = results.report_file(pilot=pilot, actor=person, measured=MEASURED, **REPORT)
    assert [row["value"] for row in report.measured] == ["96.4", "14"]
    assert [row["target"] for row in report.measured] == ["95", "12.5"]
    assert report.organization == pilot.organization and report.category == "health"
    assert not report.is_published
    answered = results.report_answer(pilot=pilot, actor=owner, text="Спасибо, учтём")
    assert answered.company_answer == "Спасибо, учтём" and answered.answered_at
    with pytest.raises(Conflict) as twice:
        results.report_file(pilot=pilot, actor=person, measured=MEASURED, **REPORT)
    assert twice.value.code == "pilot_report_filed"


def test_no_report_before_the_end_and_nothing_written():
    pilot, owner, person, fund = running_pilot()
    with pytest.raises(Conflict) as early:
        results.report_file(pilot=pilot, actor=person, measured=MEASURED, **REPORT)
    assert early.value.code == "pilot_report_early"
    testing.pilot_pause(pilot=pilot, actor=person, reason="Ремонт")
    with pytest.raises(Conflict) as paused:
        results.report_file(pilot=pilot, actor=person, measured=MEASURED, **REPORT)
    assert paused.value.code == "pilot_report_early"
    testing.pilot_stop(pilot=pilot, actor=owner, reason="Продукт не готов")
    with pytest.raises(Conflict) as stopped:
        results.report_file(pilot=pilot, actor=person, measured=MEASURED, **REPORT)
    assert stopped.value.code == "pilot_state"
    assert not PilotReport.objects.exists()


@pytest.mark.parametrize(
    ("measured", "code"),
    [
        ([{"unit": "seconds", "value": "96"}, {"unit": "minutes", "value": "14"}],
         "pilot_kpi_unit"),
        ([{"unit": "percent", "value": "140"}, {"unit": "minutes", "value": "14"}],
         "pilot_kpi_value"),
        ([{"unit": "percent", "value": "90"}, {"unit": "minutes", "value": "-1"}],
         "pilot_kpi_value"),
        ([{"unit": "percent", "value": "много"}, {"unit": "minutes", "value": "14"}],
         "pilot_kpi_value"),
        ([{"unit": "percent", "value": "90"}], "pilot_kpi_value"),
        ([{"unit": "percent", "value": "90"}, {"unit": "minutes", "value": ""}],
         "pilot_kpi_value"),
    ],
)  # fmt: skip
def test_a_value_of_the_wrong_unit_or_range_is_refused_and_nothing_written(measured, code):
    pilot, owner, person, fund = finished_pilot()
    with pytest.raises(ValidationError) as refused:
        results.report_file(pilot=pilot, actor=person, measured=measured, **REPORT)
    assert refused.value.error_dict["measured"][0].code == code
    assert not PilotReport.objects.exists()
    assert Pilot.objects.get(pk=pilot.pk).status == "finished"


def test_only_the_site_reports_and_outsiders_see_nothing():
    pilot, owner, person, fund = finished_pilot()
    with pytest.raises(PermissionDenied):
        results.report_file(pilot=pilot, actor=owner, measured=MEASURED, **REPORT)
    outsider = member_of(OrganizationFactory(), "owner")
    with pytest.raises(NotFound):
        results.report_file(pilot=pilot, actor=outsider, measured=MEASURED, **REPORT)
    with pytest.raises(Conflict) as nothing:
        results.result_publish(pilot=pilot, actor=owner)
    assert nothing.value.code == "pilot_report_missing"
    results.report_file(pilot=pilot, actor=person, measured=MEASURED, **REPORT)
    with pytest.raises(PermissionDenied):
        results.result_publish(pilot=pilot, actor=person)
    with pytest.raises(PermissionDenied):
        results.report_answer(pilot=pilot, actor=person, text="Не моё")
    assert not PilotReport.objects.get().is_published


def test_the_published_result_has_its_hash_on_the_ledger_and_no_longer_changes():
    before = LedgerEntry.objects.filter(kind="pilot.result_published").count()
    report, owner, person, fund = published_pilot()
    assert report.is_published and report.sha256 == results.report_sha256(report)
    assert Pilot.objects.get(pk=report.pilot_id).status == "published"
    entries = LedgerEntry.objects.filter(kind="pilot.result_published")
    assert entries.count() == before + 1 and report.sha256 in entries.get().data
    assert "confidential" not in results.report_canonical(report)
    with pytest.raises(Conflict) as late:
        results.report_answer(pilot=report.pilot, actor=owner, text="Передумали")
    assert late.value.code == "pilot_report_published"
    with pytest.raises(Conflict):
        results.result_publish(pilot=report.pilot, actor=fund)


def test_the_public_page_catalogue_search_and_profile_show_it_less_the_confidential():
    report, owner, person, fund = published_pilot()
    anonymous = Client(HTTP_ACCEPT_LANGUAGE="ru")
    page = anonymous.get(f"/pilots/results/{report.pk}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Врачи довольны подсказками" in text and "Экспорт будет в версии 2.1" in text
    assert "Сбой на третьей неделе" not in text
    assert "96,4" in text and "12,5" in text and "12.5" not in text
    listed = anonymous.get("/pilots/results/", {"q": "подсказками", "would_buy": "true"})
    assert report.title in listed.content.decode()
    none = anonymous.get("/pilots/results/", {"would_buy": "false"})
    assert report.title not in none.content.decode()
    assert anonymous.get("/pilots/results/", {"would_buy": "maybe"}).status_code == 400
    found = {s.source.code: s.count for s in sources.sections(query="подсказками врачи")}
    assert found.get("pilots") == 1
    profile = anonymous.get(f"/organizations/{report.organization_id}/")
    assert f"/pilots/results/{report.pk}/" in profile.content.decode()


def test_the_profile_reads_its_results_in_one_query(django_assert_num_queries):
    # The profile's section reads only the columns it shows (selectors.organization_results):
    # one it showed but did not read would cost a query a result.
    from django.template.loader import render_to_string

    from innocluster.features.pilots.templatetags.pilots import organization_pilots

    report, *_people = published_pilot()
    organization = report.organization
    with django_assert_num_queries(1):
        html = render_to_string(
            "pilots/includes/organization_results.html", organization_pilots(organization)
        )
    assert f"/pilots/results/{report.pk}/" in html and report.title in html


def test_an_unpublished_report_has_no_public_page():
    pilot, owner, person, fund = finished_pilot()
    report = results.report_file(pilot=pilot, actor=person, measured=MEASURED, **REPORT)
    assert Client().get(f"/pilots/results/{report.pk}/").status_code == 404
    assert report.title not in Client().get("/pilots/results/").content.decode()
    found = {s.source.code for s in sources.sections(query="подсказками")}
    assert "pilots" not in found


def test_the_pages_file_the_report_with_russian_decimals_and_refuse_a_bad_value():
    pilot, owner, person, fund = finished_pilot()
    site = page_client(person)
    shown = site.get(f"/pilots/{pilot.pk}/")
    assert "kpi_2" in shown.content.decode()
    form = {"users_opinion": "Хорошо", "would_buy": "no", "kpi_1": "140", "kpi_2": "14,5"}
    refused = site.post(f"/pilots/{pilot.pk}/report/", form)
    assert refused.status_code == 400 and not PilotReport.objects.exists()
    filed = site.post(f"/pilots/{pilot.pk}/report/", {**form, "kpi_1": "96,4"})
    assert filed.status_code == 302
    report = PilotReport.objects.get()
    assert [row["value"] for row in report.measured] == ["96.4", "14.5"]
    company = page_client(owner)
    assert company.post(f"/pilots/{pilot.pk}/report/answer/", {"text": "Учтём"}).status_code == 302
    published = company.post(f"/pilots/{pilot.pk}/publish/")
    assert published.status_code == 302 and published["Location"].endswith(
        f"/pilots/results/{report.pk}/"
    )


def test_the_api_files_answers_and_publishes_and_refuses_a_wrong_unit():
    from ..reviews.plug import api_client

    pilot, owner, person, fund = finished_pilot()
    site = api_client(person)
    body = {**REPORT, "measured": MEASURED}
    wrong = site.post(
        f"/api/v1/pilots/{pilot.pk}/report/",
        {**body, "measured": [{"unit": "seconds", "value": "96"}, MEASURED[1]]},
        format="json",
    )
    assert wrong.status_code == 400 and "pilot_kpi_unit" in wrong.content.decode()
    assert not PilotReport.objects.exists()
    filed = site.post(f"/api/v1/pilots/{pilot.pk}/report/", body, format="json")
    assert filed.status_code == 201, filed.content
    assert filed.json()["confidential"] == REPORT["confidential"]
    company = api_client(owner)
    answered = company.post(f"/api/v1/pilots/{pilot.pk}/report/answer/", {"text": "Учтём"})
    assert answered.json()["company_answer"] == "Учтём"
    assert site.post(f"/api/v1/pilots/{pilot.pk}/publish/").status_code == 403
    published = company.post(f"/api/v1/pilots/{pilot.pk}/publish/")
    assert published.status_code == 200 and published.json()["sha256"]
    public = api_client().get("/api/v1/pilot-results/", {"would_buy": "true"}).json()
    assert [row["pilot"] for row in public["results"]] == [pilot.pk]
    assert "confidential" not in public["results"][0]
    outsider = api_client(member_of(OrganizationFactory(), "owner"))
    assert outsider.get(f"/api/v1/pilots/{pilot.pk}/report/").status_code == 404


def test_a_site_that_refused_sees_the_pilot_but_not_the_confidential_remarks():
    # The review of the merge found the remarks on the pilot's page and in the API for the
    # people of every site asked, a refusing one included.
    import datetime as dt

    from innocluster.features.pilots.models import SiteConsent

    from .helpers import make_site, site_owner

    pilot, owner, person, fund = finished_pilot()
    results.report_file(pilot=pilot, actor=person, measured=MEASURED, **REPORT)
    refused_organization, refused_site_person = site_owner()
    refused, _operator = make_site(refused_organization, refused_site_person)
    SiteConsent.objects.create(pilot=pilot, site=refused, status="declined", due=dt.date.today())
    remark = REPORT["confidential"]
    for reader, sees in ((owner, True), (person, True), (fund, True), (refused_site_person, False)):
        page = page_client(reader).get(f"/pilots/{pilot.pk}/")
        assert page.status_code == 200
        assert (remark in page.content.decode()) is sees, reader
        client = api_client(reader)
        answer = client.get(f"/api/v1/pilots/{pilot.pk}/report/").json()
        assert (answer["confidential"] == remark) is sees, reader


def test_feedback_before_the_end_is_a_409_in_the_api_and_said_on_the_page():
    pilot, owner, person, fund = running_pilot()
    early = api_client(person).post(
        f"/api/v1/pilots/{pilot.pk}/report/", {**REPORT, "measured": MEASURED}, format="json"
    )
    assert early.status_code == 409 and early.json()["code"] == "pilot_report_early"
    form = {"users_opinion": "Рано", "would_buy": "yes", "kpi_1": "96.4", "kpi_2": "14"}
    page = page_client(person).post(f"/en/pilots/{pilot.pk}/report/", form)
    assert page.status_code == 409
    assert "The site reports once the test is finished; it is running." in page.content.decode()
    assert not PilotReport.objects.exists()
    assert Pilot.objects.get(pk=pilot.pk).status == "running"
