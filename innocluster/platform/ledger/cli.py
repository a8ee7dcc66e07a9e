"""`ledger verify` without Django: python -m innocluster.platform.ledger.cli verify --url https://…

The management command `manage.py ledger verify` runs the same code. Exit status 0 when the
ledger verifies, 1 when it does not (the message names the first bad entry), 2 on bad usage.
"""

import argparse
import sys
from typing import TextIO

from .encoding import from_base64
from .sources import FileSource, HttpSource, load_checkpoint_file
from .verify import READ_ERRORS, Report, unreadable, verify_entry, verify_log


def add_verify_arguments(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--file", help="an export written by `ledger export` (offline)")
    where.add_argument("--url", help="the platform, e.g. https://example.org (online)")
    parser.add_argument(
        "--checkpoint",
        metavar="FILE",
        help="a checkpoint saved earlier (JSON from /api/v1/ledger/checkpoint): the log must "
        "still be consistent with it; with --entry, the checkpoint to prove the entry against",
    )
    parser.add_argument("--entry", type=int, metavar="INDEX", help="verify this one entry only")
    parser.add_argument("--public-key", help="pin the log's key (base64); default: as published")
    parser.add_argument(
        "--sample",
        type=int,
        default=100,
        help="online: how many served inclusion proofs to check (0 = every entry; default 100)",
    )
    parser.add_argument("--verbose", action="store_true", help="report each step")


def run_verify(options: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if options.entry is not None and not options.checkpoint:
        err.write("--entry needs --checkpoint FILE\n")
        return 2
    try:
        report = _verify(options, out)
    except READ_ERRORS as error:
        report = unreadable(error)
    (out if report.ok else err).write(_describe(report) + "\n")
    return 0 if report.ok else 1


def _verify(options: argparse.Namespace, out: TextIO) -> Report:
    source = FileSource(options.file) if options.file else HttpSource(options.url)
    pinned = (
        from_base64(options.public_key, name="--public-key", size=32)
        if options.public_key
        else None
    )
    checkpoint, carried_key = (
        load_checkpoint_file(options.checkpoint) if options.checkpoint else (None, None)
    )
    if carried_key and carried_key != (pinned or source.public_key):
        return Report(ok=False, message="the checkpoint file carries a different public key")
    if options.entry is not None:
        return verify_entry(source, index=options.entry, checkpoint=checkpoint, pinned_key=pinned)
    progress = (lambda line: out.write(line + "\n")) if options.verbose else None
    return verify_log(
        source, trusted=checkpoint, pinned_key=pinned, sample=options.sample, progress=progress
    )


def _describe(report: Report) -> str:
    if not report.ok:
        return f"FAIL: {report.message}"
    root = f"\nroot {report.root_hash.hex()}" if report.root_hash else ""
    return report.message + root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ledger", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    add_verify_arguments(commands.add_parser("verify", help="verify a ledger"))
    options = parser.parse_args(argv)
    return run_verify(options, sys.stdout, sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
