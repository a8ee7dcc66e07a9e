"""The audit trail of a pilot (issue 20, "throughout"): each step from the approval to the
published result is recorded once, with who took it, in the transaction of the step; a
refused step records nothing."""

import pytest

from innocluster.core.errors import Conflict
from innocluster.core.models import AuditEvent
from innocluster.features.pilots import plan as planning
from innocluster.features.pilots import results, testing

from .test_plan import PLAN, pilot_at_agreement
from .test_results import MEASURED, REPORT

pytestmark = pytest.mark.django_db


def trail(pilot) -> list[tuple[str, int | None]]:
    events = AuditEvent.objects.filter(target_type="pilots.pilot", target_id=str(pilot.pk))
    return list(events.order_by("id").values_list("action", "actor_id"))


def test_every_step_of_a_pilot_is_on_the_trail_once_with_who_took_it():
    pilot, owner, person, fund = pilot_at_agreement()
    planning.plan_update(pilot=pilot, actor=owner, **PLAN)
    for actor, party in ((owner, "company"), (person, "site"), (fund, "fund")):
        planning.plan_agree(pilot=pilot, actor=actor, party=party)
    planning.pilot_start(pilot=pilot, actor=owner)
    testing.note_add(pilot=pilot, actor=owner, text="Установили датчики")
    testing.pilot_pause(pilot=pilot, actor=person, reason="Ремонт")
    testing.pilot_resume(pilot=pilot, actor=owner)
    testing.pilot_finish(pilot=pilot, actor=person)
    results.report_file(pilot=pilot, actor=person, measured=MEASURED, **REPORT)
    results.report_answer(pilot=pilot, actor=owner, text="Спасибо")
    results.result_publish(pilot=pilot, actor=fund)

    steps = trail(pilot)
    assert [action for action, _actor in steps[:2]] == ["pilot.opened", "pilot.consent_agreed"]
    assert steps[1][1] == person.pk
    assert steps[2:] == [
        ("pilot.plan_changed", owner.pk),
        ("pilot.plan_agreed", owner.pk),
        ("pilot.plan_agreed", person.pk),
        ("pilot.plan_agreed", fund.pk),
        ("pilot.started", owner.pk),
        ("pilot.note", owner.pk),
        ("pilot.pause", person.pk),
        ("pilot.resume", owner.pk),
        ("pilot.finish", person.pk),
        ("pilot.report_filed", person.pk),
        ("pilot.report_answered", owner.pk),
        ("pilot.result_published", fund.pk),
    ]
    published = AuditEvent.objects.get(action="pilot.result_published")
    assert published.organization_id == pilot.organization_id
    assert published.changes["sha256"] == pilot.report.sha256

    # Refused: nothing more on the trail.
    with pytest.raises(Conflict):
        results.report_answer(pilot=pilot, actor=owner, text="Передумали")
    with pytest.raises(Conflict):
        results.result_publish(pilot=pilot, actor=owner)
    with pytest.raises(Conflict):
        results.report_file(pilot=pilot, actor=person, measured=MEASURED, **REPORT)
    assert trail(pilot) == steps
