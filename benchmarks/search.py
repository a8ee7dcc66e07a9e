"""How fast the directory's search answers, in-process and over HTTP, against the bare SQL.

On a throw-away database (SQLite in a temporary directory by default, or a PostgreSQL database
created and dropped here with --database-url; --reuse-url keeps one already loaded), this
loads demo organizations with products (search triggers deferred, the index built set-based
at the end, with progress bars), then runs a rotating set of Russian and English queries,
with and without facets:

1. in-process: `GET /api/v1/search` through Django's test client (view, facet counts,
   serialization; no network), p50/p95/p99;
2. the bare full-text SQL of the same query (its top 20 by rank, straight on the cursor), in
   the same run, and the ratio of the two medians;
3. over HTTP: gunicorn on 127.0.0.1 with 8 concurrent clients, p50/p95/p99 and throughput.

    python benchmarks/search.py --quick        # 2,000 organizations, a few seconds
    python benchmarks/search.py                # 35,000 organizations on SQLite
    python benchmarks/search.py --orgs 1000000 \\
        --database-url postgres://postgres@127.0.0.1:5432/search_bench --keep

Ends with one line:
RESULT name=search orgs=… db=… p50_ms=… p95_ms=… p99_ms=… sql_p50_ms=… ratio_vs_sql=…
http_p50_ms=… http_p95_ms=… http_p99_ms=… http_rps=…
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from _support import ROOT, drop_database, percentile, point_django_at  # benchmarks/_support.py

QUICK_ORGS, FULL_ORGS = 2_000, 35_000
# (query, facets): realistic Russian and English searches, some narrowed by facets.
QUERIES = [
    ("роботов", {}),
    ("робототехника", {"region": "77"}),
    ("3d печать", {}),
    ("3D-печать металлом", {"org_type": "manufacturer"}),
    ("искусственный интеллект", {}),
    ("искусственного интеллекта", {"headcount": "small"}),
    ("машинное обучение", {"technology": "ml"}),
    ("компьютерное зрение", {}),
    ("computer vision", {}),
    ("machine learning", {"region": "78"}),
    ("большие данные", {}),
    ("облачные сервисы", {"org_type": "it_company"}),
    ("интернет вещей", {}),
    ("кибербезопасность", {"industry": "finance"}),
    ("blockchain", {}),
    ("распределённые реестры", {}),
    ("биотехнологии", {"trl": "6"}),
    ("геномика", {}),
    ("медицинские изделия", {"industry": "healthcare"}),
    ("telemedicine", {}),
    ("нанотехнологии", {}),
    ("фотоника лазеры", {}),
    ("микроэлектроника", {"org_type": "research_institute"}),
    ("накопители энергии", {}),
    ("возобновляемая энергетика", {"region": "50"}),
    ("беспилотники", {}),
    ("drones", {"trl": "9"}),
    ("связь 5G", {}),
    ("квантовые вычисления", {}),
    ("нейротехнологии", {}),
    ("умный город", {"org_type": "city_organization"}),
    ("образовательные технологии", {}),
    ("edtech", {}),
    ("финтех платежи", {}),
    ("цифровой двойник", {}),
    ("станки с ЧПУ", {}),
    ("лаборатория", {"region": "77"}),
    ("технопарк", {}),
    ("коворкинг", {}),
    ("венчурный фонд", {}),
    ("университет", {"headcount": "large"}),
    ("испытательный центр", {}),
    ("сварочный робот", {}),
    ("робтех", {}),  # a typo
    ("нейросети для медицины", {}),
    ("", {"region": "77", "org_type": "startup"}),
]


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_ORGS:,} organizations")
    parser.add_argument("--orgs", type=int, help=f"how many (default {FULL_ORGS:,})")
    parser.add_argument("--rounds", type=int, help="passes over the queries (default 5, quick 2)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent HTTP clients")
    parser.add_argument("--batch-size", type=int, default=2000)
    parser.add_argument("--database-url", help="a PostgreSQL URL, created here and dropped")
    parser.add_argument("--reuse-url", help="a PostgreSQL URL already loaded: no load, no drop")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    return parser.parse_args(argv)


def figures(samples: list[float]) -> str:
    return " ".join(f"p{p}={percentile(samples, p):.1f}ms" for p in (50, 95, 99))


def load(count: int, batch_size: int) -> float:
    from tqdm import tqdm

    from innocluster.directory.services import search_index_deferred
    from innocluster.organizations.demo import load_demo_data

    started = time.perf_counter()
    index_bar = tqdm(total=count, unit="org", desc="search index", file=sys.stderr)
    bar = tqdm(total=count, unit="org", desc="demo data", file=sys.stderr)
    with search_index_deferred(progress=index_bar.update):
        load_demo_data(count=count, seed=1, batch_size=batch_size, progress=bar.update)
    bar.close()
    index_bar.close()
    return time.perf_counter() - started


def in_process(rounds: int) -> list[float]:
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE="ru", HTTP_HOST="127.0.0.1")
    for q, facets in QUERIES:  # warm-up: caches, plans, the catalogue
        client.get("/api/v1/search", {"q": q, **facets})
    samples = []
    for _ in range(rounds):
        for q, facets in QUERIES:
            started = time.perf_counter()
            response = client.get("/api/v1/search", {"q": q, **facets})
            samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.content[:300]
    return samples


def bare_sql(rounds: int) -> list[float]:
    """The top 20 by rank of each query's full-text match, straight on the cursor."""
    from django.db import connection

    from innocluster.directory.backends import backend

    engine = backend()
    if connection.vendor == "postgresql":
        sql = (
            "SELECT organization_id FROM directory_searchdocument "
            "WHERE vector @@ to_tsquery('simple', %s) "
            "ORDER BY ts_rank('{0.05,0.2,0.4,1.0}', vector, to_tsquery('simple', %s)) DESC "
            "LIMIT 20"
        )
        expressions = [engine.tsquery(q) for q, _f in QUERIES if q]
        params = [(e, e) for e in expressions]
    else:
        sql = (
            "SELECT rowid FROM directory_fts WHERE directory_fts MATCH %s "
            "ORDER BY bm25(directory_fts, 10.0, 4.0, 2.0, 1.0) LIMIT 20"
        )
        params = [(engine.fts_query(q),) for q, _f in QUERIES if q]
    samples = []
    with connection.cursor() as cursor:
        for _ in range(rounds + 1):
            for values in params:
                started = time.perf_counter()
                cursor.execute(sql, values)
                cursor.fetchall()
                samples.append((time.perf_counter() - started) * 1000)
    return samples[len(params) :]  # the first pass warms up


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def over_http(rounds: int, clients: int) -> tuple[list[float], float]:
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "innocluster.config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(os.cpu_count() or 2),
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    try:
        base = f"http://127.0.0.1:{port}/api/v1/search?"
        urls = [base + urlencode({"q": q, **f}) for q, f in QUERIES]
        _wait_for(urls[0])
        for url in urls:
            urllib.request.urlopen(url, timeout=60).read()  # noqa: S310 - our own server
        return _hammer(urls * rounds, clients)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(url: str) -> None:
    for _ in range(200):
        try:
            urllib.request.urlopen(url, timeout=60).read()  # noqa: S310
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not start")


def _hammer(urls: list[str], clients: int) -> tuple[list[float], float]:
    samples: list[float] = []
    lock = threading.Lock()
    queue = list(reversed(urls))

    def work():
        while True:
            with lock:
                if not queue:
                    return
                url = queue.pop()
            started = time.perf_counter()
            urllib.request.urlopen(url, timeout=60).read()  # noqa: S310
            with lock:
                samples.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    threads = [threading.Thread(target=work) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return samples, len(samples) / (time.perf_counter() - started)


def run(args) -> str:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from innocluster.organizations.models import Organization

    if not args.reuse_url:
        call_command("migrate", verbosity=0)
        count = args.orgs or (QUICK_ORGS if args.quick else FULL_ORGS)
        seconds = load(count, args.batch_size)
        print(f"loaded {count:,} organizations with products in {seconds:.1f} s")
    orgs = Organization.objects.count()
    rounds = args.rounds or (2 if args.quick else 5)
    print(
        f"{len(QUERIES)} queries x {rounds} rounds on {orgs:,} organizations ({connection.vendor})"
    )
    endpoint = in_process(rounds)
    sql = bare_sql(rounds)
    ratio = percentile(endpoint, 50) / percentile(sql, 50)
    print(f"in-process GET /api/v1/search: {figures(endpoint)}")
    print(f"bare full-text SQL (top 20):   {figures(sql)}; ratio of medians {ratio:.2f}")
    connection.close()
    http, rps = over_http(rounds, args.clients)
    print(f"HTTP, {args.clients} clients: {figures(http)}, {rps:.0f} requests/s")
    return (
        f"RESULT name=search orgs={orgs} db={connection.vendor} "
        f"p50_ms={percentile(endpoint, 50):.1f} p95_ms={percentile(endpoint, 95):.1f} "
        f"p99_ms={percentile(endpoint, 99):.1f} sql_p50_ms={percentile(sql, 50):.2f} "
        f"ratio_vs_sql={ratio:.2f} http_p50_ms={percentile(http, 50):.1f} "
        f"http_p95_ms={percentile(http, 95):.1f} http_p99_ms={percentile(http, 99):.1f} "
        f"http_rps={rps:.0f}"
    )


def main(argv=None) -> None:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="innocluster-bench-") as var_dir:
        if args.reuse_url:
            point_django_at(Path(var_dir), None, tasks_backend="immediate")
            os.environ["DATABASE_URL"] = args.reuse_url
        else:
            point_django_at(Path(var_dir), args.database_url, tasks_backend="immediate")
        try:
            result = run(args)
        finally:
            if args.database_url and not args.keep and not args.reuse_url:
                drop_database(args.database_url)
    print(result)


if __name__ == "__main__":
    main()
