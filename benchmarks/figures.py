"""How long the daily figures job takes at scale, and how fast the public figures page answers.

Loads, on a throw-away database (SQLite in a temporary directory by default, or a PostgreSQL
database created and dropped here with --database-url), N organizations (regions, types and
one to three industries spread at random), each with a status granted over five years, 5% of
them suspended or revoked since, set-based; then
- runs the daily job (`snapshot_take`: every registered figure source, GROUP BY in the
  database, the disclosure rule, the JSON, the ledger entry) and times it, against a baseline
  measured in the same run: one bare GROUP BY of the statuses by region in SQL;
- times the drawing of every chart that the job does next (pygal; cached per snapshot and
  language, so no visitor waits for it);
- times the public figures page end to end through Django's test client (it reads the snapshot
  only), against /healthz.

    python benchmarks/figures.py --quick      # 2,000 organizations, 40 rounds, seconds
    python benchmarks/figures.py              # 200,000 organizations, 200 rounds
    python benchmarks/figures.py --orgs 1000000 --database-url postgres://postgres@127.0.0.1:5432/figures_bench

Ends with one line:
RESULT name=figures orgs=… job_s=… job_ratio_vs_groupby=… page_median_ms=… page_p95_ms=…
page_ratio_vs_healthz=… drawing_s=… db=…
"""

import argparse
import random
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

from _support import in_throwaway_folder, p95, setup_django, summary  # benchmarks/_support.py

TARGET_PAGE_MS = 100
TARGET_JOB_S = 300
CHUNK = 20_000
TYPES = ["it_company", "manufacturer", "startup", "university", "laboratory", "investor"]


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2,000 organizations, 40 rounds")
    parser.add_argument("--orgs", type=int, help="organizations (default 200,000)")
    parser.add_argument("--rounds", type=int, help="timed page requests (default 200)")
    parser.add_argument("--database-url", help="a PostgreSQL URL, created and dropped here")
    options = parser.parse_args(argv)
    options.orgs = options.orgs or (2_000 if options.quick else 200_000)
    options.rounds = options.rounds or (40 if options.quick else 200)
    return options


def fill(count: int, seed: int = 23) -> None:
    """Organizations, their statuses and industries, in chunks, set-based."""
    from innocluster.core.regions import CODES
    from innocluster.platform.organizations.models import Industry, Organization
    from innocluster.platform.status.models import Status

    rng = random.Random(seed)
    regions = sorted(CODES)
    industries = [
        Industry.objects.get_or_create(slug=f"bench-{i}", defaults={
            "name_ru": f"Отрасль {i}", "name_en": f"Industry {i}"})[0]
        for i in range(12)
    ]  # fmt: skip
    link = Organization.industries.through
    start = date.today() - timedelta(days=5 * 365)
    for first in range(0, count, CHUNK):
        numbers = range(first, min(first + CHUNK, count))
        moscow = [rng.random() < 0.6 for _ in numbers]
        organizations = Organization.objects.bulk_create(
            Organization(
                kind="legal_entity",
                inn=f"{i:010d}",
                ogrn=f"1{i:012d}",
                full_name=f"ООО «Компания {i}»",
                short_name=f"ООО «Компания {i}»",
                region="77" if here else rng.choice(regions),
                legal_address="г. Москва",
                org_type=rng.choice(TYPES),
                headcount=rng.randint(1, 500),
                year_founded=2010,
            )
            for i, here in zip(numbers, moscow, strict=True)
        )
        Status.objects.bulk_create(
            Status(
                organization=organization,
                kind="participant" if organization.region == "77" else "partner",
                state=rng.choices(["active", "suspended", "revoked"], [95, 2, 3])[0],
                register_number=f"IC-{organization.pk:07d}",
                granted_on=start + timedelta(days=rng.randrange(5 * 365)),
            )
            for organization in organizations
        )
        link.objects.bulk_create(
            link(organization_id=organization.pk, industry_id=industry.pk)
            for organization in organizations
            for industry in rng.sample(industries, rng.randint(1, 3))
        )


def baseline_groupby() -> float:
    """One bare GROUP BY of the statuses by region: the floor of any figure's cost."""
    from django.db.models import Count

    from innocluster.platform.status.models import Status

    tick = time.perf_counter()
    list(Status.objects.values("organization__region").annotate(n=Count("pk")))
    return time.perf_counter() - tick


def timed(client, url: str, rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        tick = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - tick) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return samples


def run(options, workdir: Path) -> None:
    setup_django(workdir, options.database_url, tasks_backend="immediate")
    from django.db import connection
    from django.test import Client

    from innocluster.features.figures.services import snapshot_take

    tick = time.perf_counter()
    fill(options.orgs)
    print(f"figures benchmark: {options.orgs:,} organizations loaded in "
          f"{time.perf_counter() - tick:.1f} s, database {connection.vendor}")  # fmt: skip
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    baselines = [baseline_groupby() for _ in range(3)]
    baseline = statistics.median(baselines)
    tick = time.perf_counter()
    snapshot = snapshot_take()
    job = time.perf_counter() - tick
    print(f"daily job   {job:.2f} s (snapshot {len(snapshot.body):,} bytes); baseline GROUP BY "
          f"{baseline:.3f} s; ratio {job / baseline:.1f}")  # fmt: skip

    from innocluster.features.figures.tasks import warm_pages

    tick = time.perf_counter()
    warm_pages()  # what the daily job does next: every chart drawn, in both languages
    drawing = time.perf_counter() - tick
    print(f"drawing     {drawing:.2f} s (every block of the pages, both languages)")
    client = Client(HTTP_HOST="localhost")
    tick = time.perf_counter()
    client.get("/figures/")
    first_ms = (time.perf_counter() - tick) * 1000
    client.get("/en/figures/")
    client.get("/healthz")
    page = timed(client, "/figures/", options.rounds)
    page_en = timed(client, "/en/figures/", options.rounds)
    health = timed(client, "/healthz", options.rounds)
    print(f"first page  {first_ms:.1f} ms")
    print(f"page (ru)   {summary(page, 2)}")
    print(f"page (en)   {summary(page_en, 2)}")
    print(f"/healthz    {summary(health, 2)}")
    worst = max(p95(page), p95(page_en))
    print(
        f"page p95 {worst:.2f} ms: {'within' if worst <= TARGET_PAGE_MS else 'OVER'} the "
        f"{TARGET_PAGE_MS} ms target; job {job:.1f} s: "
        f"{'within' if job <= TARGET_JOB_S else 'OVER'} the {TARGET_JOB_S} s target"
    )
    print(
        f"RESULT name=figures orgs={options.orgs} job_s={job:.2f} "
        f"job_ratio_vs_groupby={job / baseline:.1f} page_median_ms={statistics.median(page):.2f} "
        f"page_p95_ms={worst:.2f} page_ratio_vs_healthz={p95(page) / p95(health):.1f} "
        f"drawing_s={drawing:.2f} db={connection.vendor}"
    )


def main(argv=None) -> None:
    options = parse_args(argv)
    in_throwaway_folder("figures-bench-", options.database_url, lambda w: run(options, w))


if __name__ == "__main__":
    main()
