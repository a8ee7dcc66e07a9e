"""The test plan agreed before the start (issue 20, step 3), and the challenge winner's pilot."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from innocluster.core.errors import Conflict, NotFound, PermissionDenied
from innocluster.features.challenges import hooks
from innocluster.features.pilots import consent as consenting
from innocluster.features.pilots import models as pilot_models
from innocluster.features.pilots import plan as planning
from innocluster.features.pilots.models import Pilot
from innocluster.platform.ledger.models import Entry as LedgerEntry
from tests.factories import OrganizationFactory, member_of

from ..reviews.plug import api_client, code_of
from ..status.helpers import reviewer
from .proposal_helpers import a_site_person, approved_pilot

pytestmark = pytest.mark.django_db

PLAN = {
    "starts_on": dt.date(2026, 3, 2),
    "ends_on": dt.date(2026, 4, 24),
    "site_provides": "Кабинет, розетка, Wi-Fi, два врача",
    "confidential": "Данные пациентов",
}


def pilot_at_agreement():
    site, person = a_site_person()
    pilot = approved_pilot([site])
    consenting.consent_answer(consent=pilot.consents.get(), actor=person, agree=True)
    owner = pilot.organization.memberships.get().user
    return Pilot.objects.get(pk=pilot.pk), owner, person, reviewer()


def test_three_parties_agree_and_the_plans_hash_goes_on_the_ledger():
    pilot, owner, person, fund = pilot_at_agreement()
    plan = planning.plan_update(pilot=pilot, actor=owner, **PLAN)
    assert plan.kpis == pilot.kpis and "intellectual property" in plan.ownership_terms
    planning.plan_agree(pilot=pilot, actor=owner, party="company")
    planning.plan_agree(pilot=pilot, actor=person, party="site")
    before = LedgerEntry.objects.count()
    plan = planning.plan_agree(pilot=pilot, actor=fund, party="fund", version=plan.version)
    assert plan.agreed_at and plan.sha256 == planning.plan_sha256(plan)
    entry = LedgerEntry.objects.order_by("-index").first()
    assert LedgerEntry.objects.count() == before + 1
    assert entry.kind == "pilot.plan_agreed" and plan.sha256 in entry.data


def test_a_change_withdraws_the_agreements_given():
    pilot, owner, person, fund = pilot_at_agreement()
    planning.plan_update(pilot=pilot, actor=owner, **PLAN)
    planning.plan_agree(pilot=pilot, actor=owner, party="company")
    plan = planning.plan_update(pilot=pilot, actor=person, site_provides="Только кабинет")
    assert plan.company_agreed_at is None
    with pytest.raises(Conflict) as stale:
        planning.plan_agree(pilot=pilot, actor=fund, party="fund", version=plan.version - 1)
    assert stale.value.code == "pilot_plan_changed"


def test_nothing_starts_without_the_agreed_plan():
    pilot, owner, person, fund = pilot_at_agreement()
    planning.plan_update(pilot=pilot, actor=owner, **PLAN)
    planning.plan_agree(pilot=pilot, actor=owner, party="company")
    planning.plan_agree(pilot=pilot, actor=person, party="site")
    with pytest.raises(Conflict) as refused:
        planning.pilot_start(pilot=pilot, actor=owner)
    assert (refused.value.code, refused.value.status) == ("pilot_plan_not_agreed", 409)
    assert Pilot.objects.get(pk=pilot.pk).status == "agreement"
    response = api_client(owner).post(f"/api/v1/pilots/{pilot.pk}/start/")
    assert response.status_code == 409 and response.json()["code"] == "pilot_plan_not_agreed"
    planning.plan_agree(pilot=pilot, actor=fund, party="fund")
    assert planning.pilot_start(pilot=pilot, actor=person).status == "running"


def test_bad_plans_and_wrong_parties_are_refused_and_change_nothing():
    pilot, owner, person, fund = pilot_at_agreement()
    with pytest.raises(ValidationError) as dates:
        planning.plan_update(
            pilot=pilot, actor=owner, starts_on=dt.date(2026, 5, 1), ends_on=dt.date(2026, 4, 1)
        )
    assert code_of(dates.value, "ends_on") == "pilot_plan_dates"
    with pytest.raises(ValidationError) as unit:
        planning.plan_update(
            pilot=pilot, actor=owner, kpis=[{"name": "x", "unit": "furlongs", "target": "1"}]
        )
    assert code_of(unit.value, "kpis") == "pilot_kpi_invalid"
    assert not pilot_models.TestPlan.objects.filter(pilot=pilot, starts_on__isnull=False).exists()
    with pytest.raises(ValidationError):  # no dates yet
        planning.plan_agree(pilot=pilot, actor=owner, party="company")
    with pytest.raises(PermissionDenied):
        planning.plan_agree(pilot=pilot, actor=owner, party="fund")
    outsider = member_of(OrganizationFactory(), "owner")
    with pytest.raises(NotFound):
        planning.plan_update(pilot=pilot, actor=outsider, **PLAN)
    assert api_client(outsider).post(f"/api/v1/pilots/{pilot.pk}/start/").status_code == 404


def test_the_api_changes_and_agrees_the_plan():
    pilot, owner, person, fund = pilot_at_agreement()
    client = api_client(owner)
    changed = client.patch(
        f"/api/v1/pilots/{pilot.pk}/plan/",
        {**{k: str(v) for k, v in PLAN.items()}},
        format="json",
    )
    assert changed.status_code == 200, changed.content
    version = changed.json()["version"]
    agreed = client.post(
        f"/api/v1/pilots/{pilot.pk}/plan/agree/", {"party": "company", "version": version}
    )
    assert agreed.status_code == 200, agreed.content
    assert agreed.json()["company_agreed_at"]


def test_a_challenge_winner_gets_a_pilot_at_the_agreement_step():
    from tests.challenges.helpers import a_challenge, a_participant

    challenge = a_challenge()
    company, _ = a_participant()
    entry = challenge.entries.create(
        organization=company, title="Табло", solution="Прогноз", pilot_plan="Две остановки",
        submitted_by=company.memberships.get().user,
    )  # fmt: skip
    assert hooks.winner_pilot_hook() is planning.create_pilot_from_entry
    pk = planning.create_pilot_from_entry(entry)
    pilot = Pilot.objects.get(pk=pk)
    assert (pilot.status, pilot.host_organization_id) == ("agreement", challenge.organization_id)
    assert pilot.plan.site_provides == "Две остановки"
    assert planning.create_pilot_from_entry(entry) == pk  # once
    poster = challenge.organization.memberships.get().user
    assert planning.parties_of(pilot=pilot, user=poster) == {"site"}
    # The poster reads the pilot and works on its plan as the site: it is not stuck here
    assert api_client(poster).get(f"/api/v1/pilots/{pk}/").status_code == 200
    assert (
        planning.plan_update(pilot=pilot, actor=poster, **PLAN).site_provides
        == PLAN["site_provides"]
    )


def test_a_plan_changed_after_agreement_must_be_agreed_again_before_the_start():
    pilot, owner, person, fund = pilot_at_agreement()
    planning.plan_update(pilot=pilot, actor=owner, **PLAN)
    for actor, party in ((owner, "company"), (person, "site"), (fund, "fund")):
        planning.plan_agree(pilot=pilot, actor=actor, party=party)
    entries = LedgerEntry.objects.filter(kind="pilot.plan_agreed").count()

    # When the company changes the agreed plan, the whole agreement is gone
    plan = planning.plan_update(pilot=pilot, actor=owner, site_provides="Только кабинет")
    assert (plan.agreed_at, plan.sha256) == (None, "")
    with pytest.raises(Conflict) as refused:
        planning.pilot_start(pilot=pilot, actor=owner)
    assert refused.value.code == "pilot_plan_not_agreed"

    # Agreed again by all three: the new version's hash goes on the ledger, once
    for actor, party in ((owner, "company"), (person, "site"), (fund, "fund")):
        planning.plan_agree(pilot=pilot, actor=actor, party=party)
    planning.plan_agree(pilot=pilot, actor=fund, party="fund")  # a second click adds nothing
    assert LedgerEntry.objects.filter(kind="pilot.plan_agreed").count() == entries + 1
    assert planning.pilot_start(pilot=pilot, actor=owner).status == "running"


def test_the_pilot_page_changes_agrees_and_refuses_to_start_without_the_plan():
    from ..reviews.plug import page_client

    pilot, owner, person, fund = pilot_at_agreement()
    client = page_client(owner)
    page = client.get(f"/en/pilots/{pilot.pk}/").content.decode()
    assert "Change the plan" in page
    data = {
        "starts_on": "2026-03-02", "ends_on": "2026-04-24", "site_provides": "Кабинет",
        "results_ownership": "Компания сохраняет свою ИС", "confidential": "",
        "kpi_0_name": "Точность", "kpi_0_unit": "percent", "kpi_0_target": "95",
    }  # fmt: skip
    bad = client.post(f"/en/pilots/{pilot.pk}/plan/", {**data, "ends_on": "2026-01-01"})
    assert bad.status_code == 400
    assert client.post(f"/en/pilots/{pilot.pk}/plan/", data).status_code == 302
    plan = pilot_models.TestPlan.objects.get(pilot=pilot)
    assert plan.kpis == [{"name": "Точность", "unit": "percent", "target": "95"}]
    client.post(f"/en/pilots/{pilot.pk}/plan/agree/", {"party": "company", "version": plan.version})
    assert client.post(f"/en/pilots/{pilot.pk}/start/").status_code == 302
    assert Pilot.objects.get(pk=pilot.pk).status == "agreement"
    assert pilot_models.TestPlan.objects.get(pilot=pilot).company_agreed_at
