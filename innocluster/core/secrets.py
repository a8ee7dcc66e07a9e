"""Secrets handed to people (API tokens, invitation links) are stored only as SHA-256.

A leaked database then holds nothing that can be used to sign in or to join.
"""

import hashlib
import secrets


def new_secret(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
