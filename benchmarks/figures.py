"""How long the daily figures job takes at scale, and how fast the public figures page answers.

Loads, on a throw-away database (SQLite in a temporary directory by default, or a PostgreSQL
database created and dropped here with --database-url), N organizations (regions, types and
one to three industries spread at random), each with a status granted over five years, 5% of
them suspended or revoked since, and the participants' accepted KPI reports of each year since
they joined (jobs created; exports for one in three), set-based (PostgreSQL: COPY); then
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
page_ratio_vs_healthz=… drawing_s=… load_s=… db=…
"""

import argparse
import random
import statistics
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from _support import in_throwaway_folder, p95, setup_django, summary  # benchmarks/_support.py

TARGET_PAGE_MS = 100
TARGET_JOB_S = 300
CHUNK = 20_000
YEARS = 5  # of statuses granted and of accepted reports
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


def fill(count: int, seed: int = 23) -> int:
    """Organizations, their statuses and industries, and five years of accepted KPI reports
    (jobs created, exports) of the participants, in chunks. PostgreSQL: COPY, with the search
    index's triggers off (nothing here searches; the index is left unfilled), in one
    transaction; SQLite: bulk_create. Returns the accepted figures loaded."""
    from django.db import connection, transaction

    from innocluster.platform.organizations.models import Industry, Organization

    rng = random.Random(seed)
    industries = [
        Industry.objects.get_or_create(slug=f"bench-{i}", defaults={
            "name_ru": f"Отрасль {i}", "name_en": f"Industry {i}"})[0].pk
        for i in range(12)
    ]  # fmt: skip
    report_id = a_report_to_hang_figures_on()
    copying = connection.vendor == "postgresql"
    figures = 0
    with transaction.atomic(), connection.cursor() as cursor:
        if copying:
            for table in TRIGGERED:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        first = _next_id(cursor, Organization)
        for start in range(0, count, CHUNK):
            rows = _chunk(rng, range(start, min(start + CHUNK, count)), first, industries)
            rows["figures"] = [(*row, report_id) for row in rows["figures"]]
            (_copy if copying else _insert)(cursor, rows)
            figures += len(rows["figures"])
        if copying:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the deferred keys checked first
            for table in TRIGGERED:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('organizations_organization', 'id'), "
                "(SELECT max(id) FROM organizations_organization))"
            )
    return figures


# The tables whose user triggers (the search index's) are off while COPY fills them.
TRIGGERED = ("organizations_organization", "organizations_organization_industries")
FIGURE_COLUMNS = ["organization_id", "year", "period_end", "indicator_code", "value",
                  "countries", "report_id"]  # fmt: skip


def _next_id(cursor, model) -> int:
    table = model._meta.db_table
    cursor.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")  # noqa: S608 - a model's
    return cursor.fetchone()[0]


def _chunk(rng, numbers, first: int, industries: list[int]) -> dict:
    """One chunk's rows: organizations and statuses (unsaved, with their ids), industry links
    and accepted figures as tuples."""
    from innocluster.core.regions import CODES
    from innocluster.platform.organizations.models import Organization
    from innocluster.platform.status.models import Status

    regions = sorted(CODES)
    start = date.today() - timedelta(days=YEARS * 365)
    rows = {"organizations": [], "statuses": [], "links": [], "figures": []}
    for i in numbers:
        here = rng.random() < 0.6
        organization = Organization(
            id=first + i,
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
        status = Status(
            organization_id=organization.id,
            kind="participant" if here else "partner",
            state=rng.choices(["active", "suspended", "revoked"], [95, 2, 3])[0],
            register_number=f"IC-{organization.id:07d}",
            granted_on=start + timedelta(days=rng.randrange(YEARS * 365)),
        )
        rows["organizations"].append(organization)
        rows["statuses"].append(status)
        rows["links"] += [(organization.id, pk) for pk in rng.sample(industries, rng.randint(1, 3))]
        if here:
            rows["figures"] += _reports(rng, organization.id, status.granted_on.year)
    return rows


def _reports(rng, organization_id: int, since: int) -> list[tuple]:
    """A participant's accepted figures of each full year since it joined: jobs created, and
    exports for one in three (growing or shrinking from year to year)."""
    exports = rng.randint(100_000, 50_000_000) if rng.random() < 0.33 else 0
    rows = []
    for year in range(max(since, date.today().year - YEARS), date.today().year):
        end = date(year, 12, 31)
        rows.append((organization_id, year, end, "jobs_created", rng.randint(0, 20), "[]"))
        if exports:
            exports = int(exports * rng.uniform(0.8, 1.3))
            rows.append((organization_id, year, end, "exports", exports, "[]"))
    return rows


def _copy(cursor, rows: dict) -> None:
    from innocluster.features.directory.bulk import _model_rows, _tuple_rows
    from innocluster.features.kpireports.models import AcceptedFigure
    from innocluster.platform.organizations.models import Organization
    from innocluster.platform.status.models import Status

    now = datetime.now(UTC)
    org_columns = [f.column for f in Organization._meta.concrete_fields]
    status_columns = [f.column for f in Status._meta.concrete_fields if not f.primary_key]
    link = Organization.industries.through._meta.db_table
    texts = [
        (Organization._meta.db_table, org_columns,
         _model_rows(Organization, org_columns, rows["organizations"], now)),
        (Status._meta.db_table, status_columns,
         _model_rows(Status, status_columns, rows["statuses"], now)),
        (link, ["organization_id", "industry_id"], _tuple_rows(rows["links"])),
        (AcceptedFigure._meta.db_table, FIGURE_COLUMNS, _tuple_rows(rows["figures"])),
    ]  # fmt: skip
    for table, columns, text in texts:
        if text:
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                copy.write(text)


def _insert(cursor, rows: dict) -> None:
    from innocluster.features.kpireports.models import AcceptedFigure
    from innocluster.platform.organizations.models import Organization
    from innocluster.platform.status.models import Status

    Organization.objects.bulk_create(rows["organizations"])
    Status.objects.bulk_create(rows["statuses"])
    link = Organization.industries.through
    link.objects.bulk_create(
        link(organization_id=org, industry_id=industry) for org, industry in rows["links"]
    )
    AcceptedFigure.objects.bulk_create(
        AcceptedFigure(**dict(zip(FIGURE_COLUMNS, (*row[:5], [], row[6]), strict=True)))
        for row in rows["figures"]
    )


def a_report_to_hang_figures_on() -> int:
    """One real KPI report (a campaign opened before the organizations exist, so it owes
    nothing to them): the accepted figures' rows need a report to point at."""
    from innocluster.features.kpireports.models import ReportDue
    from innocluster.features.kpireports.services import campaign_open, report_open
    from innocluster.platform.accounts.models import User
    from innocluster.platform.organizations.models import Membership, Organization
    from innocluster.platform.status.models import Status

    admin = User.objects.create_user("bench-admin@example.ru", staff_role="admin")
    year = date.today().year - 1
    campaign = campaign_open(year=year, deadline=date(year + 1, 4, 1), actor=admin, announce=False)
    organization = Organization.objects.create(
        kind="legal_entity", inn="9999999999", ogrn="1999999999999", full_name="ООО «Отчёт»",
        short_name="ООО «Отчёт»", region="77", legal_address="г. Москва", org_type="startup",
        headcount=5, year_founded=2015,
    )  # fmt: skip
    Status.objects.create(organization=organization, kind="participant", state="active",
                          register_number="IC-BENCH", granted_on=date(2020, 1, 1))  # fmt: skip
    owner = User.objects.create_user("bench-owner@example.ru")
    Membership.objects.create(organization=organization, user=owner, role="owner")
    ReportDue.objects.create(campaign=campaign, organization=organization)
    return report_open(campaign=campaign, organization=organization, actor=owner).pk


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
    figures = fill(options.orgs)
    load = time.perf_counter() - tick
    print(f"figures benchmark: {options.orgs:,} organizations and {figures:,} accepted report "
          f"figures loaded in {load:.1f} s, database {connection.vendor}")  # fmt: skip
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
        f"drawing_s={drawing:.2f} load_s={load:.1f} db={connection.vendor}"
    )


def main(argv=None) -> None:
    options = parse_args(argv)
    in_throwaway_folder("figures-bench-", options.database_url, lambda w: run(options, w))


if __name__ == "__main__":
    main()
