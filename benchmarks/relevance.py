"""How well the directory's search finds what a person expects: recall@10 and MRR over the
relevance set (tests/directory/relevance.py), per query and overall.

On a throw-away database (SQLite in a temporary directory by default, or a PostgreSQL
database created and dropped here with --database-url) this loads the demo organizations with
seed 1 as benchmarks/search.py does (the demo generator with the search triggers deferred on
SQLite; COPY through directory.bulk on PostgreSQL), adds the set's hand-written organizations,
and runs every query of the set through the directory's own search (the page's first 10).

    python benchmarks/relevance.py --quick     # 2,000 organizations, seconds
    python benchmarks/relevance.py             # 35,000 organizations on SQLite
    python benchmarks/relevance.py --database-url postgres://postgres@127.0.0.1:5432/ic_rel

Ends with one line:
RESULT name=relevance orgs=… db=… queries=… recall_at_10=… mrr=… found=…/…
"""

import argparse
import sys
import tempfile
from pathlib import Path

from _support import drop_database, point_django_at  # benchmarks/_support.py

QUICK_ORGS, FULL_ORGS = 2_000, 35_000


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_ORGS:,} organizations")
    parser.add_argument("--orgs", type=int, help=f"how many (default {FULL_ORGS:,})")
    parser.add_argument("--batch-size", type=int, default=2000)
    parser.add_argument("--database-url", help="a PostgreSQL URL, created here and dropped")
    return parser.parse_args(argv)


def load(count: int, batch_size: int) -> None:
    """The demo organizations as benchmarks/search.py loads them (its functions), then the
    relevance set's own; the search index kept by the triggers."""
    from django.db import connection
    from search import bulk_load, demo_load  # benchmarks/search.py

    from tests.directory.relevance import add_anchors

    if connection.vendor == "postgresql":
        bulk_load(count)
    else:
        demo_load(count, batch_size)
    add_anchors()


def run(args) -> str:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from innocluster.platform.organizations.models import Organization
    from tests.directory.relevance import QUERIES, TOP, judge

    call_command("migrate", verbosity=0)
    load(args.orgs or (QUICK_ORGS if args.quick else FULL_ORGS), args.batch_size)
    orgs = Organization.objects.count()
    print(f"{len(QUERIES)} queries on {orgs:,} organizations ({connection.vendor})")
    judged = [judge(query) for query in QUERIES]
    width = max(len(j.query.text) for j in judged)
    print(f"{'query':<{width}}  case       recall@{TOP}  RR    matches  first found")
    for j in judged:
        first = j.found[0] if j.found else "—"
        partial = " (partial)" if j.partial else ""
        print(
            f"{j.query.text:<{width}}  {j.query.case:<9}  {j.recall:>9.2f}  {j.reciprocal_rank:.2f}"
            f"  {j.count:>7}{partial}  {first}"
        )
        for name in j.query.expected:
            if name not in j.found:
                print(f"{'':<{width}}  missing: {name}")
    recall = sum(j.recall for j in judged) / len(judged)
    mrr = sum(j.reciprocal_rank for j in judged) / len(judged)
    found = sum(j.recall == 1 for j in judged)
    print(f"recall@{TOP} {recall:.3f}, MRR {mrr:.3f}; every must-have found for {found}")
    return (
        f"RESULT name=relevance orgs={orgs} db={connection.vendor} queries={len(judged)} "
        f"recall_at_10={recall:.3f} mrr={mrr:.3f} found={found}/{len(judged)}"
    )


def main(argv=None) -> None:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="innocluster-relevance-") as var_dir:
        point_django_at(Path(var_dir), args.database_url, tasks_backend="immediate")
        sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/search.py
        try:
            result = run(args)
        finally:
            if args.database_url:
                from django.db import connections

                connections.close_all()
                drop_database(args.database_url)
    print(result)


if __name__ == "__main__":
    main()
