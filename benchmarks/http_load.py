"""How fast pages and API reads answer through the production server, as people feel them.

On a database it prepares (the demo data of `innocluster demo-data --orgs N`: SQLite in a
temporary directory by default, a PostgreSQL database created and dropped here with
--database-url, loaded with `--bulk` (the organizations by COPY, as search.py loads a million)
and search.py's catalogue of facilities; --reuse-url uses one already loaded, --load-only
loads one and keeps it), this
starts the web server as `innocluster serve` does (production settings: DEBUG off, the Redis
cache of the README's production setup, static files collected), then drives it with wrk (an
HTTP load generator; scripts/ensure-wrk installs it) and N concurrent clients over each
endpoint alone and over a mix of them all, the signed-in ones with a demo account's session:

    floor             GET /api/v1/ledger/public-key (Django and DRF doing nothing)
    home, directory (the search page with facets), search API, organization page,
    organizations API, register, facilities, equipment (a resource and its week of slots),
    support, for me (measures for the demo owner), dashboard, notifications, reviewer queue,
    ledger proof

It prints per endpoint p50/p95/p99, requests/s and the ratios to the floor measured in the
same run (p50 and throughput), and the CPU time the server's processes spent per request (read
from /proc: unlike the latencies, it holds when other work shares the machine's cores; 2 cores
serve at most 2,000 / that many requests a second; SQLite runs inside the server, PostgreSQL's
own processes are not counted), then one line:

RESULT name=http orgs=… db=… clients=… mix_rps=… mix_p95_ms=… mix_cpu_ms=… worst=…
worst_p95_ms=… floor_rps=… floor_p50_ms=… floor_cpu_ms=…

    python benchmarks/http_load.py --quick                     # 100 organizations, ~2 minutes
    python benchmarks/http_load.py                             # 35,000 organizations on SQLite
    python benchmarks/http_load.py --clients 1,8,32            # how p95 and requests/s grow
    python benchmarks/http_load.py --orgs 35000 --load-only \\
        --database-url sqlite:////tmp/ic35k.sqlite3          # load once, keep it
    python benchmarks/http_load.py --reuse-url sqlite:////tmp/ic35k.sqlite3
    python benchmarks/http_load.py --database-url postgres://postgres@127.0.0.1:5432/ic_http_bench
    python benchmarks/http_load.py --orgs 1000000 --load-only --var-dir /tmp/ic1m \\
        --database-url postgres://postgres@127.0.0.1:5432/ic_http_1m  # ~36 min on 2 cores
    python benchmarks/http_load.py --reuse-url postgres://postgres@127.0.0.1:5432/ic_http_1m \\
        --var-dir /tmp/ic1m                # the var dir the load made: the ledger's key
"""

import argparse
import contextlib
import io
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from math import inf
from pathlib import Path
from urllib.parse import urlencode

from _support import ROOT, drop_database, point_django_at  # benchmarks/_support.py
from search import QUERIES, facilities_count, free_port  # benchmarks/search.py

QUICK_ORGS, FULL_ORGS = 100, 35_000
REDIS_URL = "redis://127.0.0.1:6379/3"
WRK_SCRIPT = Path(__file__).resolve().parent / "wrk" / "rotate.lua"
FLOOR = "floor"
# The server's environment: production mode on this machine (no TLS in front of it).
SECRET_KEY = secrets.token_urlsafe(64)


@dataclass
class Figures:
    requests: int
    seconds: float
    p50: float
    p95: float
    p99: float
    errors: int
    cpu_ms: float  # the server's CPU time (all its processes) per request

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


def cpu_seconds(root: int) -> float:
    """User and system CPU time of a process and all its descendants (Linux /proc): what the
    server spent, whatever else the machine's cores were doing meanwhile."""
    parents, times = {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:  # the process ended meanwhile
            continue
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        times[pid] = int(fields[11]) + int(fields[12])  # utime, stime
    tree, added = {root}, True
    while added:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        added = bool(more)
    return sum(times.get(pid, 0) for pid in tree) / os.sysconf("SC_CLK_TCK")


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_ORGS:,} organizations, 1 s")
    parser.add_argument("--orgs", type=int, help=f"how many to load (default {FULL_ORGS:,})")
    parser.add_argument("--clients", default="8", help="concurrent clients, or a list: 1,8,32")
    parser.add_argument("--seconds", type=int, help="per endpoint (default 10, quick 1)")
    parser.add_argument("--workers", type=int, help="web workers (default: serve's)")
    parser.add_argument("--threads", type=int, help="threads per web worker (default: serve's)")
    parser.add_argument("--only", help="endpoints to measure, comma-separated (floor always)")
    parser.add_argument("--no-mix", action="store_true", help="each endpoint alone, no mix")
    parser.add_argument(
        "--database-url",
        help="PostgreSQL: created here and dropped; or sqlite:////path (kept with --load-only)",
    )
    parser.add_argument("--reuse-url", help="a database already loaded: no load, no drop")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    parser.add_argument("--load-only", action="store_true", help="load and keep, measure nothing")
    parser.add_argument(
        "--var-dir",
        help="the server's var/ (default: a temporary one); static files already collected "
        "there are used as they are, not collected again",
    )
    parser.add_argument(
        "--server-python",
        default=sys.executable,
        help="the interpreter of another checkout's .venv, to serve its code instead (before "
        "and after a change, in one sitting)",
    )
    parser.add_argument("--redis-url", default=REDIS_URL, help=f"the cache (default {REDIS_URL})")
    return parser.parse_args(argv)


def main(argv=None) -> None:
    args = parse_args(argv)
    # Stopped from outside: leave through the `with` blocks, which stop the server.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))
    if not shutil.which("wrk"):
        subprocess.run([ROOT / "scripts" / "ensure-wrk"], check=True)  # noqa: S603
    with tempfile.TemporaryDirectory(prefix="innocluster-http-") as temporary:
        var_dir = args.var_dir or temporary
        Path(var_dir).mkdir(parents=True, exist_ok=True)
        prepare_environment(Path(var_dir), args)
        try:
            result = run(args, Path(var_dir))
        finally:
            url = args.database_url or ""
            if url.startswith("postgres") and not (args.keep or args.load_only):
                drop_database(url)
    print(result)


def prepare_environment(var_dir: Path, args) -> None:
    """The settings' environment for this process (loading, sessions) and the server alike."""
    url = args.reuse_url or args.database_url
    sqlite = url and url.startswith("sqlite")
    point_django_at(var_dir, None if sqlite or args.reuse_url else url, tasks_backend="immediate")
    if url:
        os.environ["DATABASE_URL"] = url
    if sqlite and not args.reuse_url:
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    os.environ["SECRET_KEY"] = SECRET_KEY  # the sessions made here are read by the server
    os.environ["REDIS_URL"] = args.redis_url


def run(args, var_dir: Path) -> str:
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection

    from innocluster.platform.organizations.models import Organization

    try:
        cache.clear()  # a previous run's figures and sessions (database 3 is this benchmark's)
    except Exception as error:  # redis-py's ConnectionError, whatever the client's version
        raise SystemExit(f"The benchmark serves with Redis at {args.redis_url}: {error}") from error
    if not args.reuse_url:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        count = args.orgs or (QUICK_ORGS if args.quick else FULL_ORGS)
        if connection.vendor == "postgresql":
            # The organizations by COPY, as search.py loads them, with a city's catalogue of
            # facilities as search.py makes it; each step's output timed as it comes.
            options = {"bulk": True, "facilities": facilities_count(count), "verbosity": 1}
            call_command("demo_data", orgs=count, seed=1, stdout=Timed(started), **options)
        else:
            with contextlib.redirect_stdout(io.StringIO()):  # its list of demo accounts
                call_command("demo_data", orgs=count, seed=1, verbosity=0)
        print(f"loaded {count:,} demo organizations in {time.perf_counter() - started:.0f} s")
        if args.load_only:
            return f"RESULT name=http_load orgs={count} db={connection.vendor}"
    orgs = Organization.objects.count()
    vendor = connection.vendor
    endpoints = targets()
    if args.only:
        wanted = {FLOOR, *args.only.split(",")}
        endpoints = {k: v for k, v in endpoints.items() if k in wanted}
    cookies = sessions()
    connection.close()
    seconds = args.seconds or (1 if args.quick else 10)
    client_counts = [int(n) for n in args.clients.split(",")]
    processes = {"--workers": args.workers, "--threads": args.threads}
    serving = server(var_dir, processes, production=not args.quick, python=args.server_python)
    with serving as (base, pid):
        check(base, endpoints, cookies)
        results = {}
        for clients in client_counts:
            figures = measure(base, pid, endpoints, cookies, clients, seconds, args.no_mix)
            # wrk counts a redirect as an answer: a session lost meanwhile (its cache flushed)
            # would have measured fast redirects to the sign-in page, so every request is
            # checked again after the figures, not only before
            check(base, endpoints, cookies)
            results[clients] = figures
            report(results[clients], clients, orgs, vendor)
    clients = 8 if 8 in results else client_counts[0]
    return result_line(results[clients], clients, orgs, vendor)


class Timed(io.TextIOBase):
    """Output whose every line is printed with the seconds since `started`."""

    def __init__(self, started: float):
        self.started = started

    def write(self, text: str) -> int:
        for line in text.splitlines():
            if line.strip():
                print(f"[{time.perf_counter() - self.started:5.0f} s] {line}", flush=True)
        return len(text)


def targets() -> dict[str, list[tuple[str, str]]]:
    """Each endpoint's requests, (who, path): several for those that vary by what is asked
    (queries, organizations, resources, entries), one for the others."""
    from innocluster.features.facilities.choices import BOOKABLE_KINDS
    from innocluster.features.facilities.models import Resource
    from innocluster.platform.ledger.models import Entry
    from innocluster.platform.organizations.models import Organization

    organizations = list(Organization.objects.order_by("pk").values_list("pk", flat=True)[:200])
    resources = Resource.objects.filter(kind__in=BOOKABLE_KINDS).order_by("pk")
    entries = Entry.objects.order_by("-index").values_list("index", flat=True)[:50]
    pages = max(1, min(5, Organization.objects.count() // 20))  # of the API's 20
    searches = [urlencode({"q": q, **facets}) for q, facets in QUERIES]
    anonymous = "anonymous"
    return {
        FLOOR: [(anonymous, "/api/v1/ledger/public-key")],
        "home": [(anonymous, "/")],
        "directory": [(anonymous, f"/directory/?{s}") for s in searches],
        "search_api": [(anonymous, f"/api/v1/search?{s}") for s in searches],
        "organization": [(anonymous, f"/organizations/{pk}/") for pk in organizations[::4]],
        "organizations_api": [
            (anonymous, f"/api/v1/organizations/?page={n}") for n in range(1, pages + 1)
        ],
        "register": [(anonymous, "/register/")],
        "facilities": [(anonymous, "/facilities/")],
        "equipment": [
            (anonymous, f"/facilities/resources/{pk}/")
            for pk in resources.values_list("pk", flat=True)[:20]
        ],
        "support": [(anonymous, "/support/")],
        "for_me": [("owner", "/support/for-me/")],
        "dashboard": [("owner", "/accounts/")],
        "notifications": [("owner", "/notifications/")],
        "review_queue": [("reviewer", "/reviews/")],
        "ledger_proof": [(anonymous, f"/api/v1/ledger/entries/{i}/proof") for i in entries],
    }


def sessions() -> dict[str, str]:
    """A signed-in session for the demo owner and the demo reviewer, in the shared cache."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    cookies = {}
    accounts = {"owner": "demo@innocluster.local", "reviewer": "reviewer@innocluster.local"}
    for who, email in accounts.items():
        client = Client()
        client.force_login(get_user_model().objects.get(email=email))
        cookies[who] = client.cookies["sessionid"].value
    return cookies


class server:
    """`innocluster serve` (gunicorn and its settings) without the task worker and the
    scheduler (no task runs during the measurement), in production mode: its static files
    collected first (compressing them takes a minute of CPU, so --quick, a smoke test, serves
    with DEBUG off and development's static storage instead)."""

    def __init__(self, var_dir: Path, processes: dict, *, production: bool, python: str):
        self.python = python
        # `python -m` imports from the working directory first: the checkout of that .venv.
        self.root = Path(python).parent.parent.parent if python != sys.executable else ROOT
        self.port = free_port()
        self.var_dir = var_dir
        self.processes = processes  # serve's --workers and --threads, when given
        self.production = production

    def __enter__(self) -> tuple[str, int]:
        env = os.environ | {"DEBUG": "false", "LOG_LEVEL": "WARNING"}
        cli = [self.python, "-m", "innocluster.site.cli"]
        collected = (self.var_dir / "static" / "staticfiles.json").exists()
        if self.production:
            env |= {
                "INNOCLUSTER_ENV": "production",
                "ALLOWED_HOSTS": "127.0.0.1",
                "SITE_URL": "https://cluster.example.org",
                "SECURE_SSL_REDIRECT": "false",
            }
        if self.production and not collected:
            started = time.perf_counter()
            collect = [*cli, "collectstatic", "--no-input", "-v0"]
            subprocess.run(collect, cwd=self.root, env=env, check=True)  # noqa: S603
            print(f"collected the static files in {time.perf_counter() - started:.0f} s")
        command = [*cli, "serve", "--bind", f"127.0.0.1:{self.port}"]
        command += ["--no-worker", "--no-scheduler"]
        for option, value in self.processes.items():
            command += [option, str(value)] if value else []
        self.log = open(self.var_dir / "server.log", "w")  # noqa: SIM115 (closed in __exit__)
        self.process = subprocess.Popen(  # noqa: S603
            command, cwd=self.root, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )
        base = f"http://127.0.0.1:{self.port}"
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=30).read()  # noqa: S310
                return base, self.process.pid
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.1)
        raise SystemExit(f"the server did not start: {(self.var_dir / 'server.log').read_text()}")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


def check(base: str, endpoints, cookies) -> None:
    """Every request answers 200 for the person it is for (a redirect to sign in would make a
    fast and meaningless figure)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    for name, requests in endpoints.items():
        for who, path in requests:
            url = base + path  # our own server's http:// address
            request = urllib.request.Request(url, headers={"Accept-Language": "ru"})  # noqa: S310
            if who in cookies:
                request.add_header("Cookie", f"sessionid={cookies[who]}")
            try:
                status = opener.open(request, timeout=60).status
            except urllib.error.HTTPError as error:
                status = error.code
            if status != 200:
                raise SystemExit(f"{name}: {path} as {who} answered {status}, not 200")


def measure(base, pid, endpoints, cookies, clients, seconds, no_mix) -> dict[str, Figures]:
    """The floor, each endpoint alone, then the mix (each endpoint's requests in turn)."""
    results = {
        name: wrk(base, pid, requests, cookies, clients, seconds)
        for name, requests in endpoints.items()
    }
    if not no_mix and len(endpoints) > 1:
        results["mix"] = wrk(base, pid, interleave(endpoints), cookies, clients, seconds)
    return results


def interleave(endpoints) -> list[tuple[str, str]]:
    """One request of each endpoint in turn, round after round: the mix weighs every endpoint
    the same, whatever how many variants it has."""
    lists = [rs for name, rs in endpoints.items() if name != FLOOR]
    rounds = max(len(rs) for rs in lists)
    return [rs[n % len(rs)] for n in range(rounds) for rs in lists]


def wrk(base, pid, requests, cookies, clients, seconds) -> Figures:
    with tempfile.NamedTemporaryFile("w", suffix=".tsv") as listing:
        listing.write("".join(f"{who}\t{path}\n" for who, path in requests))
        listing.flush()
        threads = min(clients, 2)  # the load generator shares the machine's 2 cores
        command = ["wrk", f"-t{threads}", f"-c{clients}", f"-d{seconds}s", "--timeout", "30s"]
        command += ["-s", str(WRK_SCRIPT), base, "--", listing.name]
        command += [f"{who}={session}" for who, session in cookies.items()]
        cpu_before = cpu_seconds(pid)
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
        cpu = cpu_seconds(pid) - cpu_before
    line = next(x for x in output.splitlines() if x.startswith("WRK "))
    values = dict(re.findall(r"(\w+)=(\d+)", line))
    figures = Figures(
        requests=int(values["requests"]),
        seconds=int(values["duration_us"]) / 1e6,
        p50=int(values["p50_us"]) / 1000,
        p95=int(values["p95_us"]) / 1000,
        p99=int(values["p99_us"]) / 1000,
        errors=sum(int(values[k]) for k in ("errors", "status_errors", "timeouts")),
        cpu_ms=cpu * 1000 / max(1, int(values["requests"])),
    )
    if figures.errors:
        raise SystemExit(f"{figures.errors} failed requests: {requests[0][1]}…")
    return figures


def report(results: dict[str, Figures], clients: int, orgs: int, vendor: str) -> None:
    floor = results[FLOOR]
    print(f"\n{clients} clients, {orgs:,} organizations on {vendor}:")
    print(
        f"{'endpoint':<18} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'p50/floor':>9} {'floor rps/rps':>13} {'CPU ms/req':>10} {'CPU/floor':>9}"
    )
    for name, f in results.items():
        print(
            f"{name:<18} {f.rps:>7.0f} {f.p50:>8.1f} {f.p95:>8.1f} {f.p99:>8.1f} "
            f"{f.p50 / floor.p50:>9.1f} {floor.rps / f.rps if f.rps else inf:>13.1f} "
            f"{f.cpu_ms:>10.1f} "
            f"{f.cpu_ms / max(floor.cpu_ms, 0.01):>9.1f}"
        )


def result_line(results: dict[str, Figures], clients: int, orgs: int, vendor: str) -> str:
    floor, mix = results[FLOOR], results.get("mix")
    endpoints = {k: v for k, v in results.items() if k not in (FLOOR, "mix")}
    worst = max(endpoints, key=lambda k: endpoints[k].p95)
    mix_figures = (
        f"mix_rps={mix.rps:.0f} mix_p95_ms={mix.p95:.1f} mix_cpu_ms={mix.cpu_ms:.1f} "
        if mix
        else ""
    )
    return (
        f"RESULT name=http orgs={orgs} db={vendor} clients={clients} {mix_figures}"
        f"worst={worst} worst_p95_ms={endpoints[worst].p95:.1f} "
        f"floor_rps={floor.rps:.0f} floor_p50_ms={floor.p50:.1f} floor_cpu_ms={floor.cpu_ms:.2f}"
    )


if __name__ == "__main__":
    main()
