"""The ledger's Ed25519 signing key: from the environment, or generated once into var/.

LEDGER_SIGNING_KEY (base64 of the raw 32-byte private key) wins. Without it the key lives in
LEDGER_SIGNING_KEY_FILE, created on first use with mode 0600; several processes starting at
once agree on one key because the file is published with an atomic link that only one wins.
"""

import logging
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .encoding import EncodingError, from_base64, key_id, to_base64

logger = logging.getLogger(__name__)


def signing_key() -> Ed25519PrivateKey:
    return _load_key(settings.LEDGER_SIGNING_KEY, str(settings.LEDGER_SIGNING_KEY_FILE))


def public_key_bytes() -> bytes:
    return (
        signing_key()
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )


def public_key_pem() -> str:
    return (
        signing_key()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def current_key_id() -> str:
    return key_id(public_key_bytes())


def sign(note: bytes) -> bytes:
    return signing_key().sign(note)


def generate_key_text() -> str:
    """A new private key as LEDGER_SIGNING_KEY expects it."""
    return to_base64(_raw_private(Ed25519PrivateKey.generate()))


@lru_cache(maxsize=4)
def _load_key(env_value: str, path: str) -> Ed25519PrivateKey:
    text = env_value or _read_or_create(Path(path))
    try:
        raw = from_base64(text.strip(), name="LEDGER_SIGNING_KEY", size=32)
    except EncodingError as error:
        raise ImproperlyConfigured(str(error)) from None
    return Ed25519PrivateKey.from_private_bytes(raw)


def _raw_private(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def _read_or_create(path: Path) -> str:
    if not path.exists():
        _publish_new_key(path)
    return path.read_text()


def _publish_new_key(path: Path) -> None:
    """Write a fresh key beside `path`, then link it into place unless another process won."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".ledger-key-")
    try:
        with os.fdopen(handle, "w") as file:  # mkstemp already made it 0600
            file.write(generate_key_text() + "\n")
            file.flush()
            os.fsync(file.fileno())
        os.link(temporary, path)
        logger.warning("Generated a new ledger signing key in %s: back it up.", path)
    except FileExistsError:
        pass
    finally:
        os.unlink(temporary)
