"""The bytes the ledger hashes and signs. No Django: the verifier needs nothing else.

An entry is canonical JSON (keys sorted, no spaces, UTF-8, no floats) of
{"index", "timestamp", "kind", "subject", "payload"}: its position and time are inside the
hashed data, so neither can be changed without changing the leaf hash.

A checkpoint is a signed note in the shape of the C2SP tlog-checkpoint format:

    <origin>
    <tree size>
    <base64 root hash>
    time <RFC 3339 timestamp>

signed with Ed25519 over exactly those bytes (each line ends with a newline).
"""

import base64
import binascii
import datetime as dt
import hashlib
import json
import re
import uuid
from decimal import Decimal
from json.encoder import encode_basestring

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .merkle import HASH_SIZE

HEX_HASH = re.compile(r"^[0-9a-fA-F]{64}$")


class EncodingError(ValueError):
    """Data that cannot be put on the ledger, or a hash or key that is malformed."""


def _plain(value):
    """JSON-ready values with one spelling each; floats are refused (their text varies)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise EncodingError("Payload keys must be strings.")
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, dt.datetime):
        return format_time(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise EncodingError(f"{type(value).__name__} cannot go on the ledger: use str or Decimal.")


def canonical_json(value) -> str:
    """Sorted keys, no insignificant spaces, non-ASCII kept as UTF-8."""
    return _dumps(_plain(value))


# json.dumps with these options would build the same encoder on every call
_ENCODER = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
)


def _dumps(plain) -> str:
    return _ENCODER.encode(plain)


def format_time(moment: dt.datetime) -> str:
    """RFC 3339 in UTC with microseconds: one spelling for one instant."""
    if moment.tzinfo is None:
        raise EncodingError("Ledger times must be timezone-aware.")
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def entry_data(*, index: int, timestamp: dt.datetime, kind: str, subject: str, payload) -> str:
    """The canonical text of an entry: what its leaf hash is computed from."""
    return canonical_json(
        {
            "index": index,
            "timestamp": format_time(timestamp),
            "kind": kind,
            "subject": subject,
            "payload": payload,
        }
    )


def entry_text(
    *, index: int, timestamp: dt.datetime, kind: str, subject: str, payload_json: str
) -> str:
    """`entry_data`, the same text, from the payload's canonical JSON already computed.

    Canonical JSON of an object is its members in key order, each value encoded on its own,
    so the entry's text is the payload's text framed by the other members, encoded as the
    encoder does (int as its repr, strings by its `encode_basestring`): the append path
    encodes each payload once, when validating it.
    """
    if type(index) is not int:  # a bool or an int subclass would not print as JSON does
        raise EncodingError("An entry's index is an int.")
    time, kind, subject = map(encode_basestring, (format_time(timestamp), kind, subject))
    members = f'"index":{index},"kind":{kind},"payload":{payload_json},"subject":{subject}'
    return "{" + members + f',"timestamp":{time}' + "}"


def parse_entry(data: str, *, index: int) -> dict:
    """The content of an entry's text, checked for canonical form and for its position."""
    try:
        content = json.loads(data)
    except ValueError as error:
        raise EncodingError(f"entry #{index} is not valid JSON: {error}") from None
    if not isinstance(content, dict) or content.get("index") != index:
        raise EncodingError(f"entry #{index} does not carry its own index")
    try:
        canonical = _dumps(content)  # parsed JSON is plain already: no need for _plain
    except ValueError:
        canonical = None
    if canonical != data:
        raise EncodingError(f"entry #{index} is not in canonical form")
    return content


def checkpoint_note(*, origin: str, tree_size: int, root_hash: bytes, timestamp: str) -> bytes:
    """The exact bytes a checkpoint's signature covers."""
    root = base64.b64encode(root_hash).decode()
    return f"{origin}\n{tree_size}\n{root}\ntime {timestamp}\n".encode()


def key_id(public_key: bytes) -> str:
    """A short name for a public key: the first 8 bytes of its SHA-256, in hex."""
    return hashlib.sha256(public_key).hexdigest()[:16]


def verify_signature(public_key: bytes, note: bytes, signature: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, note)
    except (InvalidSignature, ValueError):
        return False
    return True


def hash_from_hex(text: str, *, name: str = "hash") -> bytes:
    """A 32-byte hash from 64 hex digits; anything else is an EncodingError."""
    if not isinstance(text, str) or not HEX_HASH.match(text):
        raise EncodingError(f"{name} must be {HASH_SIZE * 2} hexadecimal digits.")
    return bytes.fromhex(text)


def from_base64(text: str, *, name: str, size: int | None = None) -> bytes:
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, TypeError, ValueError):
        raise EncodingError(f"{name} is not valid base64.") from None
    if size is not None and len(raw) != size:
        raise EncodingError(f"{name} must be {size} bytes, not {len(raw)}.")
    return raw


def to_base64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()
