"""How fast the contract production exchange is: the orders catalogue with filters (a page of
20 and its count through the one FilterSet, as the page and the API use it) at 10,000
published orders (`bench_orders_list`), the opening of an order with 1,000 offers followed by
its comparison table (`bench_opening`: exchange.services.order_open, exchange.comparison), and
the OCDS release package of every order streamed (`bench_ocds`, its peak memory by
tracemalloc). Each prints a baseline measured in the same run and the ratio to it.

On a throw-away database (a SQLite file in a temporary directory by default, or a PostgreSQL
database created and dropped here with --database-url).

    python benchmarks/exchange.py --quick     # 1,000 orders, 100 offers, a few seconds
    python benchmarks/exchange.py             # 10,000 orders (issue 21: list p95 ≤ 50 ms),
                                              # 1,000 offers (opening + comparison ≤ 1 s)
    python benchmarks/exchange.py --only matching      # matching (bench_matching): an order
                                              # against 41,000 organizations (p95 ≤ 200 ms)

Wall-clock figures on a loaded machine run several times slower than on a quiet one; the CPU
time of the process (`cpu_*`) is printed beside them.

Ends with one line:
RESULT name=exchange orders=… offers=… list_median_ms=… list_p95_ms=… … open_compare_ms=… …
ocds_ms=… ocds_peak_mb=… ocds_base_peak_mb=… db=…
and, for matching, one more:
RESULT name=exchange_matching orgs=… offers=… equipment=… median_ms=… p95_ms=…
baseline_median_ms=… ratio=… db=…
"""

import argparse
import datetime as dt
import random
import statistics
import time
from decimal import Decimal

from _support import in_throwaway_folder, p95, setup_django, summary  # benchmarks/_support.py

QUERIES = [
    {},
    {"status": "published"},
    {"q": "корпус"},
    {"access": "open", "status": "awarded"},
    {"category": "CATEGORY"},
    {"q": "фрезерование", "status": "published"},
]


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 orders and 100 offers, for CI")
    parser.add_argument("--orders", type=int, help="published orders (default 10,000)")
    parser.add_argument("--offers", type=int, help="offers on the order opened (default 1,000)")
    parser.add_argument("--repeat", type=int, help="timed repetitions per query (default 30)")
    parser.add_argument("--database-url", help="a PostgreSQL URL, created and dropped here")
    parser.add_argument(
        "--only", choices=["list", "matching"], help="one part (default: every part)"
    )
    parser.add_argument(
        "--matching-orgs", type=int, help="organizations matched against (default 41,000)"
    )
    options = parser.parse_args(argv)
    options.matching_orgs = options.matching_orgs or (2_000 if options.quick else 41_000)
    options.orders = options.orders or (1_000 if options.quick else 10_000)
    options.offers = options.offers or (100 if options.quick else 1_000)
    options.repeat = options.repeat or (5 if options.quick else 30)
    return options


def _organizations(count: int, start: int):
    from innocluster.platform.organizations.models import Organization

    return Organization.objects.bulk_create(
        Organization(
            kind="legal_entity",
            inn=f"77{start + i:08d}",
            ogrn=f"11277{start + i:08d}",
            full_name=f"ООО Завод {i}",
            short_name=f"ООО Завод {i}",
            region="77",
            legal_address="Москва",
            org_type="manufacturer",
        )  # fmt: skip
        for i in range(count)
    )


def build(orders: int, offers: int):
    from django.utils import timezone

    from innocluster.features.exchange.models import Category, Item, Offer, OfferLine, Order
    from innocluster.platform.accounts.models import User

    rng = random.Random(21)
    now = timezone.now()
    user = User.objects.create_user("buyer@example.ru", "x", full_name="Покупатель")
    buyers = _organizations(200, 1)
    categories = list(Category.objects.prefetch_related("units"))
    words = ["Корпус", "Кронштейн", "Вал", "Плата", "Фланец", "Шестерня"]
    statuses = ["published"] * 6 + ["opened", "awarded", "cancelled"]
    rows = [
        Order(
            organization=rng.choice(buyers),
            created_by=user,
            title=f"{rng.choice(words)} {i}: фрезерование и сборка"
            if i % 3 == 0
            else f"{rng.choice(words)} {i}",
            description="Изготовление по чертежу заказчика.",
            delivery_place="Москва",
            delivery_date=now.date() + dt.timedelta(days=30),
            questions_until=now + dt.timedelta(days=2),
            offers_until=now + dt.timedelta(days=rng.randint(3, 30)),
            status=rng.choice(statuses),
            access=rng.choice(["open", "open", "invited"]),
            published_at=now - dt.timedelta(minutes=i),
        )  # fmt: skip
        for i in range(orders)
    ]
    created = Order.objects.bulk_create(rows, batch_size=2000)
    items = []
    for order in created:
        for position in range(2):
            category = rng.choice(categories)
            items.append(
                Item(
                    order=order,
                    position=position,
                    name=f"Деталь {position}",
                    category=category,
                    quantity=Decimal(rng.randint(1, 1000)),
                    unit=category.units.all()[0],
                )  # fmt: skip
            )
    Item.objects.bulk_create(items, batch_size=5000)
    target = created[0]
    Order.objects.filter(pk=target.pk).update(
        status="published",
        questions_until=now - dt.timedelta(seconds=2),
        offers_until=now - dt.timedelta(seconds=1),
    )
    suppliers = _organizations(offers, 10_000)
    offer_rows = Offer.objects.bulk_create(
        Offer(
            order=target,
            organization=s,
            status="submitted",
            lead_time_days=rng.randint(5, 60),
            sha256="0" * 64,
            submitted_by=user,
        )  # fmt: skip
        for s in suppliers
    )
    target_items = list(target.items.all())
    OfferLine.objects.bulk_create(
        (
            OfferLine(offer=o, item=it, price=Decimal(rng.randint(1000, 9**6)), vat_rate=20)
            for o in offer_rows
            for it in target_items
        ),
        batch_size=5000,
    )  # fmt: skip
    return target, categories[0], user


def timed(function, repeat: int) -> tuple[list[float], list[float]]:
    wall, cpu = [], []
    for _ in range(repeat):
        tick, tock = time.perf_counter(), time.process_time()
        function()
        wall.append((time.perf_counter() - tick) * 1000)
        cpu.append((time.process_time() - tock) * 1000)
    return wall, cpu


def ratio(value: float, baseline: float) -> str:
    return f"{value / baseline:.1f}×" if baseline else "—"


def bench_orders_list(options, category) -> dict:
    """The catalogue's page of 20 and its count through the one FilterSet, each query of
    QUERIES; the baseline is the same page and count with no FilterSet and no filter."""
    from django.http import QueryDict

    from innocluster.features.exchange import selectors
    from innocluster.features.exchange.filters import OrderFilterSet

    def page(query):
        filterset = OrderFilterSet(query, queryset=selectors.order_list_public())
        assert filterset.is_valid(), filterset.errors
        rows = filterset.qs
        return len(list(rows[:20])), rows.count()

    def plain():
        rows = selectors.order_list_public()
        return len(list(rows[:20])), rows.count()

    queries = []
    for values in QUERIES:
        query = QueryDict(mutable=True)
        for key, value in values.items():
            query[key] = str(category.pk) if value == "CATEGORY" else value
        queries.append(query)
    plain()
    base, _ = timed(plain, options.repeat * 2)
    wall, cpu = [], []
    for query in queries:
        page(query)  # warm
        w, c = timed(lambda q=query: page(q), options.repeat)
        wall += w
        cpu += c
    print(
        f"orders list with filters, {options.orders} orders: {summary(wall)}; cpu {summary(cpu)}"
        f"; baseline (no filter) {summary(base)}; p95 ratio {ratio(p95(wall), p95(base))}"
    )
    return {
        "list_median_ms": statistics.median(wall), "list_p95_ms": p95(wall),
        "list_cpu_p95_ms": p95(cpu), "list_base_p95_ms": p95(base),
    }  # fmt: skip


def bench_opening(options, target, user) -> dict:
    """Opening the order's offers (exchange.services.order_open: the lock, the hashes' digest
    on the ledger, the notification) and its comparison table (with the suppliers' ratings),
    once, as the opening task does; the baseline reads the same offers with their lines."""
    from django.urls import reverse

    from innocluster.features.exchange import selectors
    from innocluster.features.exchange.comparison import comparison
    from innocluster.features.exchange.models import Offer, Order
    from innocluster.features.exchange.services.awards import order_open
    from innocluster.platform.ledger.signing import sign
    from innocluster.platform.organizations.models import Membership

    Membership.objects.create(organization=target.organization, user=user, role="owner")
    sign(b"warm up")  # the ledger's first use makes its key: not the opening's time
    reverse("exchange:catalogue")  # nor the URLs' first import (the notification's link)
    tick = time.perf_counter()
    offers = list(Offer.objects.filter(order=target).prefetch_related("lines"))
    base = (time.perf_counter() - tick) * 1000
    assert len(offers) == options.offers
    tick, tock = time.perf_counter(), time.process_time()
    assert order_open(order_id=target.pk)
    target = Order.objects.get(pk=target.pk)
    rows = comparison(target, selectors.comparable_offers(user=user, order=target))
    open_compare = (time.perf_counter() - tick) * 1000
    open_cpu = (time.process_time() - tock) * 1000
    assert len(rows) == options.offers
    print(
        f"opening {options.offers} offers and the comparison: {open_compare:.0f} ms "
        f"(cpu {open_cpu:.0f} ms); baseline (reading the offers and lines) {base:.0f} ms; "
        f"ratio {ratio(open_compare, base)}"
    )
    return {"open_compare_ms": open_compare, "open_compare_cpu_ms": open_cpu, "open_base_ms": base}


def bench_ocds(options) -> dict:
    """The OCDS release package of every published order, streamed as the bulk download
    sends it (exchange.ocds.package_chunks over keyset chunks), each piece dropped as a client
    would take it: time and peak Python memory (tracemalloc). The baseline builds the same
    package in memory at once (json.dumps of the whole list), which is what streaming avoids."""
    import json
    import tracemalloc

    from innocluster.features.exchange import ocds

    def streamed():
        size = 0
        for piece in ocds.package_chunks("https://example.org/ocds", ocds.releases()):
            size += len(piece)
        return size

    def at_once():
        package = ocds.package("https://example.org/ocds", ocds.releases())
        return len(json.dumps(package, ensure_ascii=False).encode())

    results = {}
    for name, function in (("stream", streamed), ("at_once", at_once)):
        tick, tock = time.perf_counter(), time.process_time()
        size = function()  # timed without tracemalloc, which slows every allocation
        wall, cpu = (time.perf_counter() - tick) * 1000, (time.process_time() - tock) * 1000
        tracemalloc.start()
        function()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        results[name] = (wall, cpu, peak, size)
    (wall, cpu, peak, size) = results["stream"]
    (base_wall, base_cpu, base_peak, _) = results["at_once"]
    print(
        f"OCDS package of {options.orders} orders streamed: {wall:.0f} ms (cpu {cpu:.0f} ms), "
        f"{size / 2**20:.1f} MB sent, peak Python memory {peak:.1f} MB; baseline (the package "
        f"built at once) {base_wall:.0f} ms (cpu {base_cpu:.0f} ms), peak {base_peak:.1f} MB; "
        f"time ratio {ratio(wall, base_wall)}, memory {ratio(base_peak, peak)} less"
    )
    return {
        "ocds_ms": wall, "ocds_cpu_ms": cpu, "ocds_base_ms": base_wall, "ocds_peak_mb": peak,
        "ocds_base_peak_mb": base_peak,
    }  # fmt: skip


def run(options, workdir):
    setup_django(workdir, options.database_url, tasks_backend="immediate")
    if options.only != "list":
        bench_matching(options)
    if options.only != "matching":
        run_list_opening_and_ocds(options)


def run_list_opening_and_ocds(options):
    from django.db import connection

    target, category, user = build(options.orders, options.offers)
    figures = {}
    figures |= bench_orders_list(options, category)
    figures |= bench_opening(options, target, user)
    figures |= bench_ocds(options)
    print(
        f"RESULT name=exchange orders={options.orders} offers={options.offers} "
        + " ".join(f"{key}={value:.1f}" for key, value in figures.items())
        + f" db={connection.vendor}"
    )


# --- Matching (exchange/matching.py) ------------------------------------------------------------

MATCHING_ORDERS = 12  # orders matched in rotation, of one to three items each


def bench_matching_build(organizations: int) -> dict:
    """`organizations` demo organizations (the demo generator: profiles, technologies,
    products; the search index filled at the end), all active participants or partners, the
    facilities catalogue with its machines and offers (facilities/demo.py), a capacity offer
    with capabilities for one organization in 20, one in 10 opted in to two categories, and
    the orders to match (drafts: matching reads no stage)."""
    import datetime as dt

    from django.utils import timezone

    from innocluster.features.directory.services import search_index_deferred
    from innocluster.features.exchange.lists import MATCH_PHRASES
    from innocluster.features.exchange.models import Category, Item, Order, SupplierInterest
    from innocluster.features.facilities import demo as facilities_demo
    from innocluster.features.facilities.models import CapacityOffer, OfferCapability, Resource
    from innocluster.platform.accounts.models import User
    from innocluster.platform.organizations.demo import load_demo_data
    from innocluster.platform.organizations.models import Organization
    from innocluster.platform.status.models import Status

    rng = random.Random(41)
    started = time.perf_counter()
    with search_index_deferred():
        load_demo_data(count=organizations, seed=1)
    ids = list(Organization.objects.order_by("pk").values_list("pk", "region"))
    today = timezone.localdate()
    Status.objects.bulk_create(
        (
            Status(
                organization_id=pk,
                kind="participant" if region == "77" else "partner",
                state="active",
                register_number=f"B-{pk:08d}",
                granted_on=today,
            )  # fmt: skip
            for pk, region in ids
        ),
        batch_size=5000,
        ignore_conflicts=True,
    )
    facilities_demo.build(count=min(500, max(40, organizations // 70)), seed=1)
    capabilities = [
        "milling", "turning", "3d_printing", "laser_cutting", "sheet_metal", "welding",
        "casting", "injection_moulding", "pcb", "instrument_making",
    ]  # fmt: skip
    words = {
        "milling": "Фрезерная обработка на станках с ЧПУ", "turning": "Токарная обработка",
        "3d_printing": "3D-печать металлом и пластиком", "laser_cutting": "Лазерная резка листа",
        "sheet_metal": "Листовая штамповка и гибка", "welding": "Сварка аргоном",
        "casting": "Литьё по выплавляемым моделям",
        "injection_moulding": "Литьё пластмасс под давлением", "pcb": "Монтаж печатных плат",
        "instrument_making": "Приборостроение под заказ",
    }  # fmt: skip
    offers = []
    for pk, region in ids[::20]:
        code = rng.choice(capabilities)
        offers.append(
            CapacityOffer(
                organization_id=pk,
                kind="production",
                title=words[code],
                region=region,
                address="Москва" if region == "77" else "Регион",
                description="Свободные мощности участка, работаем по чертежам заказчика.",
                available_from=today,
            )  # fmt: skip
        )
    offers = CapacityOffer.objects.bulk_create(offers, batch_size=2000)
    OfferCapability.objects.bulk_create(
        (OfferCapability(offer=o, code=rng.choice(capabilities)) for o in offers), batch_size=5000
    )
    categories = list(Category.objects.prefetch_related("units"))
    interests = SupplierInterest.objects.bulk_create(
        (
            SupplierInterest(organization_id=pk, updated_by=User.objects.order_by("pk").first())
            for pk, _ in ids[::10]
        ),
        batch_size=5000,
    )
    through = SupplierInterest.categories.through
    through.objects.bulk_create(
        (
            through(supplierinterest_id=i.pk, category_id=c.pk)
            for i in interests
            for c in rng.sample(categories, 2)
        ),
        batch_size=5000,
    )
    buyer_id = ids[0][0]
    user = User.objects.order_by("pk").first()
    now = timezone.now()
    orders = Order.objects.bulk_create(
        Order(
            organization_id=buyer_id,
            created_by=user,
            title=f"Заказ {n}",
            delivery_place="Москва",
            delivery_date=today + dt.timedelta(days=60),
            questions_until=now + dt.timedelta(days=5),
            offers_until=now + dt.timedelta(days=10),
        )  # fmt: skip
        for n in range(MATCHING_ORDERS)
    )
    items = []
    for order in orders:
        for position, category in enumerate(rng.sample(categories, rng.randint(1, 3))):
            items.append(
                Item(
                    order=order,
                    position=position,
                    name=f"Деталь {position}",
                    category=category,
                    quantity=Decimal(10),
                    unit=category.units.all()[0],
                )  # fmt: skip
            )
    Item.objects.bulk_create(items)
    assert all(c.code in MATCH_PHRASES for c in categories)
    return {
        "orgs": len(ids),
        "offers": CapacityOffer.objects.count(),
        "equipment": Resource.objects.filter(kind="equipment").count(),
        "interests": len(interests),
        "orders": [o.pk for o in orders],
        "load_s": time.perf_counter() - started,
    }


def bench_matching_baseline(order) -> None:
    """What the platform's one search costs for the same order: the search box asked each of
    the order's categories by name (the sources' first matches and the organizations' first
    page of 20 by relevance), with none of the matching's reasons or scores."""
    from innocluster.features.directory.selectors import organization_search_queryset
    from innocluster.platform.search import sources

    for item in order.items.all():
        name = item.category.name
        sources.sections(query=name)
        list(organization_search_queryset(data={"q": name, "sort": "relevance"})[:20])


def bench_matching(options) -> None:
    from django.db import connection

    from innocluster.features.exchange.matching import match_order
    from innocluster.features.exchange.models import Order

    built = bench_matching_build(options.matching_orgs)
    print(
        f"matching: {built['orgs']:,} organizations, {built['equipment']:,} machines, "
        f"{built['offers']:,} capacity offers, {built['interests']:,} opted in; "
        f"loaded in {built['load_s']:.0f} s"
    )
    orders = [
        Order.objects.prefetch_related("items__category").get(pk=pk) for pk in built["orders"]
    ]
    found = [len(match_order(order)) for order in orders]  # warm: caches, statements
    for order in orders:
        bench_matching_baseline(order)
    repeat = max(1, options.repeat // 3)
    wall, cpu, base = [], [], []
    for _ in range(repeat):
        for order in orders:
            w, c = timed(lambda o=order: match_order(o), 1)
            wall += w
            cpu += c
            base += timed(lambda o=order: bench_matching_baseline(o), 1)[0]
    print(
        f"matching an order ({len(orders)} orders, {min(found)}–{max(found)} suppliers "
        f"each): {summary(wall)}; cpu {summary(cpu)}; the plain search of its categories "
        f"(baseline): {summary(base)}; ratio of medians "
        f"{statistics.median(wall) / statistics.median(base):.2f}"
    )
    print(
        f"RESULT name=exchange_matching orgs={built['orgs']} offers={built['offers']} "
        f"equipment={built['equipment']} median_ms={statistics.median(wall):.1f} "
        f"p95_ms={p95(wall):.1f} cpu_p95_ms={p95(cpu):.1f} "
        f"baseline_median_ms={statistics.median(base):.1f} baseline_p95_ms={p95(base):.1f} "
        f"ratio={statistics.median(wall) / statistics.median(base):.2f} db={connection.vendor}"
    )


def main(argv=None):
    options = parse_args(argv)
    in_throwaway_folder("exchange-bench-", options.database_url, lambda w: run(options, w))


if __name__ == "__main__":
    main()
