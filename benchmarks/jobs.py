"""How fast the job search answers, in-process, at 100,000 vacancies.

Loads, on a throw-away database (SQLite in a temporary directory by default, or a PostgreSQL
database created and dropped here with --database-url), 150 companies with participant or
partner status and their vacancies (the demo's own builder, jobs/demo.py), then times the job
search end to end through Django's test client: unfiltered, with every facet at once (role,
industry, company, district, metro, work format, employment type, schedule, experience,
salary band) and the salary floor, with words and facets, a common word alone, sorted by
salary, an htmx request, and the API's filtered list. Each is timed as the pilots' benchmark
does (the same request again, its facet counts and total read from the query cache,
core/querycache.py); the bare search, the remote vacancies by salary, every facet, words with
every facet and the word alone are timed "cold" as well, the cache emptied before every
request, so every count is made afresh.

    python benchmarks/jobs.py --quick     # 5,000 vacancies, 20 rounds, seconds
    python benchmarks/jobs.py             # 100,000 vacancies, 100 rounds
    python benchmarks/jobs.py --database-url postgres://postgres@127.0.0.1:5432/jobs_bench
    python benchmarks/jobs.py --part applications   # the employer's list only
    python benchmarks/jobs.py --load-only --database-url sqlite:////tmp/jobs100k.sqlite3
    python benchmarks/jobs.py --part search --reuse-url sqlite:////tmp/jobs100k.sqlite3

`--load-only` loads a database (a PostgreSQL URL, or sqlite:////path) and keeps it; `--reuse-url`
times one loaded so, its load left out (100,000 vacancies take minutes to load, 18 on
PostgreSQL on a loaded machine, with the triggers that keep the totals and the word index).

The employer's list of one vacancy's applications (5,000 of them, the issue's figure) is timed
as well: its first and last HTML pages and the API's, beside a baseline measured in the same
run, the same rows read by the ORM alone (the page of rows and the count, no view, no
template), whose ratio says what the page adds to the database's work.

Ends with one line per part:
RESULT name=jobs vacancies=… <page>_p95_ms=… <page>_cold_p95_ms=… worst_cpu_p95_ms=… db=…
RESULT name=jobs_applications applications=… <page>_p50_ms=… <page>_p95_ms=… ratio_vs_orm=…
       cpu_ratio_vs_orm=… list_cpu_p50_ms=… db=…
"""

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from _support import (  # benchmarks/_support.py
    as_served,
    in_throwaway_folder,
    owned_organizations,
    p95,
    point_django_at,
    setup_django,
    summary,
)

VACANCIES = 100_000
COMPANIES = 150
TARGET_MS = 50
APPLICATIONS = 5_000


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="5,000 vacancies, 20 rounds")
    parser.add_argument("--rounds", type=int, help="timed requests per page (default 100)")
    parser.add_argument("--vacancies", type=int, help=f"vacancies ({VACANCIES})")
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL URL, created and dropped here (kept with --load-only, as is sqlite:///)",
    )
    parser.add_argument("--load-only", action="store_true", help="load and keep, time nothing")
    parser.add_argument("--reuse-url", help="a database --load-only loaded: no load, no drop")
    parser.add_argument(
        "--part",
        choices=["all", "search", "applications"],
        default="all",
        help="what to time: the search, the employer's applications, or both (default)",
    )
    parser.add_argument(
        "--applications", type=int, help=f"applications of one vacancy ({APPLICATIONS})"
    )
    options = parser.parse_args(argv)
    options.applications = options.applications or APPLICATIONS
    if options.part == "applications" and not options.vacancies:
        options.vacancies = (
            500  # the list reads one vacancy's rows: the search's load is not needed
        )
    options.rounds = options.rounds or (20 if options.quick else 100)
    options.vacancies = options.vacancies or (5_000 if options.quick else VACANCIES)
    return options


def fill(vacancies: int) -> int:
    """Companies with an owner and a status each, industries, then the vacancies."""
    from django.utils import timezone

    from innocluster.features.jobs import demo
    from innocluster.platform.organizations.models import Industry
    from innocluster.platform.status.models import Status

    now = timezone.now()
    Industry.objects.bulk_create(
        Industry(slug=f"industry-{i}", name_ru=f"Отрасль {i}", name_en=f"Industry {i}")
        for i in range(20)
    )
    organizations = owned_organizations(
        COMPANIES,
        email="hr{i}@bench.example",
        full_name="ООО «Технологическая компания {i}»",
        short_name="ООО «Технокомпания {i}»",
        legal_address="г. Москва, ул. Бутлерова, д. 7",
        org_type="it_company",
        headcount=120,
        year_founded=2012,
    )
    Status.objects.bulk_create(
        Status(
            organization=o,
            kind="participant" if n % 5 else "partner",
            state="active",
            register_number=f"IC-{o.pk:07d}",
            granted_on=now.date(),
        )
        for n, o in enumerate(organizations)
    )
    report = demo.build(seed=22, vacancies=vacancies, internships=0, companies=COMPANIES)
    return report.vacancies


CPU: dict[str, list[float]] = {}


def timed(client, url: str, rounds: int, *, cold: bool = False, **headers) -> list[float]:
    """Wall-clock ms of `rounds` requests; their CPU ms go to CPU (on a machine whose cores
    other work shares, CPU time says what the request costs, wall time what a caller waited).
    `cold`: the cache emptied before each."""
    from django.core.cache import cache

    samples, cpu = [], CPU.setdefault(url + str(headers) + str(cold), [])
    for _ in range(rounds):
        if cold:
            cache.clear()
        tick, cpu_tick = time.perf_counter(), time.process_time()
        response = client.get(url, headers=headers)
        samples.append((time.perf_counter() - tick) * 1000)
        cpu.append((time.process_time() - cpu_tick) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return samples


def every_facet() -> str:
    from innocluster.features.jobs.models import MetroStation, ProfessionalRole
    from innocluster.platform.organizations.models import Industry, Organization

    roles = ProfessionalRole.objects.filter(slug__in=["developer", "tester"])
    stations = MetroStation.objects.filter(name_ru__in=["Технопарк", "Калужская", "Тверская"])
    parts = [f"role={r.pk}" for r in roles]
    parts += [f"industry={pk}" for pk in Industry.objects.values_list("pk", flat=True)[:8]]
    parts += [f"company={pk}" for pk in Organization.objects.values_list("pk", flat=True)[:60]]
    parts += ["district=cao", "district=yuzao", "district=yuao"]
    parts += [f"metro={s.pk}" for s in stations]
    parts += ["work_format=office", "work_format=hybrid", "employment_type=full_time"]
    parts += ["schedule=full_day", "experience=1_3", "experience=3_6"]
    parts += ["salary_band=150_250", "salary_band=250_plus", "salary_min=100000"]
    return "&".join(parts)


def run(options, workdir: Path) -> None:
    from django.db import connection
    from django.test import Client

    from innocluster.features.jobs.models import Application, Vacancy

    if options.reuse_url:
        vacancies = Vacancy.objects.count()
        print(f"jobs benchmark: {vacancies} vacancies of {options.reuse_url}")
        vacancy = _first_live() if options.part != "search" else None
        if vacancy is not None and not Application.objects.filter(vacancy=vacancy).exists():
            vacancy = applied_to(options.applications)
    else:
        tick = time.perf_counter()
        vacancies = fill(options.vacancies)
        seconds = time.perf_counter() - tick
        print(f"jobs benchmark: {vacancies} vacancies loaded in {seconds:.1f} s, "
              f"database {connection.vendor}")  # fmt: skip
        vacancy = applied_to(options.applications) if options.part != "search" else None
    as_served()  # the planner's statistics, the worker warmed up (benchmarks/_support.py)
    if options.load_only:
        return
    client = Client(HTTP_HOST="localhost")
    if options.part != "applications":
        time_search(client, options, vacancies)
    if vacancy is not None:
        time_applications(client, options, vacancy)


def time_search(client, options, vacancies: int) -> None:
    from django.db import connection

    facets = every_facet()
    pages = {
        "search": "/jobs/",
        "facets": f"/jobs/?{facets}",
        "words": f"/jobs/?q=разработчик&{facets}",
        "words_alone": "/jobs/?q=разработчик",
        "salary": "/jobs/?sort=salary&work_format=remote",
        "api": f"/api/v1/vacancies/?{facets}",
    }
    for url in pages.values():  # warm: templates, the facets' choices, cached counts
        client.get(url)
    figures = {name: timed(client, url, options.rounds) for name, url in pages.items()}
    figures["htmx"] = timed(client, pages["facets"], options.rounds, HX_Request="true")
    # counted afresh: the bare search (every facet over every live vacancy), one broad choice
    # (remote: a third of them), every facet chosen, words with every facet, and a common word
    # alone (a fifth of the vacancies)
    for name in ("search", "salary", "facets", "words", "words_alone"):
        figures[f"{name}_cold"] = timed(client, pages[name], options.rounds, cold=True)
    for (name, samples), cpu in zip(figures.items(), CPU.values(), strict=True):
        print(f"{name:<12} {summary(samples, 2)}; CPU {summary(cpu, 2)}")
    worst = max(p95(samples) for samples in figures.values())
    verdict = "within" if worst <= TARGET_MS else "OVER"
    print(f"worst p95 {worst:.2f} ms: {verdict} the {TARGET_MS} ms target")
    print(
        f"RESULT name=jobs vacancies={vacancies} "
        + " ".join(f"{name}_p95_ms={p95(samples):.2f}" for name, samples in figures.items())
        + f" worst_cpu_p95_ms={max(p95(cpu) for cpu in CPU.values()):.2f} db={connection.vendor}"
    )


def _first_live():
    """The vacancy `applied_to` gives its applications."""
    from innocluster.features.jobs.models import Vacancy

    return Vacancy.objects.filter(Vacancy.published()).order_by("pk").first()


def applied_to(count: int):
    """One live vacancy with `count` applications at every stage, from as many people, written
    set-based. Returns the vacancy."""
    import datetime as dt

    from django.utils import timezone

    from innocluster.features.jobs.choices import Stage
    from innocluster.features.jobs.models import Application
    from innocluster.platform.accounts.models import User

    tick = time.perf_counter()
    vacancy = _first_live()
    now = timezone.now()
    people = User.objects.bulk_create(
        User(email=f"applicant{i}@bench.example", full_name=f"Соискатель {i}") for i in range(count)
    )
    stages = list(Stage.values)
    Application.objects.bulk_create(
        (
            Application(
                vacancy=vacancy,
                applicant=person,
                letter="Здравствуйте! Прошу рассмотреть моё резюме.",
                cv=f"jobs/cv/bench{i}.pdf",
                cv_name="Резюме.pdf",
                consent_at=now,
                consent_version="2026-12",
                stage=stages[i % len(stages)],
            )
            for i, person in enumerate(people)
        ),
        batch_size=1000,
    )
    # spread over the vacancy's life, as they come in (created_at is set on insert)
    for n, pk in enumerate(vacancy.applications.order_by("pk").values_list("pk", flat=True)):
        if n % 500 == 0:
            Application.objects.filter(pk__gte=pk).update(created_at=now - dt.timedelta(hours=n))
    print(f"{count} applications of vacancy {vacancy.pk} in {time.perf_counter() - tick:.1f} s")
    return vacancy


def time_applications(client, options, vacancy) -> None:
    """The employer's list of the vacancy's applications: HTML first and last page, the API,
    beside the ORM alone reading the same first page (rows and count)."""
    from django.db import connection

    from innocluster.features.jobs.models import Application
    from innocluster.platform.organizations.models import Membership

    owner = Membership.objects.filter(organization=vacancy.organization_id, role="owner").first()
    client.force_login(owner.user)
    count = vacancy.applications.count()
    last = -(-count // 50)
    pages = {
        "list": f"/jobs/{vacancy.pk}/applications/",
        "list_last": f"/jobs/{vacancy.pk}/applications/?page={last}",
        "api": f"/api/v1/vacancies/{vacancy.pk}/applications/",
    }
    for url in pages.values():
        client.get(url)

    def orm_page():
        rows = Application.objects.filter(vacancy=vacancy).select_related("applicant")
        rows = rows.order_by("-created_at", "-id")
        return rows.count(), [(a.pk, a.applicant.full_name, a.stage) for a in rows[:50]]

    baseline, baseline_cpu = [], []
    figures, cpu = {}, {}
    for name, url in pages.items():  # each page beside its own run of the baseline
        baseline += timed_call(orm_page, options.rounds, baseline_cpu)
        figures[name] = timed(client, url, options.rounds)
        cpu[name] = CPU[url + "{}" + "False"]
    # on a machine whose cores other work shares, CPU time is the steadier ratio
    ratio = statistics.median(figures["list"]) / statistics.median(baseline)
    cpu_ratio = statistics.median(cpu["list"]) / statistics.median(baseline_cpu)
    print(f"{'orm_page':<12} {summary(baseline, 2)}; CPU {summary(baseline_cpu, 2)}")
    for name, samples in figures.items():
        print(f"{name:<12} {summary(samples, 2)}; CPU {summary(cpu[name], 2)}")
    worst = max(p95(samples) for samples in figures.values())
    verdict = "within" if worst <= TARGET_MS else "OVER"
    print(f"applications: worst p95 {worst:.2f} ms: {verdict} the {TARGET_MS} ms target")
    print(
        f"RESULT name=jobs_applications applications={count} "
        + " ".join(
            f"{name}_p50_ms={statistics.median(samples):.2f} {name}_p95_ms={p95(samples):.2f}"
            for name, samples in {"orm_page": baseline, **figures}.items()
        )
        + f" ratio_vs_orm={ratio:.1f} cpu_ratio_vs_orm={cpu_ratio:.1f}"
        + f" list_cpu_p50_ms={statistics.median(cpu['list']):.2f} db={connection.vendor}"
    )


def timed_call(function, rounds: int, cpu: list[float]) -> list[float]:
    samples = []
    for _ in range(rounds):
        tick, cpu_tick = time.perf_counter(), time.process_time()
        function()
        samples.append((time.perf_counter() - tick) * 1000)
        cpu.append((time.process_time() - cpu_tick) * 1000)
    return samples


def main(argv=None) -> None:
    options = parse_args(argv)
    url = options.reuse_url or options.database_url or ""
    if options.reuse_url or (options.load_only and url):
        # a database kept: loaded here, or by an earlier --load-only
        with tempfile.TemporaryDirectory(prefix="jobs-bench-") as workdir:
            _kept_database(options, Path(workdir), url)
        return
    in_throwaway_folder("jobs-bench-", options.database_url, lambda w: _fresh(options, w))


def _fresh(options, workdir: Path) -> None:
    setup_django(workdir, options.database_url, tasks_backend="immediate")
    run(options, workdir)


def _kept_database(options, workdir: Path, url: str) -> None:
    """Django pointed at a database that is kept: created (PostgreSQL) or emptied (SQLite) and
    migrated with --load-only, used as it is with --reuse-url."""
    import django
    from django.core.management import call_command

    sqlite = url.startswith("sqlite")
    created = None if sqlite or options.reuse_url else url  # PostgreSQL's, made afresh
    point_django_at(workdir, created, tasks_backend="immediate")
    os.environ["DATABASE_URL"] = url
    if sqlite and not options.reuse_url:
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    django.setup()
    # reused: a database an older checkout loaded is brought up to this one's schema
    call_command("migrate", verbosity=0)
    run(options, workdir)


if __name__ == "__main__":
    main()
