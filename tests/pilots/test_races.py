"""Two approvals at once for the last place of a site: one pilot, one 409 (PostgreSQL's row
locks on the sites). Two people of a site filing the pilot's report at once: one report, one
409 (the pilot's row lock), and the page's loser is told so."""

import threading

import pytest
from django.db import connection, connections

from innocluster.core.errors import Conflict
from innocluster.core.models import AuditEvent
from innocluster.features.pilots import consent as consenting
from innocluster.features.pilots import results
from innocluster.features.pilots.models import Pilot, PilotReport, SiteConsent
from innocluster.platform.notifications.models import Notification
from innocluster.platform.reviews import services as reviews
from innocluster.platform.reviews.models import Case
from tests.factories import member_of

from ..reviews.plug import api_client, page_client
from ..status.helpers import reviewer
from .proposal_helpers import a_proposal, a_site_person
from .test_results import MEASURED, REPORT, finished_pilot


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (row locks)")
@pytest.mark.django_db(transaction=True)
def test_two_approvals_for_the_last_place_give_one_pilot_and_a_409(monkeypatch):
    site, _ = a_site_person(capacity=1)
    proposals = [a_proposal([site]), a_proposal([site])]
    for proposal in proposals:
        reviews.case_submit(case=proposal.case, actor=proposal.case.created_by)
    both_there = threading.Barrier(2, timeout=10)
    locked_sites = consenting._locked_sites

    def lock_together(site_ids):
        both_there.wait()
        return locked_sites(site_ids)

    monkeypatch.setattr(consenting, "_locked_sites", lock_together)
    outcomes = []

    def approve(proposal, who):
        try:
            reviews.case_decide(case=proposal.case, reviewer=who, decision="approve")
            outcomes.append("approved")
        except Exception as error:  # noqa: BLE001 (asserted below)
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=approve, args=(proposal, reviewer())) for proposal in proposals
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "deadlocked"

    refused = [outcome for outcome in outcomes if outcome != "approved"]
    assert outcomes.count("approved") == 1 and len(refused) == 1, outcomes
    assert isinstance(refused[0], Conflict) and refused[0].code == "pilot_site_full"
    assert Pilot.objects.count() == SiteConsent.objects.count() == 1
    assert sorted(Case.objects.values_list("status", flat=True)) == ["approved", "submitted"]


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (row locks)")
@pytest.mark.django_db(transaction=True)
def test_two_site_people_filing_the_report_at_once_file_one_and_the_other_gets_a_409(
    monkeypatch,
):
    pilot, owner, person, fund = finished_pilot()
    site = pilot.consents.get().site
    colleague = member_of(site.organization, "editor")
    site.people.add(colleague)
    both_there = threading.Barrier(2, timeout=10)
    locked = results._locked

    def lock_together(pilot):
        both_there.wait()  # both have read the pilot as finished with no report
        return locked(pilot)

    monkeypatch.setattr(results, "_locked", lock_together)
    body = {**REPORT, "measured": MEASURED}
    outcomes = []

    def file(who, opinion):
        try:
            response = api_client(who).post(
                f"/api/v1/pilots/{pilot.pk}/report/", {**body, "users_opinion": opinion},
                format="json",
            )  # fmt: skip
            outcomes.append((response.status_code, response.json(), opinion))
        except Exception as error:  # noqa: BLE001 (asserted below)
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=file, args=(who, opinion))
        for who, opinion in ((person, "Первый отзыв"), (colleague, "Второй отзыв"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "deadlocked"

    assert all(isinstance(outcome, tuple) for outcome in outcomes), outcomes  # no 500
    assert sorted(outcome[0] for outcome in outcomes) == [201, 409], outcomes
    (won,) = [outcome for outcome in outcomes if outcome[0] == 201]
    (lost,) = [outcome for outcome in outcomes if outcome[0] == 409]
    assert lost[1]["code"] == "pilot_report_filed", lost
    assert lost[1]["detail"] == "The site's report is filed already."
    report = PilotReport.objects.get()  # one report, the winner's whole
    assert report.users_opinion == won[2] and [r["value"] for r in report.measured] == [
        "96.4", "14",
    ]  # fmt: skip
    assert AuditEvent.objects.filter(action="pilot.report_filed").count() == 1
    assert Notification.objects.filter(kind="pilots.report_filed", recipient=owner).count() == 1
    assert Pilot.objects.get(pk=pilot.pk).status == "finished"


@pytest.mark.django_db
def test_a_report_filed_meanwhile_is_said_on_the_page_of_the_one_who_comes_second():
    # The race's loser on the page: the form is gone (the report is there), so the refusal is
    # said as a message, with the 409, rather than silently.
    pilot, owner, person, fund = finished_pilot()
    site = pilot.consents.get().site
    colleague = member_of(site.organization, "editor")
    site.people.add(colleague)
    form = {"users_opinion": "Хорошо", "would_buy": "yes", "kpi_1": "96,4", "kpi_2": "14"}
    first = page_client(person).post(f"/pilots/{pilot.pk}/report/", form)
    assert first.status_code == 302
    second = page_client(colleague).post(
        f"/en/pilots/{pilot.pk}/report/", {**form, "users_opinion": "Другое", "kpi_1": "96.4"}
    )
    assert second.status_code == 409
    assert "The site&#x27;s report is filed already." in second.content.decode()
    assert PilotReport.objects.get().users_opinion == "Хорошо"
    late = page_client(owner).post(f"/en/pilots/{pilot.pk}/report/answer/", {"text": "x"})
    assert late.status_code == 302
    page_client(owner).post(f"/pilots/{pilot.pk}/publish/")
    refused = page_client(owner).post(f"/en/pilots/{pilot.pk}/report/answer/", {"text": "y"})
    assert refused.status_code == 409
    assert "The result is published and no longer changes." in refused.content.decode()
    assert PilotReport.objects.get().company_answer == "x"
