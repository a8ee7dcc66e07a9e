"""Write the whole ledger to a JSON Lines file that the verifier reads offline (sources.py)."""

import json
from typing import TextIO

from django.conf import settings

from .encoding import format_time, key_id, to_base64
from .models import Checkpoint, Entry
from .selectors import consistency_proof, ledger_size
from .signing import public_key_bytes
from .sources import EXPORT_FORMAT

CHUNK = 5000


def ledger_export(*, out: TextIO) -> int:
    """Write header, checkpoints and entries up to the current size; return the entry count.

    Everything written is consistent: entries and checkpoints stop at the size read first,
    so appends during the export do not tear it.
    """
    size = ledger_size()
    public = public_key_bytes()
    header = {"format": EXPORT_FORMAT, "origin": settings.LEDGER_ORIGIN, "tree_size": size}
    _line(out, {**header, "public_key": to_base64(public), "key_id": key_id(public)})
    _write_checkpoints(out, size)
    for start in range(0, size, CHUNK):
        rows = Entry.objects.filter(index__gte=start, index__lt=min(size, start + CHUNK))
        for index, data, leaf in rows.order_by("index").values_list("index", "data", "leaf_hash"):
            _line(out, {"entry": {"index": index, "data": data, "leaf_hash": bytes(leaf).hex()}})
    return size


def _write_checkpoints(out: TextIO, size: int) -> None:
    previous = None
    for checkpoint in Checkpoint.objects.filter(tree_size__lte=size).order_by("tree_size"):
        record = _checkpoint_record(checkpoint)
        if previous is not None:
            proof = consistency_proof(first=previous, second=checkpoint.tree_size).proof
            record["consistency"] = {"from": previous, "proof": [h.hex() for h in proof]}
        _line(out, {"checkpoint": record})
        previous = checkpoint.tree_size


def _checkpoint_record(checkpoint: Checkpoint) -> dict:
    return {
        "origin": checkpoint.origin,
        "tree_size": checkpoint.tree_size,
        "root_hash": bytes(checkpoint.root_hash).hex(),
        "timestamp": format_time(checkpoint.timestamp),
        "key_id": checkpoint.key_id,
        "signature": to_base64(bytes(checkpoint.signature)),
    }


def _line(out: TextIO, obj: dict) -> None:
    out.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n")
