"""How fast the pilot sites catalogue answers, in-process, at the programme's scale.

Loads, on a throw-away database (SQLite in a temporary directory by default, or a PostgreSQL
database created and dropped here with --database-url), 318 pilot sites of 40 city
organizations (the demo's own builder, pilots/demo.py), then times the catalogue page end to
end through Django's test client: unfiltered, with facets (category, insurance), with words,
and an htmx request (the results and the panel only); and the API's filtered list.

(The published pilots page, issue 20's second figure, follows once pilots exist: not yet.)

    python benchmarks/pilots.py --quick     # 40 rounds, a few seconds
    python benchmarks/pilots.py             # 200 rounds
    python benchmarks/pilots.py --database-url postgres://postgres@127.0.0.1:5432/pilots_bench

Ends with one line:
RESULT name=pilots sites=… catalogue_p95_ms=… filtered_p95_ms=… words_p95_ms=… htmx_p95_ms=…
api_p95_ms=… db=…
"""

import argparse
import time
from pathlib import Path

from _support import (  # benchmarks/_support.py
    in_throwaway_folder,
    owned_organizations,
    p95,
    setup_django,
    summary,
)

SITES = 318
ORGANIZATIONS = 40
TARGET_MS = 50


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="40 rounds, for CI")
    parser.add_argument("--rounds", type=int, help="timed requests per page (default 200)")
    parser.add_argument("--sites", type=int, default=SITES, help=f"pilot sites ({SITES})")
    parser.add_argument("--database-url", help="a PostgreSQL URL, created and dropped here")
    options = parser.parse_args(argv)
    options.rounds = options.rounds or (40 if options.quick else 200)
    return options


def fill(sites: int) -> int:
    """City organizations with an owner each, then the sites, set-based."""

    from innocluster.features.pilots import demo

    owned_organizations(
        ORGANIZATIONS,
        email="site{i}@bench.example",
        full_name="ГБУ «Городская организация {i}»",
        short_name="ГБУ «Организация {i}»",
        legal_address="г. Москва, ул. Тверская, д. 13",
        org_type="city_organization",
        headcount=200,
        year_founded=2000,
    )
    return demo.build(seed=20, sites=sites).sites


CPU: dict[str, list[float]] = {}  # the same requests' CPU time of this process


def timed(client, url: str, rounds: int, **headers) -> list[float]:
    """Wall-clock ms of `rounds` requests; their CPU ms go to CPU[url] (on a machine whose cores
    other work shares, CPU time says what the request costs, wall time what a caller waited)."""
    samples, cpu = [], CPU.setdefault(url + str(headers), [])
    for _ in range(rounds):
        tick, cpu_tick = time.perf_counter(), time.process_time()
        response = client.get(url, headers=headers)
        samples.append((time.perf_counter() - tick) * 1000)
        cpu.append((time.process_time() - cpu_tick) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return samples


def run(options, workdir: Path) -> None:
    setup_django(workdir, options.database_url, tasks_backend="immediate")
    from django.db import connection
    from django.test import Client

    tick = time.perf_counter()
    sites = fill(options.sites)
    print(f"pilots benchmark: {sites} sites loaded in {time.perf_counter() - tick:.1f} s, "
          f"database {connection.vendor}")  # fmt: skip
    client = Client(HTTP_HOST="localhost")
    pages = {
        "catalogue": "/pilots/sites/",
        "filtered": "/pilots/sites/?category=health&category=culture&insurance_required=true",
        "words": "/pilots/sites/?q=поликлиника",
        "api": "/api/v1/pilot-sites/?category=health&insurance_required=false",
    }
    for url in pages.values():  # warm: templates, the search statement, cached counts
        client.get(url)
    figures = {name: timed(client, url, options.rounds) for name, url in pages.items()}
    figures["htmx"] = timed(client, pages["filtered"], options.rounds, HX_Request="true")
    for (name, samples), cpu in zip(figures.items(), CPU.values(), strict=True):
        print(f"{name:<10} {summary(samples, 2)}; CPU {summary(cpu, 2)}")
    worst = max(p95(samples) for samples in figures.values())
    verdict = "within" if worst <= TARGET_MS else "OVER"
    print(f"worst p95 {worst:.2f} ms: {verdict} the {TARGET_MS} ms target")
    print(
        f"RESULT name=pilots sites={sites} "
        + " ".join(f"{name}_p95_ms={p95(samples):.2f}" for name, samples in figures.items())
        + f" worst_cpu_p95_ms={max(p95(cpu) for cpu in CPU.values()):.2f} db={connection.vendor}"
    )


def main(argv=None) -> None:
    options = parse_args(argv)
    in_throwaway_folder("pilots-bench-", options.database_url, lambda w: run(options, w))


if __name__ == "__main__":
    main()
