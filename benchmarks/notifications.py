"""How fast notifications are sent, counted, listed and mailed.

Measures, on a throw-away database (a SQLite file in a temporary directory by default, or a
PostgreSQL database created and dropped here with --database-url), with the database task
backend, as `make run` has it:

1. the header's unread count (`unread_count`, on every page) for a person with many
   notifications, in a table of all people's notifications;
2. the person's list: the API (`GET /api/v1/notifications/`) and the page, end to end;
3. `notification_send` to a group of people (a case's reviewers, say), each call in its own
   transaction with its task enqueued on commit;
4. the letters: `notification_email_deliver` rendering each in its reader's language and
   handing it to the mail task.

    python benchmarks/notifications.py --quick     # 50,000 notifications, a few seconds
    python benchmarks/notifications.py             # 1,000,000 notifications
    python benchmarks/notifications.py --database-url postgres://postgres@127.0.0.1:5432/ntf_bench

Ends with one line:
RESULT name=notifications unread_count_p95_ms=… api_list_p95_ms=… page_p95_ms=… send_p95_ms=…
letters_per_s=… rows=… db=…
"""

import argparse
import os
import time
from datetime import timedelta
from pathlib import Path

from _support import in_throwaway_folder, p95, setup_django, summary  # benchmarks/_support.py

BATCH = 5_000


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="50,000 notifications, for CI")
    parser.add_argument("--rows", type=int, help="notifications in all (default 1,000,000)")
    parser.add_argument("--people", type=int, help="people they go to (default 20,000)")
    parser.add_argument("--mine", type=int, help="the measured person's (default 10,000)")
    parser.add_argument("--group", type=int, default=50, help="recipients per send (50)")
    parser.add_argument("--repeat", type=int, help="timed repetitions (default 500)")
    parser.add_argument("--database-url", help="a PostgreSQL URL, created and dropped here")
    options = parser.parse_args(argv)
    quick = options.quick
    options.rows = options.rows or (50_000 if quick else 1_000_000)
    options.people = options.people or (1_000 if quick else 20_000)
    options.mine = options.mine or (2_000 if quick else 10_000)
    options.repeat = options.repeat or (100 if quick else 500)
    return options


# --- Measurements ----------------------------------------------------------------------------
def timed(function, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        tick = time.perf_counter()
        function()
        samples.append((time.perf_counter() - tick) * 1000)
    return samples


def fill(options) -> tuple:
    """People, then notifications in batches: the measured person's first (a fifth unread),
    the rest spread over everyone else."""
    from django.utils import timezone

    from innocluster.platform.accounts.models import User
    from innocluster.platform.notifications.models import Notification

    now = timezone.now()
    User.objects.bulk_create(
        User(email=f"p{i}@bench.example", full_name=f"Person {i}", email_confirmed_at=now)
        for i in range(options.people)
    )
    people = list(User.objects.order_by("pk").values_list("pk", flat=True))
    me = User.objects.get(pk=people[0])
    others = people[1:]
    batch = []
    for i in range(options.rows):
        mine = i < options.mine
        batch.append(
            Notification(
                recipient_id=me.pk if mine else others[i % len(others)],
                kind="bench.case",
                context={"number": f"C-{i}", "organization": f"Org {i % 997}"},
                url="/notifications/",
                read_at=None if (i % 5 == 0) else now,
                emailed_at=now,
            )
        )
        if len(batch) == BATCH:
            Notification.objects.bulk_create(batch)
            batch.clear()
    Notification.objects.bulk_create(batch)
    # Spread the creation times over a year, as a live table has them.
    start = now - timedelta(days=365)
    step = timedelta(days=365) / max(options.rows, 1)
    _spread_times(start, step)
    return me, [User.objects.get(pk=pk) for pk in others[: options.group]]


def _spread_times(start, step) -> None:
    """One UPDATE: each row `id * step` after `start` (bulk_create cannot set auto_now_add)."""
    from django.db import connection

    from innocluster.platform.notifications.models import Notification

    table = Notification._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = f"UPDATE {table} SET created_at = %s + id * %s"  # noqa: S608
            cursor.execute(sql, [start, step])
        else:  # SQLite keeps UTC text; julianday arithmetic is in days
            sql = (
                f"UPDATE {table} SET created_at = "  # noqa: S608
                "strftime('%%Y-%%m-%%d %%H:%%M:%%f', julianday(%s) + id * %s)"
            )
            cursor.execute(sql, [start.strftime("%Y-%m-%d %H:%M:%S"), step.total_seconds() / 86400])


def run(options, workdir: Path) -> None:
    os.environ["EMAIL_URL"] = "memorymail://"  # letters stay in memory
    setup_django(workdir, options.database_url, tasks_backend="database")
    from django.core import mail
    from django.db import connection, transaction
    from django.test import Client

    from innocluster.platform.notifications.kinds import NotificationKind, register
    from innocluster.platform.notifications.models import Notification
    from innocluster.platform.notifications.selectors import unread_count
    from innocluster.platform.notifications.services import (
        notification_email_deliver,
        notification_send,
    )

    register(NotificationKind(code="bench.case", title="{organization} submitted case {number}"))
    print(
        f"notifications benchmark: {options.rows:,} notifications to {options.people:,} people, "
        f"{options.mine:,} of them the measured person's, database {connection.vendor}",
        flush=True,
    )
    tick = time.perf_counter()
    me, group = fill(options)
    print(f"filled in {time.perf_counter() - tick:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Notification._meta.db_table}")

    unread = unread_count(user=me)
    counts = timed(lambda: unread_count(user=me), options.repeat)
    print(f"unread count ({unread:,} unread of {options.mine:,}): {summary(counts)}")

    client = Client(HTTP_HOST="localhost", HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(me)

    def get(url):
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    api = timed(lambda: get("/api/v1/notifications/"), options.repeat)
    print(f"API list, first page of 20: {summary(api)}")
    page = timed(lambda: get("/en/notifications/"), options.repeat)
    print(f"list page, first page of 20: {summary(page)}")
    deep = timed(lambda: get("/api/v1/notifications/?page=50&unread=false"), options.repeat // 5)
    print(f"API list, page 50 of the read ones: {summary(deep)}")

    context = {"number": "C-1", "organization": "Org"}

    def send():
        with transaction.atomic():
            notification_send(recipients=group, kind="bench.case", context=context, url="/")

    sends = timed(send, options.repeat)
    print(f"send to {len(group)} people, committed, task enqueued: {summary(sends)}")

    ids = list(Notification.objects.filter(emailed_at__isnull=True).values_list("pk", flat=True))
    mail.outbox = []
    tick = time.perf_counter()
    delivered = notification_email_deliver(ids=ids)
    elapsed = time.perf_counter() - tick
    letters_per_s = delivered / elapsed
    print(f"letters rendered and handed to the mail task: {delivered:,} at {letters_per_s:,.0f}/s")
    print(
        f"RESULT name=notifications unread_count_p95_ms={p95(counts):.3f} "
        f"api_list_p95_ms={p95(api):.2f} page_p95_ms={p95(page):.2f} "
        f"send_{len(group)}_p95_ms={p95(sends):.2f} letters_per_s={letters_per_s:.0f} "
        f"rows={options.rows} db={connection.vendor}"
    )


def main(argv=None) -> None:
    options = parse_args(argv)
    in_throwaway_folder("notifications-bench-", options.database_url, lambda w: run(options, w))


if __name__ == "__main__":
    main()
