"""How many bookings per second the one booking engine makes, with and without contention.

Each run uses a throw-away database: a SQLite file in a temporary directory by default, or a
PostgreSQL database created and dropped here (--database-url). Bookings go through the real
service (`booking_create`: the rules, the engine's hold, the audit record, the notification
and its queued letter), each in its own transaction, from several threads with a database
connection each. Three rounds:

1. no contention: each thread books consecutive hours of a room of its own;
2. contention on one room: every thread asks for the same hours, in the same order; one
   wins each hour, the others get the 409 (an answer too, so attempts/s is reported);
3. contention on a pool of N desks: every thread asks for the same hours; N win each hour.

Afterwards the database itself is asked for double bookings: pairs of overlapping holding
bookings of a room, and moments when a pool holds more than N. Any is a failure (exit 1).

    python benchmarks/bookings.py --quick    # a few seconds
    python benchmarks/bookings.py            # 4,000 bookings a round, 8 threads
    python benchmarks/bookings.py --database-url postgres://postgres@127.0.0.1:5432/bookings_bench

Ends with one line:
RESULT name=bookings free_per_s=… contended_attempts_per_s=… contended_per_s=…
pool_attempts_per_s=… p95_ms=… double_bookings=0 db=…
"""

import argparse
import datetime as dt
import sys
import threading
import time
from pathlib import Path

from _support import in_throwaway_folder, p95, setup_django, summary  # benchmarks/_support.py

POOL_SIZE = 3


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="200 bookings a round, 4 threads")
    parser.add_argument("--bookings", type=int, help="attempts per round (default 4,000)")
    parser.add_argument("--threads", type=int, help="concurrent clients (default 8)")
    parser.add_argument("--database-url", help="a PostgreSQL URL, created and dropped here")
    options = parser.parse_args(argv)
    options.bookings = options.bookings or (200 if options.quick else 4_000)
    options.threads = options.threads or (4 if options.quick else 8)
    return options


def make_world(threads: int):
    """A facility open around the clock, a room per thread, one shared room, one pool."""
    from innocluster.features.facilities import services
    from tests.factories import OrganizationFactory, UserFactory, member_of

    organization = OrganizationFactory()
    operator = member_of(organization, "owner")
    facility = services.facility_create(
        organization=organization,
        actor=operator,
        kind="coworking",
        name="Bench",
        address="Москва",
        latitude="55.75",
        longitude="37.62",
        open_around_the_clock=True,
    )
    terms = {
        "min_minutes": 30,
        "max_minutes": 120,
        "horizon_days": 730,
        "price_unit": "hour",
        "price": "1000.00",
        "vat_rate": "22",
    }

    def resource(name, **extra):
        return services.resource_create(
            facility=facility, actor=operator, name=name, **{"kind": "room", **terms, **extra}
        )

    return {
        "rooms": [resource(f"Room {n}") for n in range(threads)],
        "shared": resource("Shared room"),
        "pool": resource("Desks", kind="desk_pool", capacity=POOL_SIZE),
        "people": [UserFactory() for _ in range(threads)],
    }


def hour(n: int) -> tuple[dt.datetime, dt.datetime]:
    from django.utils import timezone

    base = timezone.now().replace(minute=0, second=0, microsecond=0) + dt.timedelta(days=1)
    return base + dt.timedelta(hours=n), base + dt.timedelta(hours=n + 1)


def run_round(threads: int, plan) -> dict:
    """plan(thread) -> [(resource, person, hour index)]; every attempt is timed."""
    from django.db import connections

    from innocluster.core.errors import Conflict
    from innocluster.features.facilities.services import booking_create

    latencies, lock = [], threading.Lock()
    outcomes = {"booked": 0, "refused": 0, "errors": 0}
    barrier = threading.Barrier(threads + 1)

    def work(index: int) -> None:
        mine, booked, refused, errors = [], 0, 0, 0
        barrier.wait()
        for resource, person, n in plan(index):
            starts_at, ends_at = hour(n)
            tick = time.perf_counter()
            try:
                booking_create(resource=resource, user=person, starts_at=starts_at, ends_at=ends_at)
                booked += 1
            except Conflict:
                refused += 1
            except Exception as error:  # noqa: BLE001 - counted, printed, and the run fails
                errors += 1
                print(f"error: {error!r}", file=sys.stderr)
            mine.append((time.perf_counter() - tick) * 1000)
        connections.close_all()
        with lock:
            latencies.extend(mine)
            outcomes["booked"] += booked
            outcomes["refused"] += refused
            outcomes["errors"] += errors

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    barrier.wait()
    began = time.perf_counter()
    for worker in workers:
        worker.join()
    seconds = time.perf_counter() - began
    attempts = outcomes["booked"] + outcomes["refused"]
    return {
        **outcomes,
        "seconds": seconds,
        "attempts_per_s": attempts / seconds,
        "booked_per_s": outcomes["booked"] / seconds,
        "latencies": latencies,
    }


def report(name: str, result: dict) -> str:
    return (
        f"{name}: {result['booked']:,} booked, {result['refused']:,} refused (409) in "
        f"{result['seconds']:.1f} s ({result['errors']} errors): "
        f"{result['attempts_per_s']:,.0f} attempts/s, "
        f"{result['booked_per_s']:,.0f} bookings/s; latency {summary(result['latencies'], 1)}"
    )


def double_bookings(world) -> int:
    """Overlapping holding bookings of a room, plus pool hours held beyond the pool's size,
    as the database has them after the run."""
    from django.db import connection

    from innocluster.features.facilities.models import Booking

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FROM facilities_booking a JOIN facilities_booking b
              ON a.resource_id = b.resource_id AND a.id < b.id
             AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
             WHERE a.exclusive AND b.exclusive
               AND a.status IN ('pending', 'confirmed') AND b.status IN ('pending', 'confirmed')
            """
        )
        overlaps = cursor.fetchone()[0]
    held = Booking.objects.holding().filter(resource=world["pool"])
    per_hour: dict = {}
    for starts_at in held.values_list("starts_at", flat=True):
        per_hour[starts_at] = per_hour.get(starts_at, 0) + 1
    over = sum(1 for count in per_hour.values() if count > POOL_SIZE)
    return overlaps + over


def run(options, workdir: Path) -> int:
    setup_django(workdir, options.database_url, tasks_backend="database")
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.db import connection

    threads, count = options.threads, options.bookings
    per_thread = count // threads
    world = make_world(threads)
    print(
        f"bookings benchmark: {count:,} attempts a round, {threads} threads, "
        f"database {connection.vendor}",
        flush=True,
    )
    people = world["people"]
    free = run_round(
        threads, lambda i: [(world["rooms"][i], people[i], n) for n in range(per_thread)]
    )
    print(report("no contention (a room per thread)", free), flush=True)
    contended = run_round(
        threads, lambda i: [(world["shared"], people[i], n) for n in range(per_thread)]
    )
    print(report("contention on one room", contended), flush=True)
    pool = run_round(threads, lambda i: [(world["pool"], people[i], n) for n in range(per_thread)])
    print(report(f"contention on a pool of {POOL_SIZE}", pool), flush=True)
    doubles = double_bookings(world)
    expected = (per_thread, per_thread * min(threads, POOL_SIZE))
    correct = (contended["booked"], pool["booked"]) == expected
    print(
        f"double bookings in the database after the run: {doubles}; winners per hour "
        f"{'as expected' if correct else 'WRONG'} (one per room hour, {POOL_SIZE} per pool "
        "hour)"
    )
    print(
        f"RESULT name=bookings free_per_s={free['booked_per_s']:.0f} "
        f"contended_attempts_per_s={contended['attempts_per_s']:.0f} "
        f"contended_per_s={contended['booked_per_s']:.0f} "
        f"pool_attempts_per_s={pool['attempts_per_s']:.0f} "
        f"p95_ms={max(p95(r['latencies']) for r in (free, contended, pool)):.1f} "
        f"double_bookings={doubles} errors={free['errors'] + contended['errors'] + pool['errors']} "
        f"threads={threads} db={connection.vendor}"
    )
    errors = free["errors"] + contended["errors"] + pool["errors"]
    return 0 if doubles == 0 and correct and not errors else 1


def main(argv=None) -> int:
    options = parse_args(argv)
    return in_throwaway_folder("bookings-bench-", options.database_url, lambda w: run(options, w))


if __name__ == "__main__":
    sys.exit(main())
