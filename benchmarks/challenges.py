"""How fast the evaluation board of a city challenge is: each entry's weighted mean, the spread
between evaluators and the scores still missing (challenges.selectors.board), and the board's
page end to end, on a challenge with 500 entries and 10 evaluators scoring 5 criteria each
(25,000 scores; a tenth of the assignments left unscored so `missing` has work to do).

On a throw-away database (a SQLite file in a temporary directory by default, or a PostgreSQL
database created and dropped here with --database-url).

    python benchmarks/challenges.py --quick     # 100 entries, a few seconds
    python benchmarks/challenges.py             # 500 entries, 10 evaluators (issue 20: ≤ 100 ms)
    python benchmarks/challenges.py --database-url postgres://postgres@127.0.0.1:5432/chl_bench

Ends with one line:
RESULT name=challenges entries=… evaluators=… board_median_ms=… board_p95_ms=… page_p95_ms=… db=…
"""

import argparse
import datetime as dt
import random
import statistics
import time

from _support import (  # benchmarks/_support.py
    as_served,
    in_throwaway_folder,
    p95,
    setup_django,
    summary,
)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="100 entries, for CI")
    parser.add_argument("--entries", type=int, help="entries of the challenge (default 500)")
    parser.add_argument("--evaluators", type=int, default=10, help="evaluators (10)")
    parser.add_argument("--repeat", type=int, help="timed repetitions (default 50)")
    parser.add_argument("--database-url", help="a PostgreSQL URL, created and dropped here")
    options = parser.parse_args(argv)
    options.entries = options.entries or (100 if options.quick else 500)
    options.repeat = options.repeat or (10 if options.quick else 50)
    return options


def build(entries: int, evaluators: int):
    from django.utils import timezone

    from innocluster.features.challenges.models import (
        Assignment,
        Challenge,
        Criterion,
        Entry,
        Evaluator,
        Score,
    )  # fmt: skip
    from innocluster.platform.accounts.models import User
    from innocluster.platform.organizations.models import Membership, Organization

    rng = random.Random(20)
    city = Organization.objects.create(
        kind="legal_entity", inn="7700000001", ogrn="1027700000001", full_name="ГБУ Город",
        short_name="ГБУ Город", region="77", legal_address="Москва", org_type="city_organization",
    )  # fmt: skip
    poster = User.objects.create_user("poster@example.ru", "x", full_name="Постер")
    Membership.objects.create(organization=city, user=poster, role="owner")
    people = User.objects.bulk_create(
        User(email=f"eval{i}@example.ru", full_name=f"Эксперт {i}", staff_role="reviewer")
        for i in range(evaluators)
    )
    companies = Organization.objects.bulk_create(
        Organization(
            kind="legal_entity",
            inn=f"78{i:08d}",
            ogrn=f"11277{i:08d}",
            full_name=f"ООО {i}",
            short_name=f"ООО {i}",
            region="77",
            legal_address="Москва",
            org_type="it_company",
        )  # fmt: skip
        for i in range(1, entries + 1)
    )
    now = timezone.now()
    challenge = Challenge.objects.create(
        organization=city, created_by=poster, title="Бенчмарк", problem="P", expected_result="R",
        prize_kind="pilot", prize_amount=1_000_000, submissions_until=now - dt.timedelta(days=1),
        evaluation_until=now.date(), results_by=now.date(),
    )  # fmt: skip
    criteria = Criterion.objects.bulk_create(
        Criterion(challenge=challenge, name=f"К{i}", weight=20, position=i) for i in range(5)
    )
    judges = Evaluator.objects.bulk_create(
        Evaluator(challenge=challenge, user=u, is_fund_expert=True) for u in people
    )
    rows = Entry.objects.bulk_create(
        Entry(
            challenge=challenge,
            organization=c,
            submitted_by=poster,
            title=f"Решение {c.pk}",
            solution="S",
            pilot_plan="P",
        )  # fmt: skip
        for c in companies
    )
    assignments = Assignment.objects.bulk_create(
        Assignment(entry=e, evaluator=j) for e in rows for j in judges
    )
    Score.objects.bulk_create(
        (
            Score(assignment=a, criterion=c, score=rng.randint(0, 10))
            for a in assignments if rng.random() > 0.1 for c in criteria
        ),
        batch_size=5000,
    )  # fmt: skip
    Assignment.objects.filter(entry__challenge=challenge).refresh_totals()  # as score_set does
    return challenge, poster


def timed(function, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        tick = time.perf_counter()
        function()
        samples.append((time.perf_counter() - tick) * 1000)
    return samples


def run(options, workdir):
    setup_django(workdir, options.database_url, tasks_backend="immediate")
    from django.db import connection
    from django.test import Client

    from innocluster.features.challenges import selectors

    challenge, poster = build(options.entries, options.evaluators)
    as_served()  # the planner's statistics, the worker warmed up (benchmarks/_support.py)
    board = timed(lambda: selectors.board(challenge=challenge), options.repeat)
    client = Client(HTTP_HOST="localhost", HTTP_ACCEPT_LANGUAGE="ru")
    client.force_login(poster)
    url = f"/challenges/{challenge.pk}/board/"
    first = client.get(url)
    assert first.status_code == 200, first.status_code
    page = timed(lambda: client.get(url), options.repeat)
    print(f"board (selector), {options.entries} entries × {options.evaluators}: {summary(board)}")
    print(f"board page, end to end: {summary(page)}")
    print(
        f"RESULT name=challenges entries={options.entries} evaluators={options.evaluators} "
        f"board_median_ms={statistics.median(board):.1f} board_p95_ms={p95(board):.1f} "
        f"page_p95_ms={p95(page):.1f} db={connection.vendor}"
    )


def main(argv=None):
    options = parse_args(argv)
    in_throwaway_folder("challenges-bench-", options.database_url, lambda w: run(options, w))


if __name__ == "__main__":
    main()
