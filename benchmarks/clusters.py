"""How fast the parts of an intersectoral cluster answer at scale: a cluster of 1,100 members
(1,000 active participants, 60 partners, 40 without status) with 114 joint projects.

Measured: the completeness check of its status application (decree 435-PP's count of 30
counting members and the joint project; target ≤ 50 ms), the cluster's page and its API (as the
lead's owner, an administrator: the heaviest view), the cluster's projects API and a project's
page (p95 ≤ 100 ms each), through Django's test client (no network). Each also as CPU time
of this process (what it cost here, whatever else the machine was doing).

    python benchmarks/clusters.py --quick    # a few seconds
    python benchmarks/clusters.py            # 200 requests each
    python benchmarks/clusters.py --database-url postgres://postgres@127.0.0.1:5432/clusters_bench

Ends with one line:
RESULT name=clusters members=… projects=… check_p95_ms=… page_p95_ms=… api_p95_ms=…
projects_api_p95_ms=… project_page_p95_ms=…
cpu_p95_ms=<check>/<page>/<api>/<projects api>/<project page> db=…
"""

import argparse
import contextlib
import sys
import time

from _support import in_throwaway_folder, p95, setup_django, summary  # benchmarks/_support.py

MEMBERS, PARTNERS, PLAIN = 1_000, 60, 40


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="20 runs of each measurement")
    parser.add_argument("--runs", type=int, help="runs of each measurement (default 200)")
    parser.add_argument("--database-url", help="a PostgreSQL URL, created and dropped here")
    options = parser.parse_args(argv)
    options.runs = options.runs or (20 if options.quick else 200)
    return options


def make_cluster():
    """The cluster, its lead's owner (an administrator) and the lead's user."""
    from django.utils import timezone
    from stdnum.ru import inn as stdnum_inn
    from stdnum.ru import ogrn as stdnum_ogrn

    from innocluster.features.clusters.demo_projects import demo_projects
    from innocluster.features.clusters.models import Cluster, ClusterMember
    from innocluster.platform.accounts.models import User
    from innocluster.platform.organizations.models import Membership, Organization
    from innocluster.platform.status.models import Status

    def inn(n):
        body = f"77{n:07d}"
        return body + stdnum_inn.calc_company_check_digit(body)

    def ogrn(n):
        body = f"1{n:011d}"
        return body + stdnum_ogrn.calc_check_digit(body + "0")

    total = MEMBERS + PARTNERS + PLAIN
    organizations = Organization.objects.bulk_create(
        Organization(
            kind="legal_entity",
            inn=inn(n + 1),
            ogrn=ogrn(n + 1),
            full_name=f"ООО «Участник {n}»",
            short_name=f"ООО «Участник {n}»",
            region="77" if n < MEMBERS else "50",
            legal_address="г. Москва",
            org_type="it_company",
        )
        for n in range(total)
    )
    today = timezone.localdate()
    Status.objects.bulk_create(
        Status(
            organization=o,
            kind="participant" if n < MEMBERS else "partner",
            state="active",
            register_number=f"IC-{o.pk:07d}",
            granted_on=today,
        )
        for n, o in enumerate(organizations[: MEMBERS + PARTNERS])
    )
    lead = organizations[0]
    user = User.objects.create_user(email="lead@example.ru", password="bench-password-19")
    Membership.objects.create(organization=lead, user=user, role="owner")
    cluster = Cluster.objects.create(
        name="Кластер 1100", aims="Цели", description_ru="Описание", lead_organization=lead
    )
    ClusterMember.objects.bulk_create(
        ClusterMember(cluster=cluster, organization=o, is_admin=o.pk == lead.pk)
        for o in organizations
    )
    projects = demo_projects(clusters=[cluster], actor=user, register=0)
    return cluster, user, projects


def timed(runs: int, call) -> list[float]:
    """Wall-clock milliseconds of each call; the process's CPU milliseconds go to CPU_MS (what
    the call cost this process, whatever else the machine was doing meanwhile)."""
    samples, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        call()
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    CPU_MS.append(cpu)
    return samples


CPU_MS: list[list[float]] = []


def run(options, workdir):
    setup_django(workdir, options.database_url, tasks_backend="immediate")
    from django.core.exceptions import ValidationError
    from django.db import connection
    from django.test import Client

    from innocluster.features.clusters.services.application import (
        cluster_application_create,
        missing_for_status,
    )
    from innocluster.platform.reviews.kinds import kind_get

    started = time.perf_counter()
    cluster, user, projects = make_cluster()
    print(
        f"built {cluster.members.count()} members, {len(projects)} projects "
        f"in {time.perf_counter() - started:.1f} s ({connection.vendor})"
    )
    application = cluster_application_create(cluster=cluster, actor=user)
    kind = kind_get("clusters.status")
    assert not missing_for_status(cluster)

    def check():
        # The contact's phone and the agreement are missing: the count and the project are
        # what is timed, and every item is checked before the refusal.
        with contextlib.suppress(ValidationError):
            kind.check_complete(application.case)

    check_ms = timed(options.runs, check)
    print(
        f"completeness check, {cluster.members.count()} members: {summary(check_ms)}"
        f" (CPU {summary(CPU_MS[-1])})"
    )

    client = Client(HTTP_ACCEPT_LANGUAGE="ru", SERVER_NAME="localhost")
    client.force_login(user)
    cluster_url = f"/clusters/{cluster.pk}/"
    assert client.get(cluster_url).status_code == 200
    cluster_ms = timed(options.runs, lambda: client.get(cluster_url))
    print(f"cluster page (administrator): {summary(cluster_ms)} (CPU {summary(CPU_MS[-1])})")
    detail_url = f"/api/v1/clusters/{cluster.pk}/"
    assert client.get(detail_url).status_code == 200
    detail_ms = timed(options.runs, lambda: client.get(detail_url))
    print(f"cluster API (one cluster): {summary(detail_ms)} (CPU {summary(CPU_MS[-1])})")

    api_url = f"/api/v1/clusters/{cluster.pk}/projects/"
    assert client.get(api_url).status_code == 200
    api_ms = timed(options.runs, lambda: client.get(api_url))
    print(f"projects API (first page): {summary(api_ms)} (CPU {summary(CPU_MS[-1])})")

    page_url = f"/clusters/{cluster.pk}/projects/{projects[0].pk}/"
    assert client.get(page_url).status_code == 200, client.get(page_url).status_code
    page_ms = timed(options.runs, lambda: client.get(page_url))
    print(f"project page: {summary(page_ms)} (CPU {summary(CPU_MS[-1])})")
    print(
        f"RESULT name=clusters members={cluster.members.count()} projects={len(projects)} "
        f"check_p95_ms={p95(check_ms):.1f} page_p95_ms={p95(cluster_ms):.1f} "
        f"api_p95_ms={p95(detail_ms):.1f} projects_api_p95_ms={p95(api_ms):.1f} "
        f"project_page_p95_ms={p95(page_ms):.1f} "
        f"cpu_p95_ms={'/'.join(f'{p95(c):.1f}' for c in CPU_MS)} db={connection.vendor}"
    )


def main(argv=None) -> int:
    options = parse_args(argv)
    in_throwaway_folder("clusters-bench-", options.database_url, lambda w: run(options, w))
    return 0


if __name__ == "__main__":
    sys.exit(main())
