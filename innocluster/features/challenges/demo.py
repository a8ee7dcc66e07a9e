"""Demo city challenges: 20 of them, posted by the demo's city organizations and corporations,
with entries at every stage: open (entries in, hidden), being evaluated (assigned, partly
and fully scored, some decided) and decided (results published, reasons given). Bulk-created
in a few statements, not through the services: the past dates the services refuse are the
point of the demo."""

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from innocluster.core.calendar import moscow_date
from innocluster.platform.organizations.models import Membership, Organization
from innocluster.platform.status.selectors import with_active_status

from .choices import POSTER_TYPES, Decision, PrizeKind
from .models import Assignment, Challenge, Criterion, Entry, Evaluator, Score

TOPICS = [
    ("Прогноз прибытия автобусов на остановках", "Пассажиры не знают точного времени прибытия."),
    ("Уборка снега во дворах по данным датчиков", "Дворы чистят по графику, а не по снегу."),
    ("Распознавание мусора на контейнерных площадках", "Переполненные площадки замечают поздно."),
    ("Телемедицина для маломобильных пациентов", "Пациенты ждут врача на дому по неделе."),
    ("Учёт посетителей музеев без очередей", "Очереди в кассы в выходные — до часа."),
    ("Предиктивный ремонт лифтов", "Лифты ломаются внезапно, жители ждут ремонта."),
    ("Энергосбережение в школах", "Школы отапливаются одинаково днём и ночью."),
    ("Навигация в больших поликлиниках", "Пациенты теряются и опаздывают на приём."),
    ("Контроль качества воды в реальном времени", "Пробы воды берут раз в неделю."),
    ("Парковки для электросамокатов", "Самокаты загромождают тротуары."),
]
CRITERIA = [
    [("Эффективность решения", 40), ("Стоимость внедрения", 30), ("Готовность к пилоту", 30)],
    [("Точность", 50), ("Масштабируемость", 25), ("Цена", 25)],
    [("Польза для горожан", 60), ("Сроки", 40)],
]
STAGES = ["open"] * 6 + ["evaluating"] * 7 + ["decided"] * 7


@dataclass
class ChallengesReport:
    challenges: int = 0
    entries: int = 0
    scores: int = 0


@transaction.atomic
def build(*, seed: int, count: int = 20) -> ChallengesReport:
    rng = random.Random(seed)
    posters = list(Organization.objects.filter(org_type__in=POSTER_TYPES).order_by("pk")[:40])
    participants = with_active_status(Organization.objects.all(), kinds=("participant",))
    # Never the posters: their people evaluate, and nobody scores their own organization.
    entrants = list(participants.exclude(org_type__in=POSTER_TYPES).order_by("pk")[:300])
    experts = list(get_user_model().objects.filter(staff_role__in=["reviewer", "admin"])[:5])
    if not posters or not entrants:
        return ChallengesReport()
    people = _acting_people([p.pk for p in posters])
    challenges = [_challenge(rng, i, posters[i % len(posters)], people) for i in range(count)]
    Challenge.objects.bulk_create(challenges)
    criteria = Criterion.objects.bulk_create(
        Criterion(challenge=c, name=name, weight=w, position=n)
        for i, c in enumerate(challenges)
        for n, (name, w) in enumerate(CRITERIA[i % 3])
    )
    evaluators = Evaluator.objects.bulk_create(_evaluators(challenges, people, experts))
    people.update(_acting_people([e.pk for e in entrants]))
    fallback = get_user_model().objects.order_by("pk").first()
    entries = Entry.objects.bulk_create(_entries(rng, challenges, entrants, people, fallback))
    assignments = Assignment.objects.bulk_create(_assignments(rng, challenges, entries, evaluators))
    scores = Score.objects.bulk_create(_scores(rng, challenges, criteria, assignments))
    Assignment.objects.filter(pk__in=[a.pk for a in assignments]).refresh_totals()
    return ChallengesReport(len(challenges), len(entries), len(scores))


def _acting_people(organization_ids) -> dict[int, object]:
    people = {}
    for membership in Membership.objects.filter(
        organization_id__in=organization_ids, role__in=["owner", "editor"]
    ).select_related("user"):
        people.setdefault(membership.organization_id, membership.user)
    return people


def _challenge(rng, index, poster, people):
    now = timezone.now()
    stage = STAGES[index % len(STAGES)]
    closes = (
        now + dt.timedelta(days=rng.randint(5, 40))
        if stage == "open"
        else now - dt.timedelta(days=rng.randint(3, 60))
    )
    title, problem = TOPICS[index % len(TOPICS)]
    return Challenge(
        organization=poster,
        created_by=people.get(poster.pk) or get_user_model().objects.order_by("pk").first(),
        title=title if index < len(TOPICS) else f"{title} — второй этап",
        problem=problem,
        expected_result="Работающее решение, проверенное на городской площадке.",
        constraints="Данные горожан не покидают городской контур." if index % 4 == 0 else "",
        prize_kind=PrizeKind.PILOT if index % 3 else PrizeKind.MONEY,
        prize_amount=Decimal(rng.choice([500_000, 1_000_000, 2_000_000, 5_000_000])),
        submissions_until=closes,
        evaluation_until=moscow_date(closes) + dt.timedelta(days=21),
        results_by=moscow_date(closes) + dt.timedelta(days=30),
        entries_public=index % 2 == 0,
        deadline_notified_at=None if stage == "open" else closes,
        results_published_at=now - dt.timedelta(days=1) if stage == "decided" else None,
    )


def _evaluators(challenges, people, experts):
    for challenge in challenges:
        if challenge.organization_id in people:
            yield Evaluator(challenge=challenge, user=people[challenge.organization_id])
        for expert in experts[:2]:
            yield Evaluator(challenge=challenge, user=expert, is_fund_expert=True)


def _entries(rng, challenges, entrants, people, fallback):
    for challenge in challenges:
        decided = challenge.results_published_at is not None
        for n, company in enumerate(rng.sample(entrants, min(len(entrants), rng.randint(4, 12)))):
            decision = ""
            if decided or (challenge.submissions_until < timezone.now() and rng.random() < 0.3):
                decision = Decision.WINNER if n == 0 else Decision.NOT_CHOSEN
            yield Entry(
                challenge=challenge,
                organization=company,
                submitted_by=people.get(company.pk) or fallback,
                title=f"Решение {company.short_name}"[:200],
                solution="Программно-аппаратный комплекс с облачной аналитикой.",
                pilot_plan="Три месяца на двух площадках, еженедельные отчёты.",
                decision=decision,
                reason=(
                    "Лучшее соотношение цены и качества."
                    if n == 0
                    else "Решение дороже и менее готово."
                )
                if decision
                else "",
            )


def _assignments(rng, challenges, entries, evaluators):
    by_challenge = {}
    for evaluator in evaluators:
        by_challenge.setdefault(evaluator.challenge_id, []).append(evaluator)
    for entry in entries:
        if entry.challenge.submissions_until > timezone.now():
            continue
        for evaluator in by_challenge.get(entry.challenge_id, []):
            yield Assignment(entry=entry, evaluator=evaluator)


def _scores(rng, challenges, criteria, assignments):
    by_challenge = {}
    for criterion in criteria:
        by_challenge.setdefault(criterion.challenge_id, []).append(criterion)
    for assignment in assignments:
        challenge = assignment.entry.challenge
        # Evaluating: some scores still missing; decided: all in.
        if challenge.results_published_at is None and rng.random() < 0.3:
            continue
        for criterion in by_challenge[challenge.pk]:
            yield Score(
                assignment=assignment,
                criterion=criterion,
                score=rng.randint(3, 10),
                comment=rng.choice(["", "Убедительно.", "Нужны данные пилота."]),
            )
