"""How fast the transparency ledger records, proves and verifies.

Measures, on a throw-away database (a SQLite file in a temporary directory by default, or a
PostgreSQL database created and dropped here with --database-url):

1. appends through the real service, each in its own transaction, on an empty log: from one
   client, then from --clients processes at once while the sequencer runs as it does in
   production (the checkpoint task every LEDGER_CHECKPOINT_DELAY seconds); the clock stops
   when every fact is an entry in the log, and the sequencer's own rate is reported too;
2. the log filled to its full size (1,000,000 entries) through `ledger_append_many`, in
   batches of 1,000, sequenced and signed every 10,000 entries;
3. the appends of 1. again, now on the full log (the rate must not fall);
4. inclusion proofs at random indexes: the selector, and the API endpoint end to end;
5. `ledger export`, then the offline verifier over the whole log: every signature, every
   entry, every checkpoint's root, every consistency proof.

    python benchmarks/ledger.py --quick      # 20,000 entries, 10-20 seconds
    python benchmarks/ledger.py              # 1,000,000 entries
    python benchmarks/ledger.py --database-url postgres://postgres@127.0.0.1:5432/ledger_bench

Ends with one line:
RESULT name=ledger appends_per_s=… concurrent_appends_per_s=… proof_p95_ms=… verify_1m_s=…
(appends_per_s: one client; concurrent_appends_per_s: --clients appenders, every fact sequenced;
the lower of the two rounds; verify_s for other sizes)
"""

import argparse
import multiprocessing
import random
import time
from pathlib import Path

from _support import in_throwaway_folder, p95, setup_django, summary  # benchmarks/_support.py

BATCH = 1_000
KINDS = (
    "participant_status.granted",
    "review.decision",
    "support.award",
    "support.payment",
    "agreement.accepted",
)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="20,000 entries, for CI")
    parser.add_argument("--entries", type=int, help="log size (default 1,000,000)")
    parser.add_argument(
        "--appends", type=int, help="appends per round by all clients; one alone does half"
    )
    parser.add_argument("--clients", type=int, default=8, help="concurrent appenders (default 8)")
    parser.add_argument("--proofs", type=int, help="inclusion proofs to time (default 2,000)")
    parser.add_argument("--checkpoint-every", type=int, help="bulk entries per checkpoint")
    parser.add_argument("--database-url", help="a PostgreSQL URL, created and dropped here")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args(argv)
    quick = options.quick
    options.entries = options.entries or (20_000 if quick else 1_000_000)
    options.appends = options.appends or (2_000 if quick else 20_000)
    options.proofs = options.proofs or (200 if quick else 2_000)
    options.checkpoint_every = options.checkpoint_every or (2_000 if quick else 10_000)
    if options.clients < 1 or options.entries < 2 * per_round(options) + BATCH:
        parser.error("--entries must leave room for two rounds of --appends and one batch")
    return options


def per_round(options) -> int:
    """Facts one round of appends adds: --appends/2 from one client, then --appends from all."""
    return options.appends // 2 + options.appends // options.clients * options.clients


# --- Measurements ----------------------------------------------------------------------------
def time_appends(count: int, start: int) -> tuple[float, list[float]]:
    """Real appends through the service, each in its own transaction. (rate/s, latencies)"""
    from django.db import transaction

    from innocluster.platform.ledger.services import ledger_append

    latencies = []
    began = time.perf_counter()
    for number in range(start, start + count):
        tick = time.perf_counter()
        with transaction.atomic():
            ledger_append(**_fact(number))
        latencies.append((time.perf_counter() - tick) * 1000)
    return count / (time.perf_counter() - began), latencies


def time_sequencing() -> tuple[float, int]:
    """Sequence the whole queue and sign, as the task does. (facts sequenced per s, count)"""
    from innocluster.platform.ledger.services import ledger_checkpoint_sign, ledger_sequence

    began = time.perf_counter()
    count = ledger_sequence()
    ledger_checkpoint_sign()
    return count / (time.perf_counter() - began), count


def time_concurrent_appends(count: int, start: int, clients: int) -> tuple[float, list[float]]:
    """`clients` processes append `count` facts, one transaction each, while this process runs
    the sequencer as the worker would. The clock stops when every fact is in the log.
    (facts appended and sequenced per s, latencies of the appends)"""
    from django.conf import settings
    from django.db import connections

    from innocluster.platform.ledger.selectors import ledger_size

    share = count // clients
    target = ledger_size() + share * clients
    connections.close_all()  # each process opens its own connection
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    workers = [
        context.Process(target=_appender, args=(start + n * share, share, results))
        for n in range(clients)
    ]
    began = time.perf_counter()
    for worker in workers:
        worker.start()
    latencies: list[float] = []
    expected = share * clients
    while len(latencies) < expected:
        _sequence_while_waiting(results, latencies, expected, settings.LEDGER_CHECKPOINT_DELAY)
        finished = not any(worker.is_alive() for worker in workers) and results.empty()
        if finished and len(latencies) < expected:
            raise SystemExit("an appender failed: see its traceback above")
    elapsed = time.perf_counter() - began
    for worker in workers:
        worker.join()
    if ledger_size() != target:
        raise SystemExit(f"the log holds {ledger_size()} entries, not {target}")
    return share * clients / elapsed, latencies


def _sequence_while_waiting(results, latencies: list, expected: int, delay: float) -> None:
    """Collect the appenders' latencies for `delay` seconds, or until all `expected` are in,
    then run the sequencer once (as the task would, one delay after the previous run)."""
    import queue

    from innocluster.platform.ledger.services import ledger_checkpoint_sign

    deadline = time.perf_counter() + delay
    while len(latencies) < expected and (left := deadline - time.perf_counter()) > 0:
        try:
            latencies += results.get(timeout=left)
        except queue.Empty:
            break
    ledger_checkpoint_sign()


def _appender(start: int, count: int, results) -> None:
    from django.db import connections

    _rate, latencies = time_appends(count, start)
    connections.close_all()
    results.put(latencies)


def _payload(number: int) -> dict:
    return {
        "organization": f"organization:{number % 41_000}",
        "decision": "approved" if number % 3 else "rejected",
        "amount": f"{(number % 2_000) * 1_000}.00",
        "document_sha256": f"{number:064x}",
    }


def bulk_fill(target: int, checkpoint_every: int) -> float:
    """Grow the log to `target` entries in batches through `ledger_append_many`, signing a
    checkpoint every `checkpoint_every` entries. Returns entries appended per second."""
    from django.db import transaction

    from innocluster.platform.ledger.selectors import ledger_size
    from innocluster.platform.ledger.services import ledger_append_many, ledger_checkpoint_sign

    size, began, appended = ledger_size(), time.perf_counter(), 0
    while size < target:
        count = min(BATCH, checkpoint_every - size % checkpoint_every, target - size)
        with transaction.atomic():
            ledger_append_many(facts=[_fact(n) for n in range(size, size + count)])
        size, appended = size + count, appended + count
        if size % checkpoint_every == 0 or size == target:
            ledger_checkpoint_sign()
        if size % 100_000 == 0:
            print(f"  … {size:,} entries", flush=True)
    return appended / (time.perf_counter() - began)


def _fact(number: int) -> dict:
    return {
        "kind": KINDS[number % 5],
        "subject": f"application:{number}",
        "payload": _payload(number),
    }


def time_proofs(count: int, size: int, rng: random.Random) -> tuple[list[float], list[float]]:
    """Inclusion proofs at random indexes: (selector latencies, API latencies), in ms."""
    from django.test import Client

    from innocluster.platform.ledger.selectors import inclusion_proof

    client, direct, api = Client(HTTP_HOST="localhost"), [], []
    for _ in range(count):
        index = rng.randrange(size)
        tick = time.perf_counter()
        inclusion_proof(index=index, tree_size=size)
        direct.append((time.perf_counter() - tick) * 1000)
        tick = time.perf_counter()
        response = client.get(f"/api/v1/ledger/entries/{index}/proof", {"tree_size": size})
        api.append((time.perf_counter() - tick) * 1000)
        assert response.status_code == 200, response.content
    return direct, api


def export_and_verify(workdir: Path) -> tuple[float, float, str]:
    from innocluster.platform.ledger.export import ledger_export
    from innocluster.platform.ledger.sources import FileSource
    from innocluster.platform.ledger.verify import verify_log

    path = workdir / "ledger.jsonl"
    tick = time.perf_counter()
    with open(path, "w", encoding="utf-8") as out:
        ledger_export(out=out)
    exported = time.perf_counter() - tick
    tick = time.perf_counter()
    report = verify_log(FileSource(str(path)))
    verified = time.perf_counter() - tick
    if not report.ok:
        raise SystemExit(f"the benchmark log does not verify: {report.message}")
    return exported, verified, report.message


def run(options, workdir: Path) -> None:
    setup_django(workdir, options.database_url, tasks_backend="database")
    from innocluster.platform.ledger.selectors import ledger_size
    from innocluster.platform.ledger.services import ledger_checkpoint_sign

    rng = random.Random(options.seed)
    print(f"ledger benchmark: {options.entries:,} entries, database {_engine()}", flush=True)
    single, concurrent = [], []
    single.append(append_round(options, "an empty log", concurrent))
    batch_rate = bulk_fill(options.entries - per_round(options), options.checkpoint_every)
    print(
        f"batched appends to {ledger_size():,} (ledger_append_many, {BATCH:,} a batch, "
        f"sequenced): {batch_rate:,.0f}/s"
    )
    single.append(append_round(options, "the full log", concurrent))
    ledger_checkpoint_sign()
    size = ledger_size()
    direct, api = time_proofs(options.proofs, size, rng)
    print(f"inclusion proof in {size:,} entries, selector: {summary(direct)}")
    print(f"inclusion proof in {size:,} entries, API GET:  {summary(api)}")
    exported, verified, message = export_and_verify(workdir)
    print(f"export: {exported:.1f} s; offline verify: {verified:.1f} s ({message})")
    key = "verify_1m_s" if size >= 1_000_000 else "verify_s"
    print(
        f"RESULT name=ledger appends_per_s={min(single):.0f} "
        f"concurrent_appends_per_s={min(concurrent):.0f} clients={options.clients} "
        f"batch_appends_per_s={batch_rate:.0f} "
        f"proof_p95_ms={p95(api):.2f} proof_selector_p95_ms={p95(direct):.2f} "
        f"{key}={verified:.1f} entries={size} db={_engine()}"
    )


def append_round(options, where: str, concurrent: list[float]) -> float:
    """One client, then --clients at once; prints both. Returns the one-client rate."""
    from innocluster.platform.ledger.selectors import ledger_size

    count = options.appends // 2
    rate, latencies = time_appends(count, ledger_size())
    print(f"appends on {where}, 1 client: {rate:,.0f}/s ({summary(latencies)} each)")
    sequenced, facts = time_sequencing()
    print(f"  sequencing those {facts:,} facts and signing: {sequenced:,.0f}/s")
    clients = options.clients
    count_n = options.appends // clients * clients
    rate_n, latencies = time_concurrent_appends(count_n, ledger_size(), clients)
    print(
        f"appends on {where}, {clients} clients, every fact sequenced: {rate_n:,.0f}/s "
        f"({summary(latencies)} each)"
    )
    concurrent.append(rate_n)
    return rate


def _engine() -> str:
    from django.db import connection

    return connection.vendor


def main(argv=None) -> None:
    options = parse_args(argv)
    in_throwaway_folder("ledger-bench-", options.database_url, lambda w: run(options, w))


if __name__ == "__main__":
    main()
