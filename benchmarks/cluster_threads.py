"""How fast a cluster's discussion pages: a thread of many posts, paged by keyset.

Measures, on a throw-away database (a SQLite file in a temporary directory by default, or a
PostgreSQL database created and dropped here with --database-url), end to end through Django's
test client as a member person of the cluster:

1. the thread page: its first page, a page in the middle (`?after=`), the newest (`?last`);
2. the API's posts list: the first page and one in the middle (by the cursor it returns);
3. the cluster's thread list (pinned first, then by last post);
4. a reply to a thread that many people follow (the post, the count, the notifications in one
   bulk insert), each in its own transaction;
5. for scale, the floor: the (empty) notifications page, through the same middleware and base
   template, at the same moment (the machine may be shared).

The issue asks a thread of 10,000 posts to page in at most 50 ms.

    python benchmarks/cluster_threads.py --quick    # one thread of 10,000 posts, a few seconds
    python benchmarks/cluster_threads.py            # and 100,000 posts in 200 other threads

Ends with one line:
RESULT name=cluster_threads page_p95_ms=… middle_p95_ms=… last_p95_ms=… api_p95_ms=…
api_middle_p95_ms=… list_p95_ms=… reply_p95_ms=… posts=… db=…
"""

import argparse
import statistics
import time
from pathlib import Path

from _support import in_throwaway_folder, p95, setup_django, summary  # benchmarks/_support.py

BATCH = 5_000


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one thread of 10,000 posts, for CI")
    parser.add_argument("--posts", type=int, default=10_000, help="posts in the measured thread")
    parser.add_argument("--other-posts", type=int, help="posts in other threads (100,000)")
    parser.add_argument("--followers", type=int, help="people who follow the thread (1,000)")
    parser.add_argument("--repeat", type=int, help="timed repetitions (default 200)")
    parser.add_argument("--database-url", help="a PostgreSQL URL, created and dropped here")
    options = parser.parse_args(argv)
    quick = options.quick
    if options.other_posts is None:
        options.other_posts = 0 if quick else 100_000
    options.followers = options.followers or (200 if quick else 1_000)
    options.repeat = options.repeat or (30 if quick else 200)
    return options


def timed(function, repeat: int, clock=time.perf_counter) -> list[float]:
    samples = []
    for _ in range(repeat):
        tick = clock()
        function()
        samples.append((clock() - tick) * 1000)
    return samples


def fill(options):
    from django.utils import timezone

    from innocluster.features.clusters.models import Cluster, ClusterMember
    from innocluster.features.community.models import Follow, Post, Thread
    from innocluster.platform.accounts.models import User
    from innocluster.platform.organizations.models import Membership, Organization

    now = timezone.now()
    lead = Organization.objects.create(
        kind="legal_entity",
        inn="7707083893",
        ogrn="1027700132195",
        full_name="Общество с ограниченной ответственностью «Тест»",
        short_name="ООО «Тест»",
        region="77",
        legal_address="г. Москва",
        org_type="it_company",
    )
    cluster = Cluster.objects.create(
        name="Кластер", aims="Цели", description_ru="Описание", lead_organization=lead
    )
    ClusterMember.objects.create(cluster=cluster, organization=lead, is_admin=True)
    people = User.objects.bulk_create(
        User(email=f"p{i}@bench.example", full_name=f"Участник {i}", email_confirmed_at=now)
        for i in range(options.followers + 1)
    )
    people = list(User.objects.order_by("pk"))
    me = people[0]
    Membership.objects.create(organization=lead, user=me, role="owner")
    thread = Thread.objects.create(cluster=cluster, title="Длинная тема", author=me)
    _posts(Post, thread, me, options.posts)
    Thread.objects.filter(pk=thread.pk).update(post_count=options.posts)
    Follow.objects.bulk_create(Follow(thread=thread, user=p) for p in people[1:])
    per_thread = 500
    for n in range(options.other_posts // per_thread):
        other = Thread.objects.create(cluster=cluster, title=f"Тема {n}", author=me)
        _posts(Post, other, me, per_thread)
        Thread.objects.filter(pk=other.pk).update(post_count=per_thread)
    return cluster, thread, me


def _posts(Post, thread, author, count):
    text = "Сообщение с ссылкой https://i.moscow/cluster и текстом. " * 4
    for start in range(0, count, BATCH):
        Post.objects.bulk_create(
            Post(thread=thread, author=author, text=f"{start + i}. {text}")
            for i in range(min(BATCH, count - start))
        )


def run(options, workdir: Path) -> None:
    setup_django(workdir, options.database_url, tasks_backend="database")
    from django.db import connection, transaction
    from django.test import Client

    from innocluster.features.community import selectors, services

    tick = time.perf_counter()
    cluster, thread, me = fill(options)
    print(
        f"filled {options.posts + options.other_posts:,} posts "
        f"in {time.perf_counter() - tick:.1f} s"
    )
    client = Client(HTTP_HOST="localhost", HTTP_ACCEPT_LANGUAGE="ru")
    client.force_login(me)
    base = f"/clusters/{cluster.pk}/community/"
    ids = list(thread.posts.order_by("id").values_list("id", flat=True))
    middle = ids[len(ids) // 2]

    def get(url):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    get(f"{base}{thread.pk}/")  # warm the templates and the connection
    # The floor on this machine at this moment: a page of the platform with little on it.
    floor = timed(lambda: get("/notifications/"), options.repeat)
    print(f"floor: the notifications page, empty: {summary(floor)}")
    first = timed(lambda: get(f"{base}{thread.pk}/"), options.repeat)
    print(f"thread page, first 50 of {len(ids):,}: {summary(first)}")
    # CPU time of this process alone: what the page costs, apart from waiting for a shared CPU
    # (the database is in-process with SQLite, so its work is counted too).
    cpu = timed(lambda: get(f"{base}{thread.pk}/"), options.repeat, clock=time.process_time)
    print(f"thread page, first 50, CPU time: {summary(cpu)}")
    mid = timed(lambda: get(f"{base}{thread.pk}/?after={middle}"), options.repeat)
    print(f"thread page, 50 from the middle: {summary(mid)}")
    last = timed(lambda: get(f"{base}{thread.pk}/?last"), options.repeat)
    print(f"thread page, the newest 50: {summary(last)}")
    api_url = f"/api/v1/clusters/{cluster.pk}/threads/{thread.pk}/posts/"
    api = timed(lambda: get(api_url), options.repeat)
    print(f"API posts, first page of 50: {summary(api)}")
    cursor = get(api_url).json()["next"]
    for _ in range(len(ids) // 100 - 1):  # walk to the middle by the cursors it hands out
        cursor = get(cursor).json()["next"]
    api_mid = timed(lambda: get(cursor), options.repeat)
    print(f"API posts, a page in the middle (by cursor): {summary(api_mid)}")
    listing = timed(lambda: get(base), options.repeat)
    print(f"thread list of the cluster: {summary(listing)}")

    who = selectors.standing(user=me, cluster_pk=cluster.pk)

    def post():
        with transaction.atomic():
            services.post_create(standing=who, thread=thread, actor=me, text="Новости")

    replies = timed(post, max(5, options.repeat // 5))
    print(f"reply to {options.followers:,} followers (bulk notifications): {summary(replies)}")
    print(
        f"RESULT name=cluster_threads page_p95_ms={p95(first):.2f} middle_p95_ms={p95(mid):.2f} "
        f"last_p95_ms={p95(last):.2f} api_p95_ms={p95(api):.2f} "
        f"api_middle_p95_ms={p95(api_mid):.2f} list_p95_ms={p95(listing):.2f} "
        f"reply_p95_ms={p95(replies):.2f} page_median_ms={statistics.median(first):.2f} "
        f"page_cpu_p95_ms={p95(cpu):.2f} floor_p95_ms={p95(floor):.2f} posts={len(ids)} "
        f"followers={options.followers} db={connection.vendor}"
    )


def main(argv=None) -> None:
    options = parse_args(argv)
    in_throwaway_folder("cluster-threads-bench-", options.database_url, lambda w: run(options, w))


if __name__ == "__main__":
    main()
