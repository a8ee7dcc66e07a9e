"""The running test (issue 20, step 4): notes and incidents, paused, resumed, stopped early
with a reason, finished; each step from its stages only."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from innocluster.core.errors import Conflict, NotFound, PermissionDenied
from innocluster.features.pilots import plan as planning
from innocluster.features.pilots import testing
from innocluster.features.pilots.models import Pilot, PilotNote
from tests.factories import OrganizationFactory, member_of

from ..reviews.plug import api_client, code_of
from .test_plan import PLAN, pilot_at_agreement

pytestmark = pytest.mark.django_db


def running_pilot():
    pilot, owner, person, fund = pilot_at_agreement()
    planning.plan_update(pilot=pilot, actor=owner, **PLAN)
    for actor, party in ((owner, "company"), (person, "site"), (fund, "fund")):
        planning.plan_agree(pilot=pilot, actor=actor, party=party)
    return planning.pilot_start(pilot=pilot, actor=owner), owner, person, fund


def test_notes_from_both_sides_pause_resume_and_finish():
    pilot, owner, person, fund = running_pilot()
    testing.note_add(pilot=pilot, actor=owner, text="Установили датчики")
    incident = testing.note_add(pilot=pilot, actor=person, text="Сбой питания", kind="incident")
    assert (incident.side, incident.kind) == ("site", "incident")
    with pytest.raises(ValidationError) as no_reason:
        testing.pilot_pause(pilot=pilot, actor=person, reason=" ")
    assert code_of(no_reason.value, "reason") == "required"
    assert testing.pilot_pause(pilot=pilot, actor=person, reason="Ремонт").status == "paused"
    assert testing.pilot_resume(pilot=pilot, actor=owner).status == "running"
    assert testing.pilot_finish(pilot=pilot, actor=person).status == "finished"
    with pytest.raises(Conflict) as late:
        testing.note_add(pilot=pilot, actor=owner, text="Ещё")
    assert late.value.code == "pilot_state"
    assert PilotNote.objects.count() == 2


def test_stopped_early_with_a_reason_and_not_twice():
    pilot, owner, person, fund = running_pilot()
    stopped = testing.pilot_stop(pilot=pilot, actor=owner, reason="Продукт не готов")
    assert (stopped.status, stopped.status_reason) == ("stopped", "Продукт не готов")
    with pytest.raises(Conflict):
        testing.pilot_resume(pilot=pilot, actor=owner)


def test_outsiders_the_fund_and_future_dates_are_refused_and_write_nothing():
    pilot, owner, person, fund = running_pilot()
    outsider = member_of(OrganizationFactory(), "owner")
    with pytest.raises(NotFound):
        testing.note_add(pilot=pilot, actor=outsider, text="x")
    with pytest.raises(PermissionDenied):
        testing.pilot_pause(pilot=pilot, actor=fund, reason="Нет")
    with pytest.raises(ValidationError) as future:
        testing.note_add(pilot=pilot, actor=owner, text="x", on=dt.date(2999, 1, 1))
    assert code_of(future.value, "on") == "pilot_note_date"
    assert not PilotNote.objects.exists()
    assert Pilot.objects.get(pk=pilot.pk).status == "running"


def test_the_api_keeps_the_log_and_moves_the_test():
    pilot, owner, person, fund = running_pilot()
    client = api_client(person)
    noted = client.post(
        f"/api/v1/pilots/{pilot.pk}/notes/", {"text": "Первый день", "kind": "note"}
    )
    assert noted.status_code == 200, noted.content
    assert noted.json()["notes"][0]["side"] == "site"
    assert client.post(f"/api/v1/pilots/{pilot.pk}/pause/", {}).status_code == 400
    paused = client.post(f"/api/v1/pilots/{pilot.pk}/pause/", {"reason": "Ремонт"})
    assert paused.json()["status"] == "paused"
    outsider = api_client(member_of(OrganizationFactory(), "owner"))
    assert outsider.post(f"/api/v1/pilots/{pilot.pk}/resume/").status_code == 404
    assert client.post(f"/api/v1/pilots/{pilot.pk}/finish/").status_code == 409


def test_the_pilot_page_keeps_the_log_and_moves_the_test():
    from ..reviews.plug import page_client

    pilot, owner, person, fund = running_pilot()
    client = page_client(person)
    assert "Add to the log" in client.get(f"/en/pilots/{pilot.pk}/").content.decode()
    bad = client.post(f"/en/pilots/{pilot.pk}/notes/", {"kind": "incident", "text": ""})
    assert bad.status_code == 400
    added = client.post(f"/en/pilots/{pilot.pk}/notes/", {"kind": "incident", "text": "Сбой"})
    assert added.status_code == 302
    client.post(f"/en/pilots/{pilot.pk}/pause/", {"reason": ""})
    assert Pilot.objects.get(pk=pilot.pk).status == "running"  # no reason, no pause
    client.post(f"/en/pilots/{pilot.pk}/pause/", {"reason": "Ремонт"})
    assert Pilot.objects.get(pk=pilot.pk).status == "paused"
    assert client.post(f"/en/pilots/{pilot.pk}/fly/").status_code == 404
    page = client.get(f"/en/pilots/{pilot.pk}/").content.decode()
    assert "Сбой" in page and "Ремонт" in page
