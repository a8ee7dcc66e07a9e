"""How fast the marketplace answers, in-process, at the issue's scale of 3,000 products.

Loads, on a throw-away database (SQLite in a temporary directory by default, or a PostgreSQL
database created and dropped here with --database-url), 600 organizations with five products
each, puts 3,000 of them on the marketplace with the demo's own builder (marketplace/demo.py:
prices, delivery regions, inquiries), then times through Django's test client the catalogue
unfiltered, with facets and a price range, with words, an htmx request (the panel and the
results), a product's page and the API's filtered list; and, as the baseline of the same run,
the home page (the same stack, the same base template, no catalogue).

    python benchmarks/marketplace.py --quick     # 30 rounds
    python benchmarks/marketplace.py             # 150 rounds
    python benchmarks/marketplace.py --database-url postgres://postgres@127.0.0.1:5432/mk_bench

Ends with one line:
RESULT name=marketplace listings=… catalogue_p95_ms=… … baseline_p95_ms=… worst_ratio=… db=…
"""

import argparse
import statistics
import time
from pathlib import Path

from _support import in_throwaway_folder, owned_organizations, p95, setup_django, summary

ORGANIZATIONS = 600
PER_ORGANIZATION = 5
NOUNS = ["Датчик давления", "Контроллер", "Платформа учёта", "Робот-манипулятор", "Модуль связи"]


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="30 rounds")
    parser.add_argument("--rounds", type=int, help="timed requests per page (default 150)")
    parser.add_argument("--database-url", help="a PostgreSQL URL, created and dropped here")
    options = parser.parse_args(argv)
    options.rounds = options.rounds or (30 if options.quick else 150)
    return options


def fill() -> int:
    from innocluster.features.marketplace import demo
    from innocluster.platform.organizations.models import Product

    organizations = owned_organizations(
        ORGANIZATIONS,
        email="vendor{i}@bench.example",
        full_name="ООО «Производитель {i}»",
        short_name="Производитель {i}",
        legal_address="г. Москва, ул. Тверская, д. 13",
        org_type="it_company",
        headcount=50,
        year_founded=2015,
    )
    Product.objects.bulk_create(
        Product(
            organization=organization,
            name=f"{NOUNS[n]} «Модель {organization.pk}-{n}»",
            description="Промышленное изделие с цифровым интерфейсом и гарантией.",
            category=["hardware", "software", "equipment", "service", "material"][n],
            trl=5 + n % 5,
        )
        for organization in organizations
        for n in range(PER_ORGANIZATION)
    )
    return demo.build(seed=21, count=ORGANIZATIONS * PER_ORGANIZATION).listings


def timed(client, url: str, rounds: int, **headers) -> list[float]:
    samples = []
    for _ in range(rounds):
        tick = time.perf_counter()
        response = client.get(url, headers=headers)
        samples.append((time.perf_counter() - tick) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return samples


def run(options, workdir: Path) -> None:
    setup_django(workdir, options.database_url, tasks_backend="immediate")
    from django.db import connection
    from django.test import Client

    from innocluster.features.marketplace.models import Listing

    tick = time.perf_counter()
    listings = fill()
    print(f"marketplace benchmark: {listings} listings loaded in "
          f"{time.perf_counter() - tick:.1f} s, database {connection.vendor}")  # fmt: skip
    client = Client(HTTP_HOST="localhost", HTTP_ACCEPT_LANGUAGE="ru")
    one = Listing.objects.filter(is_published=True).order_by("pk").first()
    pages = {
        "baseline": "/",
        "catalogue": "/marketplace/",
        "filtered": "/marketplace/?category=hardware&trl=8&trl=9&region=16&price_max=1000000",
        "words": "/marketplace/?q=датчик давления&sort=price",
        "product": f"/marketplace/{one.pk}/",
        "api": "/api/v1/marketplace/listings/?category=software&price_min=10000",
    }
    for url in pages.values():  # warm: templates, the cached counts
        client.get(url)
    # Interleaved rounds, so that the machine's other load falls on every page alike.
    figures = {name: [] for name in [*pages, "htmx"]}
    for _ in range(options.rounds):
        for name, url in pages.items():
            figures[name] += timed(client, url, 1)
        figures["htmx"] += timed(client, pages["filtered"], 1, HX_Request="true")
    base = statistics.median(figures["baseline"])
    for name, samples in figures.items():
        ratio = statistics.median(samples) / base
        print(f"{name:<10} {summary(samples, 2)}; median {ratio:.1f}× the baseline")
    worst = max(statistics.median(s) / base for n, s in figures.items() if n != "baseline")
    print(
        f"RESULT name=marketplace listings={listings} "
        + " ".join(f"{name}_p95_ms={p95(samples):.2f}" for name, samples in figures.items())
        + f" worst_ratio={worst:.1f} db={connection.vendor}"
    )


def main(argv=None) -> None:
    options = parse_args(argv)
    in_throwaway_folder("marketplace-bench-", options.database_url, lambda w: run(options, w))


if __name__ == "__main__":
    main()
