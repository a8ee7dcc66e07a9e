"""How fast the demo data generator loads organizations into a fresh database.

The target: 35,000 organizations (with their products, people and memberships) on SQLite in
under three minutes. Each run uses its own throw-away database: a SQLite file in a temporary
directory by default, or a PostgreSQL database created and dropped here (--database-url).

    python benchmarks/demo_data.py --quick        # 1,000 organizations, a few seconds
    python benchmarks/demo_data.py                # 35,000 organizations on SQLite
    python benchmarks/demo_data.py --database-url \
        postgres://postgres@127.0.0.1:5432/innocluster_bench

Ends with one line: RESULT name=demo_data orgs=<n> seconds=<s> orgs_per_s=<r> db=<engine>
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

from _support import drop_database, point_django_at  # benchmarks/_support.py

QUICK_ORGS, FULL_ORGS = 1_000, 35_000


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_ORGS:,} organizations")
    parser.add_argument("--orgs", type=int, help=f"how many (default {FULL_ORGS:,})")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=2000)
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL URL whose database is created for the run and dropped after it",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the PostgreSQL database afterwards"
    )
    return parser.parse_args(argv)


def prepare_environment(args, var_dir: str) -> None:
    """Point the settings at a fresh database before Django reads them."""
    point_django_at(Path(var_dir), args.database_url, tasks_backend="immediate")


def run(args) -> tuple[int, float, str]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from tqdm import tqdm

    from innocluster.platform.organizations.demo import load_demo_data

    call_command("migrate", verbosity=0)
    count = args.orgs or (QUICK_ORGS if args.quick else FULL_ORGS)
    started = time.perf_counter()
    with tqdm(total=count, unit="org", desc="demo_data", file=sys.stderr) as bar:
        report = load_demo_data(
            count=count, seed=args.seed, batch_size=args.batch_size, progress=bar.update
        )
    seconds = time.perf_counter() - started
    print(
        f"{report.organizations} organizations, {report.products} products, "
        f"{report.people} people in {seconds:.1f} s"
    )
    engine = "postgresql" if connection.vendor == "postgresql" else connection.vendor
    connection.close()
    return report.organizations, seconds, engine


def main(argv=None) -> None:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="innocluster-bench-") as var_dir:
        prepare_environment(args, var_dir)
        try:
            orgs, seconds, engine = run(args)
        finally:
            if args.database_url and not args.keep:
                drop_database(args.database_url)
    print(
        f"RESULT name=demo_data orgs={orgs} seconds={seconds:.2f} "
        f"orgs_per_s={orgs / seconds:.0f} db={engine}"
    )


if __name__ == "__main__":
    main()
