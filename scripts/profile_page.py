"""Where one page's or API read's CPU time goes, in-process, on a database already loaded.

With production's settings (DEBUG off, the Redis cache, the cached template loader) and the
test client, this requests a path a few times to warm up, then N times: it prints the CPU time
per request (`time.process_time`: the median, which holds when other work shares the cores,
and the mean) and pyinstrument's tree of the measured requests (a sampling profiler: where the
time goes, each line with its share).

    python scripts/profile_page.py --reuse-url sqlite:////tmp/ic35k.sqlite3 /register/
    python scripts/profile_page.py --reuse-url … --as reviewer /reviews/ -n 50
    python scripts/profile_page.py --reuse-url … --no-profile /api/v1/organizations/?page=2

The database is the one `benchmarks/http_load.py --load-only` keeps (its demo accounts sign in
here). Not a benchmark (no RESULT line, no --quick): a tool for one page at a time.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from _support import point_django_at  # noqa: E402 (benchmarks/_support.py)

ACCOUNTS = {"owner": "demo@innocluster.local", "reviewer": "reviewer@innocluster.local"}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="what to request, e.g. /register/")
    parser.add_argument("--reuse-url", required=True, help="a database already loaded")
    parser.add_argument("--as", dest="who", choices=sorted(ACCOUNTS), help="signed in as")
    parser.add_argument("-n", type=int, default=30, help="requests measured (default 30)")
    parser.add_argument("--warm-up", type=int, default=5, help="requests first (default 5)")
    parser.add_argument("--no-profile", action="store_true", help="only the CPU time")
    parser.add_argument("--all", action="store_true", help="the tree with library frames")
    parser.add_argument("--flat", action="store_true", help="functions by their own time")
    parser.add_argument(
        "--queries", action="store_true", help="the statements of one request (after warming up)"
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/3")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="innocluster-profile-") as var_dir:
        point_django_at(Path(var_dir), None, tasks_backend="immediate")
        os.environ["DATABASE_URL"] = args.reuse_url
        os.environ["REDIS_URL"] = args.redis_url
        os.environ["ALLOWED_HOSTS"] = "testserver"
        import django

        django.setup()
        from django.conf import settings
        from django.contrib.auth import get_user_model
        from django.test import Client

        # The development static storage (nothing collected here); everything else as served.
        settings.STORAGES["staticfiles"] = {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        }
        client = Client(HTTP_ACCEPT_LANGUAGE="ru")
        if args.who:
            client.force_login(get_user_model().objects.get(email=ACCOUNTS[args.who]))
        for path in args.paths:
            profile(client, path, args)


def profile(client, path: str, args) -> None:
    for _ in range(args.warm_up):
        status = client.get(path).status_code
        if status != 200:
            sys.exit(f"{path}: {status}")
    if args.queries:
        print_queries(client, path)
    profiler = None
    if not args.no_profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.001)
        profiler.start()
    times = []
    for _ in range(args.n):
        started = time.process_time()
        client.get(path)
        times.append((time.process_time() - started) * 1000)
    if profiler:
        profiler.stop()
        text = profiler.output_text(
            unicode=True, color=False, show_all=args.all, flat=args.flat, flat_time="self"
        )
        print("\n".join(text.splitlines()[: 80 if args.flat else None]))
    median, mean = statistics.median(times), statistics.fmean(times)
    print(f"{path}: {median:.1f} ms CPU per request, median ({mean:.1f} mean, {args.n} requests)")


def print_queries(client, path: str) -> None:
    """Each statement one request of `path` sends, and how many (the cache warm)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as statements:
        client.get(path)
    for statement in statements:
        print(f"  {statement['time']} s  {statement['sql'][:300]}")
    print(f"{path}: {len(statements)} statements")


if __name__ == "__main__":
    main()
