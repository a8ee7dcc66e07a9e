import datetime as dt

from django.utils import timezone

from innocluster.features.challenges import services
from innocluster.features.challenges.models import Challenge, Entry
from innocluster.platform.accounts.choices import StaffRole
from tests.factories import OrganizationFactory, UserFactory, member_of, with_status


def a_poster():
    city = OrganizationFactory(org_type="city_organization")
    return city, member_of(city, "owner")


def a_fund_expert():
    return UserFactory(staff_role=StaffRole.REVIEWER)


def a_participant():
    company = with_status(OrganizationFactory())
    return company, member_of(company, "owner")


def a_challenge(city=None, editor=None, *, evaluators=None, **values) -> Challenge:
    if city is None:
        city, editor = a_poster()
    fields = {
        "title": "Умные остановки",
        "problem": "Пассажиры не знают, когда придёт автобус.",
        "expected_result": "Табло с точным прогнозом.",
        "prize_kind": "pilot",
        "prize_amount": "2000000.00",
        "submissions_until": timezone.now() + dt.timedelta(days=10),
        "evaluation_until": timezone.localdate() + dt.timedelta(days=20),
        "results_by": timezone.localdate() + dt.timedelta(days=30),
        "criteria": [("Точность", 60), ("Цена", 40)],
        "evaluators": evaluators if evaluators is not None else [editor],
        **values,
    }
    return services.challenge_create(organization=city, actor=editor, **fields)


def an_entry(challenge, company=None, owner=None, **values) -> Entry:
    if company is None:
        company, owner = a_participant()
    fields = {
        "title": "Табло",
        "solution": "Датчики и модель.",
        "pilot_plan": "Три месяца.",
        **values,
    }
    return services.entry_submit(challenge=challenge, organization=company, actor=owner, **fields)


def close(challenge):
    """Move the deadline into the past (as time passing would)."""
    Challenge.objects.filter(pk=challenge.pk).update(
        submissions_until=timezone.now() - dt.timedelta(minutes=1)
    )
    challenge.refresh_from_db()
    return challenge


def challenge_world(organization, owner, expert) -> dict:
    """For the browser walk: an open challenge `organization` entered, a closed one whose entry
    is assigned to `expert` and partly scored, and a decided one (entries public) where the
    entry was not chosen; the pages each kind of person opens."""

    city, editor = a_poster()
    open_one = a_challenge(city, editor, evaluators=[editor, expert])
    open_entry = an_entry(open_one, organization, owner)
    closed = a_challenge(city, editor, evaluators=[editor, expert], title="Уборка снега")
    closed_entry = an_entry(closed, organization, owner)
    close(closed)
    for evaluator in closed.evaluators.all():
        services.assignment_create(entry=closed_entry, evaluator=evaluator, actor=editor)
    services.score_set(
        entry=closed_entry, actor=expert, criterion_id=closed.criteria.first().pk, score=7
    )
    decided = a_challenge(
        city, editor, evaluators=[editor, expert], title="Навигация в поликлиниках",
        entries_public=True,
    )  # fmt: skip
    decided_entry = an_entry(decided, organization, owner)
    close(decided)
    services.assignment_create(
        entry=decided_entry, evaluator=decided.evaluators.get(user=expert), actor=editor
    )
    for criterion in decided.criteria.all():
        services.score_set(
            entry=decided_entry, actor=expert, criterion_id=criterion.pk, score=6, comment="Дорого"
        )
    services.entry_decide(
        entry=decided_entry, actor=editor, decision="not_chosen", reason="Дороже других."
    )
    services.results_publish(challenge=decided, actor=editor)
    return {
        "poster_user": editor,
        "public": [
            "/challenges/",
            "/challenges/?stage=evaluating&prize_kind=pilot",
            f"/challenges/{open_one.pk}/",
            f"/challenges/{closed.pk}/",
            f"/challenges/{decided.pk}/",
            f"/challenges/entries/{decided_entry.pk}/",
        ],
        "entrant": [
            f"/challenges/{open_one.pk}/enter/",
            f"/challenges/entries/{open_entry.pk}/",
            f"/challenges/entries/{closed_entry.pk}/",
        ],
        "evaluator": [
            f"/challenges/{closed.pk}/",
            f"/challenges/{closed.pk}/assigned/",
            f"/challenges/entries/{closed_entry.pk}/",
            f"/challenges/{closed.pk}/board/",
        ],
        "fund": [f"/challenges/{closed.pk}/board/", f"/challenges/entries/{closed_entry.pk}/"],
        "poster": [
            "/challenges/new/",
            f"/challenges/{closed.pk}/board/",
            f"/challenges/entries/{closed_entry.pk}/",
            f"/challenges/{decided.pk}/board/",
            "/notifications/",
        ],
    }
