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
