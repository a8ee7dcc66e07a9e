"""How fast a cluster's supply chain is drawn (issue 19: 1,000 members and 3,000 links in at
most 300 ms).

On a throw-away database (SQLite in a temporary directory by default, or a PostgreSQL database
created and dropped here with --database-url), makes --members organizations in 12 sectors,
one cluster of them all and --links confirmed supply links among them, then times:

1. `draw`: the layout (igraph's force layout) and the inline SVG (graph.draw) of the chain
   already read, also as CPU time (the machine may be shared: CPU time is what the process
   itself spent);
2. `read`: cluster_chain(cluster), the chain read from the database (three queries);
3. `page`: the whole chain page, /clusters/<pk>/chain/, rendered by Django in-process through
   the test client (reading, drawing, the first page of the table, the template).

    python benchmarks/cluster_chain.py --quick   # 200 members, 600 links, a few seconds
    python benchmarks/cluster_chain.py           # 1,000 members, 3,000 links

Ends with one line:
RESULT name=cluster_chain members=… links=… draw_median_ms=… draw_p95_ms=… draw_cpu_p95_ms=…
read_p95_ms=…
page_median_ms=… page_p95_ms=… svg_kb=… page_kb=…
"""

import argparse
import random
import statistics
import time

from _support import in_throwaway_folder, p95, setup_django, summary  # benchmarks/_support.py

SECTORS = 12


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="200 members, 600 links, for CI")
    parser.add_argument("--members", type=int, help="organizations in the cluster (1,000)")
    parser.add_argument("--links", type=int, help="confirmed supply links among them (3,000)")
    parser.add_argument("--rounds", type=int, help="timed repetitions of each step (30)")
    parser.add_argument("--database-url", help="a PostgreSQL URL, created and dropped here")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args(argv)
    options.members = options.members or (200 if options.quick else 1_000)
    options.links = options.links or (600 if options.quick else 3_000)
    options.rounds = options.rounds or (10 if options.quick else 30)
    return options


def build(options):
    """The organizations, their sectors, the cluster and the links, written in bulk."""
    import datetime

    from innocluster.features.chains.models import SupplyLink
    from innocluster.features.clusters.models import Cluster, ClusterMember
    from innocluster.platform.organizations.models import Industry, Organization

    rng = random.Random(options.seed)
    industries = Industry.objects.bulk_create(
        Industry(slug=f"bench-{i}", name_ru=f"Отрасль {i}", name_en=f"Sector {i}")
        for i in range(SECTORS)
    )
    organizations = Organization.objects.bulk_create(
        Organization(
            kind="legal_entity",
            inn=f"77{i:08d}",
            ogrn=f"1{i:012d}",
            full_name=f"Общество с ограниченной ответственностью «Участник {i}»",
            short_name=f"ООО «Участник {i}»",
            region="77",
            legal_address="г. Москва",
            org_type="it_company",
        )
        for i in range(options.members)
    )
    through = Organization.industries.through
    through.objects.bulk_create(
        through(organization_id=o.pk, industry_id=industries[rng.randrange(SECTORS)].pk)
        for o in organizations
    )
    cluster = Cluster.objects.create(
        name="Кластер для замера", aims="—", description_ru="—", lead_organization=organizations[0]
    )
    ClusterMember.objects.bulk_create(
        ClusterMember(cluster=cluster, organization=o) for o in organizations
    )
    pairs = set()
    while len(pairs) < options.links:
        a, b = rng.sample(organizations, 2)
        pairs.add((a.pk, b.pk))
    SupplyLink.objects.bulk_create(
        (
            SupplyLink(
                supplier_id=a,
                customer_id=b,
                subject="Поставка комплектующих",
                subject_key="tпоставка комплектующих",
                starts_on=datetime.date(2024, 1, 1),
                state="confirmed",
            )
            for a, b in sorted(pairs)
        ),
        batch_size=1000,
    )
    return cluster


def timed(function, rounds: int, clock=time.perf_counter) -> tuple[list[float], object]:
    samples, result = [], None
    for _ in range(rounds):
        start = clock()
        result = function()
        samples.append((clock() - start) * 1000)
    return samples, result


def run(options, workdir):
    setup_django(workdir, options.database_url, tasks_backend="immediate")
    from django.test import Client
    from django.utils import translation

    from innocluster.features.chains import graph, selectors

    cluster = build(options)
    translation.activate("ru")
    chain = selectors.cluster_chain(cluster)
    assert len(chain.nodes) == options.members and len(chain.edges) == options.links
    graph.draw(chain)  # igraph's first call sets itself up once per process
    draw_ms, drawing = timed(lambda: graph.draw(chain), options.rounds)
    draw_cpu_ms, _drawing = timed(lambda: graph.draw(chain), options.rounds, time.process_time)
    read_ms, _chain = timed(lambda: selectors.cluster_chain(cluster), options.rounds)
    client = Client(HTTP_HOST="localhost")
    url = f"/clusters/{cluster.pk}/chain/"
    client.get(url)  # templates compiled, caches warm: what every later visitor gets
    page_ms, response = timed(lambda: client.get(url), options.rounds)
    assert response.status_code == 200, response.status_code
    print(f"{options.members} members, {options.links} links, {options.rounds} rounds each")
    print(f"draw (layout + SVG): {summary(draw_ms)}")
    print(f"draw, CPU time: {summary(draw_cpu_ms)}")
    print(f"read (cluster_chain): {summary(read_ms)}")
    print(f"page (whole response): {summary(page_ms)}")
    svg_kb = len(str(drawing.svg).encode()) / 1024
    page_kb = len(response.content) / 1024
    print(f"SVG {svg_kb:.1f} KB, page {page_kb:.1f} KB (before compression)")
    print(
        f"RESULT name=cluster_chain members={options.members} links={options.links} "
        f"draw_median_ms={statistics.median(draw_ms):.1f} draw_p95_ms={p95(draw_ms):.1f} "
        f"draw_cpu_p95_ms={p95(draw_cpu_ms):.1f} "
        f"read_p95_ms={p95(read_ms):.1f} page_median_ms={statistics.median(page_ms):.1f} "
        f"page_p95_ms={p95(page_ms):.1f} svg_kb={svg_kb:.0f} page_kb={page_kb:.0f}"
    )


def main(argv=None):
    options = parse_args(argv)
    in_throwaway_folder("chain-bench-", options.database_url, lambda w: run(options, w))


if __name__ == "__main__":
    main()
