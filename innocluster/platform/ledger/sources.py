"""Where the verifier reads a ledger from: an export file (offline) or the public API (online).

No Django here. Both sources give the same things: the public key, the checkpoints, the
entries in order, and, where the log serves them, inclusion and consistency proofs.

The export is JSON Lines: a header line, one {"checkpoint": …} line per checkpoint (oldest
first, each with the consistency proof from the one before), then one {"entry": …} per entry.
"""

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .encoding import EncodingError, from_base64, hash_from_hex

EXPORT_FORMAT = "innocluster-ledger-export/1"
PAGE = 1000


class SourceError(Exception):
    """The ledger could not be read, or what it served is malformed."""


@dataclass(frozen=True)
class SignedCheckpoint:
    origin: str
    tree_size: int
    root_hash: bytes
    timestamp: str
    key_id: str
    signature: bytes
    consistency: tuple[int, list[bytes]] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class RecordedEntry:
    index: int
    data: str
    leaf_hash: bytes | None  # the hash the log recorded, if it says


def parse_checkpoint(obj: dict) -> SignedCheckpoint:
    try:
        consistency = obj.get("consistency")
        return SignedCheckpoint(
            origin=str(obj["origin"]),
            tree_size=int(obj["tree_size"]),
            root_hash=hash_from_hex(obj["root_hash"], name="root_hash"),
            timestamp=str(obj["timestamp"]),
            key_id=str(obj["key_id"]),
            signature=from_base64(obj["signature"], name="signature", size=64),
            consistency=_parse_consistency(consistency) if consistency else None,
        )
    except (KeyError, TypeError, ValueError) as error:
        raise SourceError(f"malformed checkpoint: {error}") from None


def _parse_consistency(obj: dict) -> tuple[int, list[bytes]]:
    return int(obj["from"]), [hash_from_hex(h, name="proof") for h in obj["proof"]]


def parse_entry(obj: dict) -> RecordedEntry:
    try:
        recorded = obj.get("leaf_hash")
        leaf = hash_from_hex(recorded, name="leaf_hash") if recorded else None
        return RecordedEntry(int(obj["index"]), str(obj["data"]), leaf)
    except (KeyError, TypeError, ValueError) as error:
        raise SourceError(f"malformed entry: {error}") from None


def load_checkpoint_file(path: str) -> tuple[SignedCheckpoint, bytes | None]:
    """A checkpoint saved from /checkpoint, and the public key it carries, if any."""
    try:
        with open(path, encoding="utf-8") as file:
            obj = json.load(file)
    except (OSError, ValueError) as error:
        raise SourceError(f"cannot read checkpoint {path}: {error}") from None
    key = obj.get("public_key")
    return parse_checkpoint(obj), from_base64(key, name="public_key", size=32) if key else None


class FileSource:
    """An export written by `manage.py ledger export`: everything, offline."""

    proofs_served = False

    def __init__(self, path: str):
        self.path = path
        with self._open() as file:
            header = self._header(file.readline())
        self.origin = header.get("origin")
        self.public_key = from_base64(header["public_key"], name="public_key", size=32)

    def _open(self):
        try:
            return open(self.path, encoding="utf-8")
        except OSError as error:
            raise SourceError(f"cannot read {self.path}: {error}") from None

    @staticmethod
    def _header(line: str) -> dict:
        try:
            header = json.loads(line)
        except ValueError:
            header = None
        if not isinstance(header, dict) or header.get("format") != EXPORT_FORMAT:
            raise SourceError(f"not a ledger export (expected format {EXPORT_FORMAT})")
        return header

    def _lines(self, key: str, *, leading: bool = False) -> Iterator[dict]:
        """The `key` objects of the file; with `leading`, only those before any other kind."""
        with self._open() as file:
            file.readline()
            for number, line in enumerate(file, start=2):
                try:
                    obj = json.loads(line)
                except ValueError:
                    raise SourceError(f"line {number} of the export is not JSON") from None
                if key in obj:
                    yield obj[key]
                elif leading:
                    return

    def checkpoints(self) -> list[SignedCheckpoint]:
        # The export writes every checkpoint before the first entry.
        return [parse_checkpoint(obj) for obj in self._lines("checkpoint", leading=True)]

    def entries(self) -> Iterator[RecordedEntry]:
        return (parse_entry(obj) for obj in self._lines("entry"))

    def consistency(self, first: int, second: int) -> list[bytes] | None:
        return None

    def inclusion(self, index: int, tree_size: int) -> list[bytes] | None:
        return None


def http_fetch(url: str) -> dict:
    if not url.startswith(("http://", "https://")):
        raise SourceError(f"{url}: only http:// and https:// URLs are fetched")
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return json.load(response)
    except urllib.error.HTTPError as error:
        raise SourceError(f"{url}: HTTP {error.code} {_problem_detail(error)}") from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise SourceError(f"{url}: {error}") from None


def _problem_detail(error: urllib.error.HTTPError) -> str:
    try:
        return json.load(error).get("detail", "")
    except (ValueError, AttributeError):
        return ""


class HttpSource:
    """The public API of a running platform: /api/v1/ledger/…"""

    proofs_served = True

    def __init__(self, base_url: str, fetch: Callable[[str], dict] = http_fetch):
        if not base_url.startswith(("http://", "https://", "/")):
            raise SourceError("the URL must start with http:// or https://")
        base_url = base_url.rstrip("/")
        if not base_url.endswith("/ledger"):
            base_url += "/api/v1/ledger"
        self.base, self.fetch = base_url, fetch
        key = self.get("public-key")
        self.origin = key.get("origin")
        self.public_key = from_base64(key["public_key"], name="public_key", size=32)

    def get(self, path: str, **params) -> dict:
        query = urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})
        return self.fetch(f"{self.base}/{path}" + (f"?{query}" if query else ""))

    def checkpoints(self) -> list[SignedCheckpoint]:
        found, page = [], 1
        while page:
            body = self.get("checkpoints", page=page, page_size=100)
            found += [parse_checkpoint(obj) for obj in body["results"]]
            page = page + 1 if body.get("next") else None
        return found

    def entries(self) -> Iterator[RecordedEntry]:
        start = 0
        while True:
            body = self.get("entries", start=start, end=start + PAGE)
            if not body["entries"]:
                return
            yield from (parse_entry(obj) for obj in body["entries"])
            start = body["end"]

    def entry(self, index: int) -> RecordedEntry:
        return parse_entry(self.get(f"entries/{index}"))

    def consistency(self, first: int, second: int) -> list[bytes]:
        body = self.get("consistency", first=first, second=second)
        return _hashes(body["proof"])

    def inclusion(self, index: int, tree_size: int) -> list[bytes]:
        body = self.get(f"entries/{index}/proof", tree_size=tree_size)
        return _hashes(body["audit_path"])


def _hashes(values: list[str]) -> list[bytes]:
    try:
        return [hash_from_hex(value) for value in values]
    except EncodingError as error:
        raise SourceError(str(error)) from None
